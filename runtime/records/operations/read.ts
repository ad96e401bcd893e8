/**
 * Reading records: one record, a page of a level (filters, bbox, search, sort, total), and the page of a
 * child level under one record. Every query carries the access predicate of `read`.
 */
import { ident, type Queryable, qualified } from '../../db/database.ts';
import { notFound } from '../../http/errors.ts';
import type { Action } from '../access.ts';
import type { LevelPlan } from '../model/module-plan.ts';
import { type ListQuery, listConditions, orderBy } from '../query/list-sql.ts';
import { type ApiRecord, readRecords, whereSql } from '../read/read-records.ts';
import { SqlParams } from '../sql/params.ts';
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
  const params = new SqlParams();
  const where = [`r.id = ${params.bind(id, 'uuid')}`];
  const scope = scopeOf(ctx, plan, 'read', params);
  if (scope) where.push(scope);
  const [record] = await readRecords(ctx.db, plan, { params, where });
  return record;
}

export async function getRecord(ctx: RequestContext, plan: LevelPlan, id: string): Promise<ApiRecord> {
  const record = await findRecord(ctx, plan, id);
  if (!record) throw notFound(recordName(plan), id);
  return record;
}

/** A page of `plan`'s records matching `query` and the extra predicates `where` (bound in `params`). */
export async function listPage(
  ctx: RequestContext,
  plan: LevelPlan,
  query: ListQuery,
  params = new SqlParams(),
  where: readonly string[] = [],
): Promise<Page> {
  const conditions = [...where, ...listConditions(plan, query, params)];
  const scope = scopeOf(ctx, plan, 'read', params);
  if (scope) conditions.push(scope);
  // The count first, on a copy of the parameters (its LIMIT is bound after the predicates' values).
  // Capped: counting stops past totalCap rows, so a page of a million-row level costs no full count.
  const table = qualified(plan.shape.table.schema, plan.shape.table.name);
  const countParams = params.copy();
  const limit = countParams.bind(ctx.totalCap + 1, 'integer');
  const counted = await ctx.db.query<{ total: number | string }>(
    `SELECT count(*)::integer AS total FROM (SELECT 1 FROM ${table} r ${whereSql(conditions)} LIMIT ${limit}) AS capped`,
    countParams.values,
  );
  const matching = Number(counted.rows[0]?.total ?? 0);
  const exact = matching <= ctx.totalCap;
  const total = Math.min(matching, ctx.totalCap);
  const offset = (query.page - 1) * query.page_size;
  // Past an exact total there is nothing to read; past a capped one, there may be.
  const items =
    exact && offset >= total
      ? []
      : await readRecords(ctx.db, plan, {
          params,
          where: conditions,
          orderBy: orderBy(plan, query.sort),
          limit: params.bind(query.page_size, 'integer'),
          offset: params.bind(offset, 'integer'),
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
  const params = new SqlParams();
  return listPage(ctx, child, query, params, [`r.${ident(link.column)} = ${params.bind(id, 'uuid')}`]);
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
  const params = new SqlParams();
  const where = [`r.id = ${params.bind(id, 'uuid')}`];
  const scope = scopeOf(ctx, plan, action, params);
  if (scope) where.push(scope);
  const table = qualified(plan.shape.table.schema, plan.shape.table.name);
  const { rows } = await db.query<{ row_version: number }>(
    `SELECT r.row_version FROM ${table} r ${whereSql(where)}${lock ? ' FOR UPDATE' : ''}`,
    params.values,
  );
  return rows[0] ? Number(rows[0].row_version) : undefined;
}

/** A record just written, read inside its transaction (no scope: the write itself was scoped). */
export async function readBack(db: Queryable, plan: LevelPlan, id: string): Promise<ApiRecord> {
  const params = new SqlParams();
  const [record] = await readRecords(db, plan, { params, where: [`r.id = ${params.bind(id, 'uuid')}`] });
  if (!record) throw new Error(`${plan.level.key} ${id} vanished inside its own transaction`);
  return record;
}
