/**
 * Finding a level's existing records by a row's key: some fields' values (compared as the column's
 * type, so '3' finds 3 and '1.5' finds 1.50), or a UUID; under the row's parent when the level has one
 * in the import. Only records the actor may read are found, as the record API's lists.
 */
import { type Expression, type SqlBool, sql } from 'kysely';
import type { Queryable } from '../../db/database.ts';
import type { AccessScope } from '../../records/access.ts';
import type { LevelPlan } from '../../records/model/module-plan.ts';
import { SQL_TYPES, writeCast, writeValue } from '../../records/sql/column-sql.ts';
import {
  allOf,
  bound,
  castAs,
  columnOf,
  recordsDb,
  type SqlCast,
  tableAs,
} from '../../records/sql/dynamic.ts';

export function columnStore(plan: LevelPlan, key: string) {
  const store = plan.shape.stores.find((s) => s.field.key === key);
  return store?.kind === 'column' ? store : undefined;
}

/** Ids of the records whose `fields` hold `values` (at most 2: enough to tell one from several). */
export async function findByFields(
  db: Queryable,
  plan: LevelPlan,
  values: Readonly<Record<string, unknown>>,
  parent: { readonly column: string; readonly id: string } | undefined,
  access: AccessScope,
): Promise<string[]> {
  const predicates: (Expression<SqlBool> | undefined)[] = Object.entries(values).map(([key, value]) => {
    const store = columnStore(plan, key);
    if (!store) throw new Error(`${plan.level.key}.${key} is not a column: it cannot be a match key`);
    const column = columnOf('r', store.column);
    return value === null || value === undefined
      ? sql<SqlBool>`${column} IS NULL`
      : sql<SqlBool>`${column} = ${writeCast(writeValue(value, store.type), store.type)}`;
  });
  if (parent) predicates.push(sql<SqlBool>`${columnOf('r', parent.column)} = ${bound(parent.id, 'uuid')}`);
  predicates.push(access.where({ module: plan.module, level: plan.level.key, action: 'read', alias: 'r' }));
  const rows = await recordsDb(db)
    .selectFrom(tableAs(plan.shape.table, 'r'))
    .select(sql<string>`${columnOf('r', 'id')}::text`.as('id'))
    .where(allOf(predicates))
    .limit(2)
    .execute();
  return rows.map((r) => String(r.id));
}

/** Whether the record `id` exists (and is readable). */
export async function findById(
  db: Queryable,
  plan: LevelPlan,
  id: string,
  access: AccessScope,
): Promise<boolean> {
  const rows = await recordsDb(db)
    .selectFrom(tableAs(plan.shape.table, 'r'))
    .select(sql<number>`1`.as('one'))
    .where(
      allOf([
        sql<SqlBool>`${columnOf('r', 'id')} = ${bound(id, 'uuid')}`,
        access.where({ module: plan.module, level: plan.level.key, action: 'read', alias: 'r' }),
      ]),
    )
    .execute();
  return rows.length > 0;
}

/** One key of a batch to look up: its fields' values, and the id of its parent in the import, if any. */
export interface WantedKey {
  readonly values: readonly unknown[];
  readonly parentId?: string;
}

const scalar = (v: unknown) => v !== null && v !== undefined && typeof v !== 'object';

/**
 * `findByFields` for a whole batch of keys in one statement: for each key, in order, the ids of the
 * records holding it (at most 2 kept). Each value is sent as text and cast to the column's type, as
 * `findByFields` binds it cast; compared with `=`, so the database can hash the batch's keys. A key
 * with an empty value (IS NULL) or a non-scalar one is looked up alone by `findByFields`.
 */
export async function findManyByFields(
  db: Queryable,
  plan: LevelPlan,
  fields: readonly string[],
  wanted: readonly WantedKey[],
  parentColumn: string | undefined,
  access: AccessScope,
): Promise<string[][]> {
  const stores = fields.map((key) => {
    const store = columnStore(plan, key);
    if (!store) throw new Error(`${plan.level.key}.${key} is not a column: it cannot be a match key`);
    if (typeof store.type === 'object') return undefined;
    return { column: store.column, cast: SQL_TYPES[store.type] };
  });
  const together = (w: WantedKey) =>
    stores.every((s) => s !== undefined) && w.values.every(scalar) && (!parentColumn || w.parentId);
  const out: string[][] = wanted.map(() => []);
  const batch = wanted.flatMap((w, i) => (together(w) ? [{ w, i }] : []));
  if (batch.length > 0) {
    const arrays = fields.map((_, f) => sql`${batch.map(({ w }) => String(w.values[f]))}::text[]`);
    const names = fields.map((_, f) => sql.id(`v${f}`));
    if (parentColumn) {
      arrays.push(sql`${batch.map(({ w }) => w.parentId)}::uuid[]`);
      names.push(sql.id('parent'));
    }
    const predicates: (Expression<SqlBool> | undefined)[] = stores.map((s, f) => {
      const { column, cast } = s as { column: string; cast: SqlCast };
      return sql<SqlBool>`${columnOf('r', column)} = ${castAs(columnOf('k', `v${f}`), cast)}`;
    });
    if (parentColumn)
      predicates.push(sql<SqlBool>`${columnOf('r', parentColumn)} = ${columnOf('k', 'parent')}`);
    predicates.push(access.where({ module: plan.module, level: plan.level.key, action: 'read', alias: 'r' }));
    const { rows } = await sql<{ n: number; id: string }>`
      SELECT k.n::integer AS n, ${columnOf('r', 'id')}::text AS id
      FROM unnest(${sql.join(arrays)}) WITH ORDINALITY AS k(${sql.join(names)}, n)
      JOIN ${tableAs(plan.shape.table, 'r')} ON ${allOf(predicates)}`.execute(recordsDb(db));
    for (const r of rows) {
      const ids = out[(batch[Number(r.n) - 1] as { i: number }).i] as string[];
      if (ids.length < 2) ids.push(String(r.id));
    }
  }
  for (const [i, w] of wanted.entries()) {
    if (together(w)) continue;
    const values = Object.fromEntries(fields.map((f, n) => [f, w.values[n] ?? null]));
    const parent = parentColumn && w.parentId ? { column: parentColumn, id: w.parentId } : undefined;
    out[i] = await findByFields(db, plan, values, parent, access);
  }
  return out;
}
