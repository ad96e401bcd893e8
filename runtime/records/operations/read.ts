/**
 * Reading records: one record, a page of a level (filters, bbox, search, sort, total), and the page of a
 * child level under one record. Every query carries the access predicate of `read`.
 */
import { type Expression, type SqlBool, sql } from 'kysely';
import type { Queryable } from '../../db/database.ts';
import { notFound } from '../../http/errors.ts';
import type { Action } from '../access.ts';
import type { LevelPlan } from '../model/module-plan.ts';
import { type ListQuery, listConditions, orderBy } from '../query/list-sql.ts';
import { type ApiRecord, readRecords } from '../read/read-records.ts';
import { allOf, columnOf, idIs, recordsDb, tableAs } from '../sql/dynamic.ts';
import { type RequestContext, recordName, scopeOf } from './context.ts';

export interface Page {
  readonly items: readonly ApiRecord[];
  /** Records matching, counted up to `ctx.totalCap`: the cap itself when more match. */
  readonly total: number;
  /** False when more records match than `total` says (the count stopped at the cap). */
  readonly total_exact: boolean;
  readonly page: number;
  readonly page_size: number;
}

/** One record the actor may read, or undefined. */
export async function findRecord(
  ctx: RequestContext,
  plan: LevelPlan,
  id: string,
): Promise<ApiRecord | undefined> {
  const [record] = await readRecords(ctx.db, plan, { where: [idIs(id), scopeOf(ctx, plan, 'read')] });
  return record;
}

export async function getRecord(ctx: RequestContext, plan: LevelPlan, id: string): Promise<ApiRecord> {
  const record = await findRecord(ctx, plan, id);
  if (!record) throw notFound(recordName(plan), id);
  return record;
}

/** A page of `plan`'s records matching `query` and the extra predicates `where`. */
export async function listPage(
  ctx: RequestContext,
  plan: LevelPlan,
  query: ListQuery,
  where: readonly Expression<SqlBool>[] = [],
): Promise<Page> {
  const conditions = [...where, ...listConditions(plan, query), scopeOf(ctx, plan, 'read')];
  // The count first. Capped: counting stops past totalCap rows, so a page of a million-row level costs
  // no full count.
  const db = recordsDb(ctx.db);
  const matchingRows = db
    .selectFrom(tableAs(plan.shape.table, 'r'))
    .select(sql.lit(1).as('one'))
    .where(allOf(conditions))
    .limit(ctx.totalCap + 1);
  const counted = await db
    .selectFrom(matchingRows.as('capped'))
    .select(sql<number | string>`count(*)::integer`.as('total'))
    .executeTakeFirst();
  const matching = Number(counted?.total ?? 0);
  const exact = matching <= ctx.totalCap;
  const total = Math.min(matching, ctx.totalCap);
  const offset = (query.page - 1) * query.page_size;
  // Past an exact total there is nothing to read; past a capped one, there may be.
  const items =
    exact && offset >= total
      ? []
      : await readRecords(ctx.db, plan, {
          where: conditions,
          orderBy: orderBy(plan, query.sort),
          limit: query.page_size,
          offset,
        });
  return { items, total, total_exact: exact, page: query.page, page_size: query.page_size };
}

/** The page of `child` records under the record `id` of `plan` (404 when that record is not readable). */
export async function childPage(
  ctx: RequestContext,
  plan: LevelPlan,
  id: string,
  child: LevelPlan,
  query: ListQuery,
): Promise<Page> {
  const link = child.parents.find((p) => p.key === plan.level.key);
  if (!link) throw notFound(`Le niveau ${child.level.key} sous`, plan.level.key);
  if ((await currentVersion(ctx, ctx.db, plan, id, 'read')) === undefined)
    throw notFound(recordName(plan), id);
  return listPage(ctx, child, query, [idIs(id, link.column)]);
}

/** The row_version of a record `action` may touch, or undefined when there is none (or it is out of scope). */
export async function currentVersion(
  ctx: RequestContext,
  db: Queryable,
  plan: LevelPlan,
  id: string,
  action: Action,
  lock = false,
): Promise<number | undefined> {
  const row = await recordsDb(db)
    .selectFrom(tableAs(plan.shape.table, 'r'))
    .select(columnOf<number>('r', 'row_version').as('row_version'))
    .where(allOf([idIs(id), scopeOf(ctx, plan, action)]))
    .$if(lock, (q) => q.forUpdate())
    .executeTakeFirst();
  return row ? Number(row.row_version) : undefined;
}

/** A record just written, read inside its transaction (no scope: the write itself was scoped). */
export async function readBack(db: Queryable, plan: LevelPlan, id: string): Promise<ApiRecord> {
  const [record] = await readRecords(db, plan, { where: [idIs(id)] });
  if (!record) throw new Error(`${plan.level.key} ${id} vanished inside its own transaction`);
  return record;
}
