/**
 * A level's records as a GeoJSON FeatureCollection (RFC 7946, WGS 84): one feature per record, its id,
 * parent links, list columns and map label as properties, built by the database in one query. At most
 * `limit` features; `truncated` (a foreign member) says when more matched.
 */
import { type Expression, type RawBuilder, sql } from 'kysely';
import type { LevelPlan } from '../model/module-plan.ts';
import type { ValueStore } from '../model/record-shape.ts';
import { type ExportQuery, listConditions, orderBy } from '../query/list-sql.ts';
import { readColumn } from '../sql/column-sql.ts';
import { allOf, bound, columnOf, dynamicEb, ordered, recordsDb, tableAs } from '../sql/dynamic.ts';
import { type RequestContext, scopeOf } from './context.ts';

const r = (column: string) => columnOf('r', column);
const c = (column: string) => columnOf('c', column);

/** A property's value as SQL json, or undefined for what a map popup cannot show (group rows). */
function propertyJson(store: ValueStore): Expression<unknown> | undefined {
  if (store.kind === 'column') {
    const read = readColumn(r(store.column), store.type);
    return read.json ? sql`(${read.sql})::json` : sql`to_json(${read.sql})`;
  }
  if (store.kind === 'none' || store.kind === 'group') return undefined;
  const rows = dynamicEb.selectFrom(tableAs(store.table, 'c')).where(c('record_id'), '=', r('id'));
  if (store.kind === 'references')
    return rows.select(sql`json_agg(${c('target_id')} ORDER BY ${c('target_id')})`.as('v'));
  if (store.kind === 'media') {
    const file = sql`json_build_object('file_name', ${c('file_name')}, 'mime_type', ${c('mime_type')}, 'storage_key', ${c('storage_key')})`;
    return rows.select(sql`json_agg(${file} ORDER BY ${c('position')})`.as('v'));
  }
  const observer = sql`json_strip_nulls(json_build_object('user_id', ${c('user_id')}, 'name', ${c('name')}))`;
  return store.field.multiple
    ? rows.select(sql`json_agg(${observer} ORDER BY ${c('position')})`.as('v'))
    : rows.select(observer.as('v')).orderBy(c('position')).limit(sql.lit(1));
}

export async function featureCollection(
  ctx: RequestContext,
  plan: LevelPlan,
  query: ExportQuery,
  limit: number,
): Promise<string> {
  const keys = new Set([...plan.level.list, ...(plan.level.mapLabel ? [plan.level.mapLabel] : [])]);
  // Property names are bound too: nothing but identifiers enters the SQL text.
  const property = (key: string, value: Expression<unknown>): RawBuilder<unknown> =>
    sql`${bound(key, 'text')}, ${value}`;
  const properties = [
    property('id', r('id')),
    ...plan.parents.map((p) => property(p.column, r(p.column))),
    ...plan.shape.stores.flatMap((s) => {
      const json = keys.has(s.field.key) ? propertyJson(s) : undefined;
      return json ? [property(s.field.key, json)] : [];
    }),
  ];
  const where = [...listConditions(plan, query), scopeOf(ctx, plan, 'read')];
  const feature = sql<string>`json_build_object('type', 'Feature', 'id', ${r('id')}, 'geometry', ST_AsGeoJSON(${r('geom')})::json, 'properties', json_build_object(${sql.join(properties)}))::text`;
  const rows = await ordered(
    recordsDb(ctx.db)
      .selectFrom(tableAs(plan.shape.table, 'r'))
      .select(feature.as('feature'))
      .where(allOf(where)),
    orderBy(plan, query.sort),
  )
    .limit(limit + 1)
    .execute();
  const truncated = rows.length > limit;
  const features = (truncated ? rows.slice(0, limit) : rows).map((r) => r.feature).join(',');
  return `{"type":"FeatureCollection","features":[${features}],"numberReturned":${Math.min(rows.length, limit)},"truncated":${truncated}}`;
}
