/**
 * Several new records of one level in one statement (the import's batch path): the values of each
 * column bound as one array, `INSERT … SELECT … FROM unnest($1::uuid[], $2::text[], …)`, so the
 * statement has a few dozen parameters whatever the number of rows (a multi-row VALUES list had one per
 * cell: 30 000 for 1 000 observations, each a Kysely node to build and a parameter for PostgreSQL to
 * parse). Each value is cast as `insertRow` casts it: the column's type, geometries from GeoJSON in
 * WGS 84; list columns travel as JSON (an array of arrays cannot be unnested) and become text[] again.
 * Every write carries its id (the caller draws them), so every row names the same columns.
 */
import { type RawBuilder, sql } from 'kysely';
import type { Queryable } from '../../db/database.ts';
import type { Actor } from '../access.ts';
import type { LevelPlan } from '../model/module-plan.ts';
import { SQL_TYPES, writeValue } from '../sql/column-sql.ts';
import { bound, recordsDb } from '../sql/dynamic.ts';
import { insertRow, type RecordWrite } from './record-row.ts';

/** One column of the INSERT: its name, the array's element type, how an element becomes the value. */
interface ArrayColumn {
  readonly column: string;
  readonly element: string;
  readonly value: (element: RawBuilder<unknown>) => RawBuilder<unknown>;
  readonly of: (write: RecordWrite & { readonly id: string }) => unknown;
}

const same = (e: RawBuilder<unknown>) => e;
const geometry = (e: RawBuilder<unknown>) => sql`ST_SetSRID(ST_GeomFromGeoJSON(${e}), 4326)`;
const textList = (e: RawBuilder<unknown>) =>
  sql`CASE WHEN ${e} IS NULL THEN NULL ELSE ARRAY(SELECT jsonb_array_elements_text(${e})) END`;

function arrayColumns(plan: LevelPlan): ArrayColumn[] {
  const columns: ArrayColumn[] = [{ column: 'id', element: 'uuid', value: same, of: (w) => w.id }];
  for (const l of plan.parents)
    columns.push({ column: l.column, element: 'uuid', value: same, of: (w) => w.links[l.column] ?? null });
  if (plan.hasGeometry)
    columns.push({
      column: 'geom',
      element: 'text',
      value: geometry,
      of: (w) => writeValue(w.geometry, { geometry: 'any' }),
    });
  for (const store of plan.shape.stores) {
    if (store.kind !== 'column') continue;
    const { type } = store;
    const key = store.field.key;
    if (typeof type === 'object')
      columns.push({
        column: store.column,
        element: 'text',
        value: geometry,
        of: (w) => writeValue(w.values[key], type),
      });
    else if (type === 'text_list')
      columns.push({
        column: store.column,
        element: 'jsonb',
        value: textList,
        of: (w) => {
          const v = writeValue(w.values[key], type);
          return v === null ? null : JSON.stringify(v);
        },
      });
    else
      columns.push({
        column: store.column,
        element: SQL_TYPES[type],
        value: same,
        of: (w) => writeValue(w.values[key], type),
      });
  }
  return columns;
}

/** Returns each id with its row_version. */
export async function insertRows(
  db: Queryable,
  plan: LevelPlan,
  writes: readonly (RecordWrite & { readonly id: string })[],
  actor: Actor,
): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  if (writes.length === 0) return out;
  // Kept fields leave a column out of one row's INSERT: row by row, as `insertRow` writes them.
  if (writes.some((w) => w.kept.size > 0)) {
    for (const w of writes) out.set(await insertRow(db, plan, w, actor), 1);
    return out;
  }
  const columns = arrayColumns(plan);
  const arrays = columns.map((c) => sql`${writes.map((w) => c.of(w))}::${sql.raw(`${c.element}[]`)}`);
  const names = columns.map((_, i) => sql.id(`c${i}`));
  const { schema, name } = plan.shape.table;
  const user = bound(actor.userId, 'uuid');
  const { rows } = await sql<{ id: string; row_version: number }>`
    INSERT INTO ${sql.id(schema, name)} (${sql.join(columns.map((c) => sql.id(c.column)))},
      spec_version, organisation_id, created_by, updated_at, updated_by)
    SELECT ${sql.join(columns.map((c, i) => c.value(sql`u.${sql.id(`c${i}`)}`)))},
      ${bound(plan.protocol.version, 'integer')}, ${bound(actor.organisationId, 'uuid')}, ${user}, now(), ${user}
    FROM unnest(${sql.join(arrays)}) AS u(${sql.join(names)})
    RETURNING id::text AS id, row_version`.execute(recordsDb(db));
  for (const r of rows) out.set(String(r.id), Number(r.row_version));
  return out;
}
