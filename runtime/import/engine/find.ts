/**
 * Finding a level's existing records by a row's key: some fields' values (compared as the column's
 * type, so '3' finds 3 and '1.5' finds 1.50), or a UUID; under the row's parent when the level has one
 * in the import. Only records the actor may read are found, as the record API's lists.
 */
import { type Expression, type SqlBool, sql } from 'kysely';
import type { Queryable } from '../../db/database.ts';
import type { AccessScope } from '../../records/access.ts';
import type { LevelPlan } from '../../records/model/module-plan.ts';
import { writeCast, writeValue } from '../../records/sql/column-sql.ts';
import { allOf, bound, columnOf, recordsDb, tableAs } from '../../records/sql/dynamic.ts';

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
