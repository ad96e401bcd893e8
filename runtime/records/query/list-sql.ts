/**
 * A list query as Kysely predicates and ORDER BY terms on the level's rows aliased `r`: typed filters
 * (eq, in, contains, gte, lte, parent links), bounding box, text search, sort. The query was read
 * against the level's list query (parse-list-query.ts, from the module model) before it got here: this
 * only says how each field is stored. Values are always bound.
 */

import { type Expression, type SqlBool, sql } from 'kysely';
import type { ColumnType } from '../../../generators/model/index.ts';
import { badRequest } from '../../http/errors.ts';
import { searchText } from '../../refdata/search-text.ts';
import type { LevelPlan } from '../model/module-plan.ts';
import type { ValueStore } from '../model/record-shape.ts';
import { SQL_TYPES } from '../sql/column-sql.ts';
import { bound, columnOf, dynamicEb, type OrderTerm, type SqlCast, tableAs } from '../sql/dynamic.ts';

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

type Predicate = Expression<SqlBool>;

/** `%`, `_` and `\` match themselves: the text is searched as typed. */
export const likePattern = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** `column ILIKE pattern`, the backslash escaping the pattern's wildcards. */
const ilike = (column: Expression<unknown>, text: string) =>
  sql<SqlBool>`${column} ILIKE ${bound(likePattern(text), 'text')} ESCAPE '\\'`;

const r = (column: string) => columnOf('r', column);

const storeOf = (plan: LevelPlan, key: string): ValueStore | undefined =>
  plan.shape.stores.find((s) => s.field.key === key);

/**
 * A plain column lists filter and sort on: a field stored as a column, the validation status the
 * server sets on validated levels (no field holds it), or the envelope's `updated_at`.
 */
function plainColumn(plan: LevelPlan, key: string): { column: string; type: ColumnType } | undefined {
  if (plan.validated && key === 'validation_status') return { column: key, type: 'text' };
  // The record's last change, a column of every level's table (sort only: the list query offers no filter).
  if (key === 'updated_at') return { column: key, type: 'timestamptz' };
  const store = storeOf(plan, key);
  return store?.kind === 'column' ? { column: store.column, type: store.type } : undefined;
}

const queryError = (name: string, message: string) =>
  badRequest([{ path: `/query/${name}`, code: 'query-param-unknown', message }]);

type ObserversStore = Extract<ValueStore, { kind: 'observers' }>;

/** The observer rows of the record `r`, each with its account (if any) as `u`. */
const observersOf = (store: ObserversStore) =>
  dynamicEb
    .selectFrom(tableAs(store.table, 'o'))
    .leftJoin('suivi.app_user as u', 'u.id', 'o.user_id')
    .where(columnOf('o', 'record_id'), '=', r('id'));

/** The name an observer goes by: their account's display name, else the name typed in. */
const observerName = sql<string>`COALESCE(${columnOf('u', 'display_name')}, ${columnOf('o', 'name')})`;

/** The observers of a record, as a user id or a name (a user's display name counts too). */
function observerMatch(store: ObserversStore, value: string): Predicate {
  const wanted = () => sql<string>`lower(${bound(value, 'text')})`;
  return dynamicEb.exists(
    observersOf(store)
      .select(sql.lit(1).as('one'))
      .where((eb) =>
        eb.or([
          eb(sql`${columnOf('o', 'user_id')}::text`, '=', wanted()),
          eb(sql`lower(${observerName})`, '=', wanted()),
        ]),
      ),
  );
}

/** A name's search form (runtime/refdata/search-text.ts), or the name lower-cased when it has none. */
const folded = (name: string) =>
  sql`COALESCE(${columnOf('t', `${name}_search`)}, lower(${columnOf('t', name)}))`;

/**
 * The taxon code in `column` has a scientific or vernacular name holding `text`: folded as TAXREF's
 * names were (searchText), so "pic epeiche" finds "Pic épeiche". A contains match: the table's filter
 * box holds whatever the user typed, a genus or the middle of a common name.
 */
function taxonNameMatch(column: Expression<unknown>, text: string): Predicate {
  const pattern = bound(likePattern(searchText(text)), 'text');
  return dynamicEb.exists(
    dynamicEb
      .selectFrom(tableAs({ schema: 'ref', name: 'taxon' }, 't'))
      .select(sql.lit(1).as('one'))
      .where(columnOf('t', 'cd_nom'), '=', column)
      .where(
        sql<SqlBool>`(${folded('lb_nom')} LIKE ${pattern} ESCAPE '\\' OR ${folded('nom_vern')} LIKE ${pattern} ESCAPE '\\')`,
      ),
  );
}

function filterSql(plan: LevelPlan, filter: ExportQuery['filters'][number]): Predicate {
  const link = plan.parents.find((l) => l.column === filter.field);
  if (link) return sql<SqlBool>`${r(link.column)} = ${bound(filter.value, 'uuid')}`;
  const store = storeOf(plan, filter.field);
  if (store?.kind === 'observers') return observerMatch(store, String(filter.value));
  if (store?.kind === 'references')
    return dynamicEb.exists(
      dynamicEb
        .selectFrom(tableAs(store.table, 'c'))
        .select(sql.lit(1).as('one'))
        .where(columnOf('c', 'record_id'), '=', r('id'))
        .where(columnOf('c', 'target_id'), '=', bound(filter.value, 'uuid')),
    );
  const stored = plainColumn(plan, filter.field);
  if (filter.op === 'name' && stored) return taxonNameMatch(r(stored.column), String(filter.value));
  if (!stored || typeof stored.type === 'object')
    throw queryError(filter.field, `${filter.field} cannot be filtered`);
  const col = r(stored.column);
  const list = stored.type === 'text_list';
  // Whole numbers are compared as bigint: a 15-digit filter value is no error, and int4 = int8 uses the index.
  const type: SqlCast = list ? 'text' : stored.type === 'integer' ? 'bigint' : SQL_TYPES[stored.type];
  switch (filter.op) {
    case 'eq':
      return list
        ? sql<SqlBool>`${col} @> ARRAY[${bound(filter.value, type)}]`
        : sql<SqlBool>`${col} = ${bound(filter.value, type)}`;
    case 'in': {
      const values = Array.isArray(filter.value) ? filter.value : [filter.value];
      return list
        ? sql<SqlBool>`${col} && ${bound(values, 'text[]')}`
        : sql<SqlBool>`${col} = ANY(${bound(values, `${type}[]` as SqlCast)})`;
    }
    case 'contains':
      return ilike(col, String(filter.value));
    case 'gte':
      return sql<SqlBool>`${col} >= ${bound(filter.value, type)}`;
    case 'lte':
      return sql<SqlBool>`${col} <= ${bound(filter.value, type)}`;
    default:
      throw queryError(filter.field, `unknown filter operation ${filter.op}`);
  }
}

/** Predicates of the filters, bbox and search of `query`, on rows aliased `r`. */
export function listConditions(plan: LevelPlan, query: ExportQuery): Predicate[] {
  const where = query.filters.map((f) => filterSql(plan, f));
  if (query.bbox && plan.hasGeometry) {
    const [minx, miny, maxx, maxy] = query.bbox.map((n) => bound(n, 'float8'));
    where.push(
      sql<SqlBool>`ST_Intersects(${r('geom')}, ST_MakeEnvelope(${minx}, ${miny}, ${maxx}, ${maxy}, 4326))`,
    );
  }
  const { q } = query;
  if (q && plan.query.search.length > 0)
    where.push(dynamicEb.or(plan.query.search.map((key) => ilike(r(key), q))));
  return where;
}

/** ORDER BY of `query.sort` (the level's default when the request has none), then id. */
export function orderBy(plan: LevelPlan, sort: ExportQuery['sort']): OrderTerm[] {
  const terms = sort.map((term): OrderTerm => {
    const { direction } = term;
    const store = storeOf(plan, term.field);
    if (store?.kind === 'observers') {
      const first = observersOf(store)
        .select(observerName.as('name'))
        .orderBy(columnOf('o', 'position'))
        .limit(sql.lit(1));
      return { expression: first, direction };
    }
    const stored = plainColumn(plan, term.field);
    if (!stored) throw queryError('sort', `${term.field} cannot be sorted`);
    return { expression: r(stored.column), direction };
  });
  return [...terms, { expression: r('id'), direction: 'asc' }];
}
