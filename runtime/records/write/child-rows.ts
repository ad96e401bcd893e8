/**
 * A record's child-table values written in the same transaction as the record: observers, several
 * references, media, group rows (and, below each row, its own child tables). An update deletes the old
 * rows first (a group's row children go with their rows: ON DELETE CASCADE) and writes the new ones.
 */
import { ident, type Queryable, qualified } from '../../db/database.ts';
import type { ChildStore, RecordShape } from '../model/record-shape.ts';
import { writeCast, writeValue } from '../sql/column-sql.ts';
import { FieldParams, run } from './statement.ts';

type Row = Readonly<Record<string, unknown>>;

const CHUNK = 500;
const listOf = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === null || v === undefined ? [] : [v]);
const own = (o: unknown, key: string): unknown =>
  typeof o === 'object' && o !== null && Object.hasOwn(o, key) ? (o as Row)[key] : null;

export async function deleteChildRows(
  db: Queryable,
  shape: RecordShape,
  recordId: string,
  skip: ReadonlySet<string> = new Set(),
): Promise<void> {
  for (const store of shape.stores) {
    if (store.kind === 'column' || store.kind === 'none' || skip.has(store.field.key)) continue;
    const table = store.kind === 'group' ? store.rows.table : store.table;
    await db.query(`DELETE FROM ${qualified(table.schema, table.name)} WHERE record_id = $1::uuid`, [
      recordId,
    ]);
  }
}

/** Inserts the child rows of `values` (a record's or a row's) under `recordId`; `path` prefixes pointers. */
export async function insertChildRows(
  db: Queryable,
  shape: RecordShape,
  recordId: string,
  values: Row,
  path = '',
  skip: ReadonlySet<string> = new Set(),
): Promise<void> {
  for (const store of shape.stores) {
    if (store.kind === 'column' || store.kind === 'none' || skip.has(store.field.key)) continue;
    const items = listOf(values[store.field.key]);
    if (items.length === 0) continue;
    const at = `${path}/${store.field.key}`;
    for (let start = 0; start < items.length; start += CHUNK)
      await insertChunk(db, store, recordId, items.slice(start, start + CHUNK), start, at);
  }
}

async function insertChunk(
  db: Queryable,
  store: ChildStore,
  recordId: string,
  items: readonly unknown[],
  offset: number,
  at: string,
): Promise<void> {
  const p = new FieldParams();
  const record = p.bind(recordId, 'uuid');
  if (store.kind === 'references') {
    const tuples = items.map((t) => `(${record}, ${p.field(at, t, 'uuid')})`);
    await insert(db, store.table, ['record_id', 'target_id'], tuples, p);
    return;
  }
  const position = (i: number) => p.bind(offset + i + 1, 'integer');
  if (store.kind === 'observers') {
    const tuples = items.map(
      (o, i) =>
        `(${record}, ${position(i)}, ${p.field(at, own(o, 'user_id'), 'uuid')}, ${p.field(at, own(o, 'name'), 'text')})`,
    );
    await insert(db, store.table, ['record_id', 'position', 'user_id', 'name'], tuples, p);
    return;
  }
  if (store.kind === 'media') {
    // Completed from suivi.media_file by attachMediaFiles: the client's file_name and mime_type never get here.
    const columns = ['file_name', 'mime_type', 'storage_key', 'title', 'author'];
    const tuples = items.map(
      (m, i) =>
        `(${record}, ${position(i)}, ${columns.map((c) => p.field(at, own(m, c), 'text')).join(', ')})`,
    );
    await insert(db, store.table, ['record_id', 'position', ...columns], tuples, p);
    return;
  }
  const columns = store.rows.stores.flatMap((s) => (s.kind === 'column' ? [s] : []));
  const tuples = items.map((row, i) => {
    const cells = columns.map((c) =>
      writeCast(
        p.field(`${at}/${offset + i}/${c.field.key}`, writeValue(own(row, c.field.key), c.type)),
        c.type,
      ),
    );
    return `(${[record, position(i), ...cells].join(', ')})`;
  });
  const names = ['record_id', 'position', ...columns.map((c) => c.column)];
  const { rows } = await insert(db, store.rows.table, names, tuples, p, 'RETURNING id, position');
  for (const inserted of rows) {
    const index = Number(inserted.position) - 1;
    const row = items[index - offset];
    if (row !== undefined)
      await insertChildRows(db, store.rows, String(inserted.id), row as Row, `${at}/${index}`);
  }
}

function insert(
  db: Queryable,
  table: { readonly schema: string; readonly name: string },
  columns: readonly string[],
  tuples: readonly string[],
  params: FieldParams,
  returning = '',
) {
  const list = columns.map(ident).join(', ');
  return run(
    db,
    `INSERT INTO ${qualified(table.schema, table.name)} (${list}) VALUES ${tuples.join(', ')} ${returning}`,
    params,
  );
}
