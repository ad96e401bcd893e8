/**
 * A level's records as a GeoJSON FeatureCollection (RFC 7946, WGS 84): one feature per record, its id,
 * parent links, list columns and map label as properties, built by the database in one query. At most
 * `limit` features; `truncated` (a foreign member) says when more matched.
 */
import { ident, qualified } from '../../db/database.ts';
import type { LevelPlan } from '../model/module-plan.ts';
import type { ValueStore } from '../model/record-shape.ts';
import { type ExportQuery, listConditions, orderBy } from '../query/list-sql.ts';
import { whereSql } from '../read/read-records.ts';
import { readColumn } from '../sql/column-sql.ts';
import { SqlParams } from '../sql/params.ts';
import { type RequestContext, scopeOf } from './context.ts';

/** A property's value as SQL json, or undefined for what a map popup cannot show (group rows). */
function propertyJson(store: ValueStore): string | undefined {
  if (store.kind === 'column') {
    const read = readColumn(`r.${ident(store.column)}`, store.type);
    return read.json ? `(${read.sql})::json` : `to_json(${read.sql})`;
  }
  if (store.kind === 'none' || store.kind === 'group') return undefined;
  const table = qualified(store.table.schema, store.table.name);
  const from = `FROM ${table} c WHERE c.record_id = r.id`;
  if (store.kind === 'references') return `(SELECT json_agg(c.target_id ORDER BY c.target_id) ${from})`;
  if (store.kind === 'media')
    return `(SELECT json_agg(json_build_object('file_name', c.file_name, 'mime_type', c.mime_type, 'storage_key', c.storage_key) ORDER BY c.position) ${from})`;
  const observer = "json_strip_nulls(json_build_object('user_id', c.user_id, 'name', c.name))";
  return store.field.multiple
    ? `(SELECT json_agg(${observer} ORDER BY c.position) ${from})`
    : `(SELECT ${observer} ${from} ORDER BY c.position LIMIT 1)`;
}

export async function featureCollection(
  ctx: RequestContext,
  plan: LevelPlan,
  query: ExportQuery,
  limit: number,
): Promise<string> {
  const keys = new Set([...plan.level.list, ...(plan.level.mapLabel ? [plan.level.mapLabel] : [])]);
  const params = new SqlParams();
  // Property names are bound too: nothing but identifiers enters the SQL text.
  const name = (key: string) => params.bind(key, 'text');
  const properties = [
    `${name('id')}, r.id`,
    ...plan.parents.map((p) => `${name(p.column)}, r.${ident(p.column)}`),
    ...plan.shape.stores.flatMap((s) => {
      const json = keys.has(s.field.key) ? propertyJson(s) : undefined;
      return json ? [`${name(s.field.key)}, ${json}`] : [];
    }),
  ];
  const where = listConditions(plan, query, params);
  const scope = scopeOf(ctx, plan, 'read', params);
  if (scope) where.push(scope);
  const feature = `json_build_object('type', 'Feature', 'id', r.id, 'geometry', ST_AsGeoJSON(r.geom)::json, 'properties', json_build_object(${properties.join(', ')}))::text`;
  const { rows } = await ctx.db.query<{ feature: string }>(
    `SELECT ${feature} AS feature FROM ${qualified(plan.shape.table.schema, plan.shape.table.name)} r ${whereSql(where)} ORDER BY ${orderBy(plan, query.sort)} LIMIT ${params.bind(limit + 1, 'integer')}`,
    params.values,
  );
  const truncated = rows.length > limit;
  const features = (truncated ? rows.slice(0, limit) : rows).map((r) => r.feature).join(',');
  return `{"type":"FeatureCollection","features":[${features}],"numberReturned":${Math.min(rows.length, limit)},"truncated":${truncated}}`;
}
