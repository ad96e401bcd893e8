/**
 * Reading a list's query string (page, page_size, sort, typed filters `field[op]=`, bbox, q) and a
 * record's path id and `row_version`, once for every module, against the level's query spec in the
 * module model (route-handlers.ts hands it here); the names and value types come from the same
 * derivation as the OpenAPI parameters (`generators/model/list-query.ts`).
 * Every problem of a request is reported at once, as a 400 `[{ path, code, message }]`.
 */
import {
  DATETIME_PATTERN,
  DEFAULT_PAGE_SIZE,
  type FilterOp,
  type FilterValueType,
  MAX_PAGE_SIZE,
  TIME_PATTERN,
} from '../../../generators/model/index.ts';
import { type ApiError, badRequest } from '../../http/errors.ts';
import type { FilterValue } from './list-sql.ts';

/** One filter parameter (`visit_date_min[gte]`): the column, the operation, how its value is read. */
export interface FilterParamSpec<F extends string = string> {
  readonly field: F;
  readonly op: FilterOp;
  readonly type: FilterValueType;
}

export interface SortTerm<S extends string = string> {
  readonly field: S;
  readonly direction: 'asc' | 'desc';
}

/** What a level's lists accept, as the module model declares it (`S` sortable, `F` filterable fields). */
export interface QuerySpec<S extends string = string, F extends string = string> {
  readonly sort: readonly S[];
  readonly defaultSort: readonly SortTerm<S>[];
  /** Query parameter name → filter. */
  readonly filters: Readonly<Record<string, FilterParamSpec<F>>>;
  /** The codes a `code` filter accepts, by field. */
  readonly codes: { readonly [K in F]?: readonly string[] };
  readonly bbox: boolean;
  readonly search: boolean;
}

export interface ParsedExportQuery<S extends string = string, F extends string = string> {
  readonly sort: readonly SortTerm<S>[];
  readonly filters: readonly { readonly field: F; readonly op: FilterOp; readonly value: FilterValue }[];
  readonly bbox?: readonly [number, number, number, number];
  readonly q?: string;
}

export interface ParsedListQuery<S extends string = string, F extends string = string>
  extends ParsedExportQuery<S, F> {
  readonly page: number;
  readonly page_size: number;
}

/** Query parameters, one value each, as the router adapter gives them. */
export type QueryString = Readonly<Record<string, string | undefined>>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const INTEGER = /^-?\d{1,15}$/;
const NUMBER = /^-?\d+(\.\d+)?([eE][+-]?\d+)?$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const TIME = new RegExp(TIME_PATTERN);
const DATETIME = new RegExp(DATETIME_PATTERN);

const EXPECTED: Readonly<Record<FilterValueType, string>> = {
  text: 'some text, without NUL character',
  integer: 'a whole number',
  number: 'a number',
  boolean: 'true or false',
  date: 'a date (YYYY-MM-DD)',
  time: 'a time (HH:MM or HH:MM:SS)',
  datetime: 'a date-time with its offset (YYYY-MM-DDTHH:MM:SS+HH:MM, or Z)',
  uuid: 'a UUID',
  code: 'one of the codes',
};

/** The database stores no NUL character, and refuses a query that binds one: a 400 on every route. */
const hasNul = (raw: string) => raw.includes('\u0000');
const NUL_IN_Q = 'q is some text, without NUL character';

/** A JSON pointer to a query parameter: `~` and `/` escaped (RFC 6901). */
export const queryPath = (name: string) => `/query/${name.replaceAll('~', '~0').replaceAll('/', '~1')}`;

/**
 * 2024-02-30 and 2025-13-01 match the pattern but are no dates. Checked by arithmetic, not through
 * `Date`: an impossible month is an Invalid Date, whose `toISOString()` throws.
 */
function isCalendarDate(raw: string): boolean {
  if (!DATE.test(raw)) return false;
  const [year, month, day] = raw.split('-').map(Number) as [number, number, number];
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
  return days !== undefined && day >= 1 && day <= days;
}

/** PostgreSQL's range of offsets, ±15:59 (the pattern takes any two digits). */
const OFFSET = /(Z|[+-](0\d|1[0-5]):[0-5]\d)$/;

/** A date-time whose date is a calendar date and whose offset the database takes. */
const isDateTime = (raw: string) =>
  DATETIME.test(raw) && isCalendarDate(raw.slice(0, 10)) && OFFSET.test(raw);

function scalar(
  type: FilterValueType,
  codes: readonly string[],
  raw: string,
): string | number | boolean | undefined {
  switch (type) {
    case 'text':
      return raw === '' || hasNul(raw) ? undefined : raw;
    case 'integer':
      return INTEGER.test(raw) ? Number(raw) : undefined;
    case 'number':
      return NUMBER.test(raw) && Number.isFinite(Number(raw)) ? Number(raw) : undefined;
    case 'boolean':
      return raw === 'true' ? true : raw === 'false' ? false : undefined;
    case 'date':
      return isCalendarDate(raw) ? raw : undefined;
    case 'time':
      return TIME.test(raw) ? raw : undefined;
    case 'datetime':
      return isDateTime(raw) ? raw : undefined;
    case 'uuid':
      return UUID.test(raw) ? raw.toLowerCase() : undefined;
    case 'code':
      return codes.includes(raw) ? raw : undefined;
  }
}

function filterValue(param: FilterParamSpec, codes: readonly string[], raw: string): FilterValue | undefined {
  if (param.op !== 'in') return scalar(param.type, codes, raw);
  const values: (string | number)[] = [];
  for (const part of raw.split(',')) {
    const value = scalar(param.type, codes, part);
    if (typeof value !== 'string' && typeof value !== 'number') return undefined;
    values.push(value);
  }
  return values;
}

function sortTerms<S extends string>(sortable: readonly S[], raw: string, errors: ApiError[]): SortTerm<S>[] {
  const terms: SortTerm<S>[] = [];
  for (const term of raw.split(',')) {
    const name = term.startsWith('-') ? term.slice(1) : term;
    const field = sortable.find((f) => f === name);
    if (field === undefined) {
      const allowed = sortable.length > 0 ? sortable.join(', ') : 'none';
      errors.push({
        path: queryPath('sort'),
        code: 'sort-field-unknown',
        message: `cannot sort on "${name}" (fields: ${allowed})`,
      });
    } else terms.push({ field, direction: term.startsWith('-') ? 'desc' : 'asc' });
  }
  return terms;
}

function bboxParam(raw: string, errors: ApiError[]): readonly [number, number, number, number] | undefined {
  const parts = raw.split(',');
  const numbers = parts.map((p) => (NUMBER.test(p) ? Number(p) : Number.NaN));
  const [minx = Number.NaN, miny = Number.NaN, maxx = Number.NaN, maxy = Number.NaN] = numbers;
  const valid =
    parts.length === 4 &&
    numbers.every(Number.isFinite) &&
    -180 <= minx &&
    minx <= maxx &&
    maxx <= 180 &&
    -90 <= miny &&
    miny <= maxy &&
    maxy <= 90;
  if (valid) return [minx, miny, maxx, maxy];
  errors.push({
    path: queryPath('bbox'),
    code: 'bbox-invalid',
    message: 'bbox is minx,miny,maxx,maxy in WGS84 degrees, with min ≤ max',
  });
  return undefined;
}

/** A whole number from 1 (to `max` when given); nine digits at most, which no page count reaches. */
function count(
  query: QueryString,
  name: string,
  fallback: number,
  max: number | undefined,
  errors: ApiError[],
) {
  const raw = query[name];
  if (raw === undefined) return fallback;
  const value = /^\d{1,9}$/.test(raw) ? Number(raw) : 0;
  if (value >= 1 && (max === undefined || value <= max)) return value;
  const range = max === undefined ? 'of at least 1' : `from 1 to ${max}`;
  errors.push({
    path: queryPath(name),
    code: 'query-value-invalid',
    message: `${name} is a whole number ${range}`,
  });
  return fallback;
}

/** Sort, filters, bbox and q of `level`'s lists; `paging` names the parameters the caller reads itself. */
export function readQuery<S extends string, F extends string>(
  level: string,
  spec: QuerySpec<S, F>,
  query: QueryString,
  paging: readonly string[],
  errors: ApiError[],
): ParsedExportQuery<S, F> {
  let sort: readonly SortTerm<S>[] = spec.defaultSort;
  const filters: { field: F; op: FilterOp; value: FilterValue }[] = [];
  let bbox: readonly [number, number, number, number] | undefined;
  let q: string | undefined;
  for (const [name, raw] of Object.entries(query)) {
    if (raw === undefined || paging.includes(name)) continue;
    // Own properties only: a parameter named "constructor" is no filter.
    const param = Object.hasOwn(spec.filters, name) ? spec.filters[name] : undefined;
    if (name === 'sort') sort = sortTerms(spec.sort, raw, errors);
    else if (name === 'bbox' && spec.bbox) bbox = bboxParam(raw, errors);
    else if (name === 'q' && spec.search) {
      if (hasNul(raw)) errors.push({ path: queryPath(name), code: 'query-value-invalid', message: NUL_IN_Q });
      else q = raw.trim() === '' ? undefined : raw.trim();
    } else if (param === undefined) {
      errors.push({
        path: queryPath(name),
        code: 'query-param-unknown',
        message: `${level} lists take no "${name}" parameter`,
      });
    } else {
      const codes: readonly string[] = spec.codes[param.field] ?? [];
      const value = filterValue(param, codes, raw);
      if (value === undefined) {
        const list = param.op === 'in' ? 'a comma-separated list of ' : '';
        const allowed = param.type === 'code' ? ` (${codes.join(', ')})` : '';
        errors.push({
          path: queryPath(name),
          code: 'query-value-invalid',
          message: `${name} expects ${list}${EXPECTED[param.type]}${allowed}`,
        });
      } else filters.push({ field: param.field, op: param.op, value });
    }
  }
  return { sort, filters, ...(bbox ? { bbox } : {}), ...(q ? { q } : {}) };
}

/** A list request of `level`: paging, then sort, filters, bbox and q; a 400 listing every bad parameter. */
export function parseListQuery<S extends string, F extends string>(
  level: string,
  spec: QuerySpec<S, F>,
  query: QueryString,
): ParsedListQuery<S, F> {
  const errors: ApiError[] = [];
  const page = count(query, 'page', 1, undefined, errors);
  const page_size = count(query, 'page_size', DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, errors);
  const rest = readQuery(level, spec, query, ['page', 'page_size'], errors);
  if (errors.length > 0) throw badRequest(errors);
  return { ...rest, page, page_size };
}

/** An export request (GeoJSON, CSV): a list request without paging. */
export function parseExportQuery<S extends string, F extends string>(
  level: string,
  spec: QuerySpec<S, F>,
  query: QueryString,
): ParsedExportQuery<S, F> {
  const errors: ApiError[] = [];
  const result = readQuery(level, spec, query, [], errors);
  if (errors.length > 0) throw badRequest(errors);
  return result;
}

/** The record id of a path, lower-cased; 400 `id-invalid` when it is no UUID. */
export function parseRecordId(params: Readonly<Record<string, string | undefined>>): string {
  const id = params.id ?? '';
  if (UUID.test(id)) return id.toLowerCase();
  throw badRequest([{ path: '/params/id', code: 'id-invalid', message: `"${id}" is not a UUID` }]);
}

/** The optional `row_version` of a delete. */
export function parseRowVersion(query: QueryString): { readonly row_version?: number } {
  const raw = query.row_version;
  if (raw === undefined) return {};
  if (/^\d{1,15}$/.test(raw)) return { row_version: Number(raw) };
  throw badRequest([
    { path: queryPath('row_version'), code: 'query-value-invalid', message: 'row_version is a whole number' },
  ]);
}
