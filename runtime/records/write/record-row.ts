/**
 * The row of a record in its level table: inserted with its links, organisation, geometry and column
 * fields; updated under optimistic locking (`WHERE id = $1 AND row_version = $2`), which bumps
 * row_version and the audit columns.
 */
import { ident, type Queryable, qualified } from '../../db/database.ts';
import type { Actor } from '../access.ts';
import type { LevelPlan } from '../model/module-plan.ts';
import { writeCast, writeValue } from '../sql/column-sql.ts';
import { FieldParams, run } from './statement.ts';

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

/** Column name → SQL value expression of everything the record's own row holds. */
function assignments(plan: LevelPlan, write: RecordWrite, p: FieldParams): Array<[string, string]> {
  const out: Array<[string, string]> = plan.parents.map((l) => [
    l.column,
    p.field(`/${l.column}`, write.links[l.column] ?? null, 'uuid'),
  ]);
  if (plan.hasGeometry)
    out.push([
      'geom',
      writeCast(p.field('/geometry', writeValue(write.geometry, { geometry: 'any' })), { geometry: 'any' }),
    ]);
  for (const store of plan.shape.stores) {
    if (store.kind !== 'column' || write.kept.has(store.field.key)) continue;
    const value = writeValue(write.values[store.field.key], store.type);
    out.push([store.column, writeCast(p.field(`/${store.field.key}`, value), store.type)]);
  }
  return out;
}

export async function insertRow(
  db: Queryable,
  plan: LevelPlan,
  write: RecordWrite,
  actor: Actor,
): Promise<string> {
  const p = new FieldParams();
  const values: Array<[string, string]> = [
    ...(write.id ? [['id', p.field('/id', write.id, 'uuid')] as [string, string]] : []),
    ...assignments(plan, write, p),
    // The version serving the request, not the column's DEFAULT (the version the table was created at).
    ['spec_version', p.bind(plan.protocol.version, 'integer')],
    ['organisation_id', p.bind(actor.organisationId, 'uuid')],
    ['created_by', p.bind(actor.userId, 'uuid')],
    ['updated_at', 'now()'],
    ['updated_by', p.bind(actor.userId, 'uuid')],
  ];
  const table = qualified(plan.shape.table.schema, plan.shape.table.name);
  const { rows } = await run(
    db,
    `INSERT INTO ${table} (${values.map(([c]) => ident(c)).join(', ')}) VALUES (${values.map(([, v]) => v).join(', ')}) RETURNING id`,
    p,
  );
  return String(rows[0]?.id);
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
  scope: (p: FieldParams) => string | undefined,
): Promise<boolean> {
  const p = new FieldParams();
  const id = p.bind(target.id, 'uuid');
  const version = p.field('/row_version', target.rowVersion, 'integer');
  const sets = [
    ...assignments(plan, write, p),
    ['row_version', 'r.row_version + 1'],
    ['spec_version', p.bind(plan.protocol.version, 'integer')],
    ['updated_at', 'now()'],
    ['updated_by', p.bind(actor.userId, 'uuid')],
  ];
  const limit = scope(p);
  const table = qualified(plan.shape.table.schema, plan.shape.table.name);
  const { rows } = await run(
    db,
    `UPDATE ${table} r SET ${sets.map(([c, v]) => `${ident(c ?? '')} = ${v}`).join(', ')} WHERE r.id = ${id} AND r.row_version = ${version}${limit ? ` AND (${limit})` : ''} RETURNING r.id`,
    p,
  );
  return rows.length > 0;
}
