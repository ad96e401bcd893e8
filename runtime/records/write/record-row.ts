/**
 * The row of a record in its level table: inserted with its links, organisation, geometry and column
 * fields; updated under optimistic locking (`WHERE r.id = $1 AND r.row_version = $2`), which bumps
 * row_version and the audit columns.
 */
import { type Expression, type SqlBool, sql } from 'kysely';
import type { Queryable } from '../../db/database.ts';
import type { Actor } from '../access.ts';
import type { LevelPlan } from '../model/module-plan.ts';
import { writeCast, writeValue } from '../sql/column-sql.ts';
import { allOf, bound, columnOf, idIs, recordsDb, tableAs } from '../sql/dynamic.ts';
import { FieldValues, run } from './statement.ts';

/** A validated record, ready to be written. */
export interface RecordWrite {
  readonly id?: string;
  /** `<parent>_id` → id or null. */
  readonly links: Readonly<Record<string, string | null>>;
  readonly geometry: unknown;
  /** Field key → value, resolved by the rules (hidden fields null, computed ones computed). */
  readonly values: Readonly<Record<string, unknown>>;
  /** Read-only fields an update leaves as stored. */
  readonly kept: ReadonlySet<string>;
}

type Assignments = Record<string, Expression<unknown>>;

const GEOMETRY = { geometry: 'any' } as const;

/** Column name → value expression of everything the record's own row holds. */
function assignments(plan: LevelPlan, write: RecordWrite, f: FieldValues): Assignments {
  const out: Assignments = {};
  for (const l of plan.parents)
    out[l.column] = bound(f.field(`/${l.column}`, write.links[l.column] ?? null), 'uuid');
  if (plan.hasGeometry)
    out.geom = writeCast(f.field('/geometry', writeValue(write.geometry, GEOMETRY)), GEOMETRY);
  for (const store of plan.shape.stores) {
    if (store.kind !== 'column' || write.kept.has(store.field.key)) continue;
    const value = writeValue(write.values[store.field.key], store.type);
    out[store.column] = writeCast(f.field(`/${store.field.key}`, value), store.type);
  }
  return out;
}

export async function insertRow(
  db: Queryable,
  plan: LevelPlan,
  write: RecordWrite,
  actor: Actor,
): Promise<string> {
  const f = new FieldValues();
  const values: Assignments = {
    ...(write.id ? { id: bound(f.field('/id', write.id), 'uuid') } : {}),
    ...assignments(plan, write, f),
    // The version serving the request, not the column's DEFAULT (the version the table was created at).
    spec_version: bound(plan.protocol.version, 'integer'),
    organisation_id: bound(actor.organisationId, 'uuid'),
    created_by: bound(actor.userId, 'uuid'),
    updated_at: sql`now()`,
    updated_by: bound(actor.userId, 'uuid'),
  };
  const { schema, name } = plan.shape.table;
  const row = await run(
    recordsDb(db).withSchema(schema).insertInto(name).values(values).returning('id'),
    f,
  ).then((rows) => rows[0]);
  return String(row?.id);
}

/**
 * Updates the row if it is still at `rowVersion` and `scope` lets the actor change it; returns false
 * when no row matched (missing, hidden by the scope, or changed since it was read).
 */
export async function updateRow(
  db: Queryable,
  plan: LevelPlan,
  target: { readonly id: string; readonly rowVersion: number },
  write: RecordWrite,
  actor: Actor,
  scope: Expression<SqlBool> | undefined,
): Promise<boolean> {
  const f = new FieldValues();
  const version = bound(f.field('/row_version', target.rowVersion), 'integer');
  const sets: Assignments = {
    ...assignments(plan, write, f),
    row_version: sql`${columnOf('r', 'row_version')} + 1`,
    spec_version: bound(plan.protocol.version, 'integer'),
    updated_at: sql`now()`,
    updated_by: bound(actor.userId, 'uuid'),
  };
  const rows = await run(
    recordsDb(db)
      .updateTable(tableAs(plan.shape.table, 'r'))
      .set(sets)
      .where(allOf([idIs(target.id), sql<SqlBool>`${columnOf('r', 'row_version')} = ${version}`, scope]))
      .returning(columnOf('r', 'id').as('id')),
    f,
  );
  return rows.length > 0;
}
