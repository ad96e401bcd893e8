/**
 * A list query as SQL on the level's rows aliased `r`: typed filters (eq, in, contains, gte, lte, parent
 * links), bounding box, text search, sort. The query was read against the level's list query
 * (parse-list-query.ts, from the module model) before it got here: this only says how each field is
 * stored. Values are always bound.
 */

import type { ColumnType } from '../../../generators/model/index.ts';
import { ident, qualified } from '../../db/database.ts';
import { badRequest } from '../../http/errors.ts';
import type { LevelPlan } from '../model/module-plan.ts';
import type { ValueStore } from '../model/record-shape.ts';
import { SQL_TYPES } from '../sql/column-sql.ts';
import type { SqlParams } from '../sql/params.ts';

export type FilterValue = string | number | boolean | readonly (string | number)[];

export interface ExportQuery {
  readonly sort: readonly { readonly field: string; readonly direction: 'asc' | 'desc' }[];
  readonly filters: readonly { readonly field: string; readonly op: string; readonly value: FilterValue }[];
  readonly bbox?: readonly [number, number, number, number];
  readonly q?: string;
}

export interface ListQuery extends ExportQuery {
  readonly page: number;
  readonly page_size: number;
}

/** `%`, `_` and `\` match themselves: the text is searched as typed. */
export const likePattern = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

const storeOf = (plan: LevelPlan, key: string): ValueStore | undefined =>
  plan.shape.stores.find((s) => s.field.key === key);

/**
 * A plain column lists filter and sort on: a field stored as a column, or the validation status the
 * server sets on validated levels (no field holds it).
 */
function plainColumn(plan: LevelPlan, key: string): { column: string; type: ColumnType } | undefined {
  if (plan.validated && key === 'validation_status') return { column: key, type: 'text' };
  const store = storeOf(plan, key);
  return store?.kind === 'column' ? { column: store.column, type: store.type } : undefined;
}

const queryError = (name: string, message: string) =>
  badRequest([{ path: `/query/${name}`, code: 'query-param-unknown', message }]);

/** The observers of a record, as a user id or a name (a user's display name counts too). */
function observerMatch(store: Extract<ValueStore, { kind: 'observers' }>, value: string, p: SqlParams) {
  const table = qualified(store.table.schema, store.table.name);
  const v = p.bind(value, 'text');
  return `EXISTS (SELECT 1 FROM ${table} o LEFT JOIN suivi.app_user u ON u.id = o.user_id WHERE o.record_id = r.id AND (o.user_id::text = lower(${v}) OR lower(COALESCE(u.display_name, o.name)) = lower(${v})))`;
}

function filterSql(plan: LevelPlan, filter: ExportQuery['filters'][number], p: SqlParams): string {
  const link = plan.parents.find((l) => l.column === filter.field);
  if (link) return `r.${ident(link.column)} = ${p.bind(filter.value, 'uuid')}`;
  const store = storeOf(plan, filter.field);
  if (store?.kind === 'observers') return observerMatch(store, String(filter.value), p);
  if (store?.kind === 'references') {
    const table = qualified(store.table.schema, store.table.name);
    return `EXISTS (SELECT 1 FROM ${table} c WHERE c.record_id = r.id AND c.target_id = ${p.bind(filter.value, 'uuid')})`;
  }
  const stored = plainColumn(plan, filter.field);
  if (!stored || typeof stored.type === 'object')
    throw queryError(filter.field, `${filter.field} cannot be filtered`);
  const col = `r.${ident(stored.column)}`;
  const list = stored.type === 'text_list';
  // Whole numbers are compared as bigint: a 15-digit filter value is no error, and int4 = int8 uses the index.
  const type = list ? 'text' : stored.type === 'integer' ? 'bigint' : SQL_TYPES[stored.type];
  switch (filter.op) {
    case 'eq':
      return list
        ? `${col} @> ARRAY[${p.bind(filter.value, type)}]`
        : `${col} = ${p.bind(filter.value, type)}`;
    case 'in': {
      const values = Array.isArray(filter.value) ? filter.value : [filter.value];
      return list ? `${col} && ${p.bind(values, 'text[]')}` : `${col} = ANY(${p.bind(values, `${type}[]`)})`;
    }
    case 'contains':
      return `${col} ILIKE ${p.bind(likePattern(String(filter.value)), 'text')} ESCAPE '\\'`;
    case 'gte':
      return `${col} >= ${p.bind(filter.value, type)}`;
    case 'lte':
      return `${col} <= ${p.bind(filter.value, type)}`;
    default:
      throw queryError(filter.field, `unknown filter operation ${filter.op}`);
  }
}

/** Predicates of the filters, bbox and search of `query`, on rows aliased `r`. */
export function listConditions(plan: LevelPlan, query: ExportQuery, p: SqlParams): string[] {
  const where = query.filters.map((f) => filterSql(plan, f, p));
  if (query.bbox && plan.hasGeometry) {
    const [minx, miny, maxx, maxy] = query.bbox.map((n) => p.bind(n, 'float8'));
    where.push(`ST_Intersects(r.geom, ST_MakeEnvelope(${minx}, ${miny}, ${maxx}, ${maxy}, 4326))`);
  }
  if (query.q && plan.query.search.length > 0) {
    const pattern = p.bind(likePattern(query.q), 'text');
    where.push(plan.query.search.map((key) => `r.${ident(key)} ILIKE ${pattern} ESCAPE '\\'`).join(' OR '));
  }
  return where;
}

/** ORDER BY of `query.sort` (the level's default when the request has none), then id. */
export function orderBy(plan: LevelPlan, sort: ExportQuery['sort']): string {
  const terms = sort.map((term) => {
    const direction = term.direction === 'desc' ? 'DESC' : 'ASC';
    const store = storeOf(plan, term.field);
    if (store?.kind === 'observers') {
      const table = qualified(store.table.schema, store.table.name);
      return `(SELECT COALESCE(u.display_name, o.name) FROM ${table} o LEFT JOIN suivi.app_user u ON u.id = o.user_id WHERE o.record_id = r.id ORDER BY o.position LIMIT 1) ${direction}`;
    }
    const stored = plainColumn(plan, term.field);
    if (!stored) throw queryError('sort', `${term.field} cannot be sorted`);
    return `r.${ident(stored.column)} ${direction}`;
  });
  return [...terms, 'r.id'].join(', ');
}
