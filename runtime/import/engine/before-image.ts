/**
 * A record as stored — its table row and the rows of its child tables (observers, references, media,
 * group rows and theirs), as JSON — taken before an import updates or deletes it, and put back by a
 * rollback exactly as it was (row_version, updated_at and the child rows' ids included), so a rolled
 * back job leaves the tables as they were before it.
 */
import { ident, type Queryable, qualified } from '../../db/database.ts';
import type { LevelPlan } from '../../records/model/module-plan.ts';
import type { RecordShape, TableName } from '../../records/model/record-shape.ts';

export interface BeforeImage {
  readonly row: Record<string, unknown>;
  /** Child-table rows, parents' tables before their children's, in the order to insert them back. */
  readonly children: readonly { readonly table: TableName; readonly rows: Record<string, unknown>[] }[];
}

/** Child tables of a shape, a group's rows before the rows' own child tables. */
function childTables(shape: RecordShape): { table: TableName; shape?: RecordShape }[] {
  const out: { table: TableName; shape?: RecordShape }[] = [];
  for (const store of shape.stores) {
    if (store.kind === 'observers' || store.kind === 'references' || store.kind === 'media')
      out.push({ table: store.table });
    else if (store.kind === 'group') out.push({ table: store.rows.table, shape: store.rows });
  }
  return out;
}

const sqlName = (t: TableName) => qualified(t.schema, t.name);

async function rowsOf(db: Queryable, table: TableName, ownerIds: readonly string[]) {
  if (ownerIds.length === 0) return [];
  const { rows } = await db.query<{ row: Record<string, unknown> }>(
    `SELECT to_jsonb(c) AS row FROM ${sqlName(table)} c WHERE c.record_id = ANY($1::uuid[]) ORDER BY c.record_id, c.position`,
    [ownerIds],
  );
  return rows.map((r) => r.row);
}

async function walk(
  db: Queryable,
  shape: RecordShape,
  ownerIds: readonly string[],
  out: { table: TableName; rows: Record<string, unknown>[] }[],
): Promise<void> {
  for (const child of childTables(shape)) {
    const rows = await rowsOf(db, child.table, ownerIds);
    out.push({ table: child.table, rows });
    if (child.shape)
      await walk(
        db,
        child.shape,
        rows.map((r) => String(r.id)),
        out,
      );
  }
}

export async function captureRecord(
  db: Queryable,
  plan: LevelPlan,
  id: string,
): Promise<BeforeImage | undefined> {
  const { rows } = await db.query<{ row: Record<string, unknown> }>(
    `SELECT to_jsonb(r) AS row FROM ${sqlName(plan.shape.table)} r WHERE r.id = $1::uuid`,
    [id],
  );
  const row = rows[0]?.row;
  if (!row) return undefined;
  const children: { table: TableName; rows: Record<string, unknown>[] }[] = [];
  await walk(db, plan.shape, [id], children);
  return { row, children };
}

/** The writable columns of a table (generated and identity columns excluded). */
async function columnsOf(db: Queryable, table: TableName): Promise<string[]> {
  const { rows } = await db.query<{ name: string }>(
    `SELECT column_name AS name FROM information_schema.columns
      WHERE table_schema = $1 AND table_name = $2 AND is_generated = 'NEVER' AND is_identity = 'NO'
      ORDER BY ordinal_position`,
    [table.schema, table.name],
  );
  return rows.map((r) => r.name);
}

async function insertRows(db: Queryable, table: TableName, rows: readonly Record<string, unknown>[]) {
  if (rows.length === 0) return;
  const columns = (await columnsOf(db, table)).map(ident).join(', ');
  await db.query(
    `INSERT INTO ${sqlName(table)} (${columns})
     SELECT ${columns} FROM jsonb_populate_recordset(NULL::${sqlName(table)}, $1::jsonb)`,
    [JSON.stringify(rows)],
  );
}

async function deleteChildren(db: Queryable, plan: LevelPlan, id: string) {
  for (const child of childTables(plan.shape))
    await db.query(`DELETE FROM ${sqlName(child.table)} WHERE record_id = $1::uuid`, [id]);
}

/** Puts an updated record back as it was. */
export async function restoreRecord(db: Queryable, plan: LevelPlan, image: BeforeImage): Promise<void> {
  const table = plan.shape.table;
  const columns = (await columnsOf(db, table)).filter((c) => c !== 'id').map(ident);
  const id = String(image.row.id);
  await deleteChildren(db, plan, id);
  await db.query(
    `UPDATE ${sqlName(table)} AS r SET (${columns.join(', ')}) =
       (SELECT ${columns.map((c) => `p.${c}`).join(', ')} FROM jsonb_populate_record(NULL::${sqlName(table)}, $1::jsonb) AS p)
     WHERE r.id = $2::uuid`,
    [JSON.stringify(image.row), id],
  );
  for (const child of image.children) await insertRows(db, child.table, child.rows);
}

/** Inserts a deleted record back as it was. */
export async function reinsertRecord(db: Queryable, plan: LevelPlan, image: BeforeImage): Promise<void> {
  await insertRows(db, plan.shape.table, [image.row]);
  for (const child of image.children) await insertRows(db, child.table, child.rows);
}

/** Deletes a record the job inserted (its child-table rows go with it: ON DELETE CASCADE). */
export async function deleteRecord(db: Queryable, plan: LevelPlan, id: string): Promise<void> {
  await db.query(`DELETE FROM ${sqlName(plan.shape.table)} WHERE id = $1::uuid`, [id]);
}

/** The stored row_version of a record, undefined when it is gone. */
export async function rowVersionOf(db: Queryable, plan: LevelPlan, id: string): Promise<number | undefined> {
  const { rows } = await db.query<{ v: number }>(
    `SELECT row_version AS v FROM ${sqlName(plan.shape.table)} WHERE id = $1::uuid`,
    [id],
  );
  return rows[0]?.v;
}
