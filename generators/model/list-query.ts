/**
 * What a level's list endpoints accept besides paging: sortable fields, typed filters and free-text
 * search. One derivation, in the module model, shared by the runtime (which reads query strings against
 * it) and the OpenAPI document (which declares the parameters), so the two cannot disagree.
 */
import {
  type FieldKind,
  findStandardVocabulary,
  isValidatedLevel,
  type ResolvedField,
  type ResolvedLevel,
  type ResolvedProtocol,
  VALIDATION_VOCABULARY,
} from '../../protocol-specs/index.ts';

/** How a filter value is read from the query string. */
export const FILTER_VALUE_TYPES = [
  'text',
  'integer',
  'number',
  'boolean',
  'date',
  'time',
  'datetime',
  'uuid',
  'code',
] as const;
export type FilterValueType = (typeof FILTER_VALUE_TYPES)[number];
/**
 * `eq` is the bare parameter (`roost_type=CAVE`); the others are written `field[op]`. `name` is a
 * taxon's: the typed text matched in its scientific or vernacular name (`cd_nom[name]=pic`), so a
 * table filters on what the user typed even when no suggestion was picked.
 */
export const FILTER_OPS = ['eq', 'in', 'contains', 'gte', 'lte', 'name'] as const;
export type FilterOp = (typeof FILTER_OPS)[number];
/** Operations whose value is read otherwise than the field's own (a taxon's name is text, not its code). */
const OP_VALUE_TYPES: Partial<Record<FilterOp, FilterValueType>> = { name: 'text' };

/**
 * Patterns of time and date-time filter values, written into the routes module and the OpenAPI
 * parameters alike. A date-time is RFC 3339 (seconds and offset required), as `format: date-time` says.
 */
export const TIME_PATTERN = '^([01]\\d|2[0-3]):[0-5]\\d(:[0-5]\\d(\\.\\d+)?)?$';
export const DATETIME_PATTERN =
  '^\\d{4}-\\d{2}-\\d{2}T([01]\\d|2[0-3]):[0-5]\\d:[0-5]\\d(\\.\\d+)?(Z|[+-]\\d{2}:\\d{2})$';

interface KindFilter {
  readonly type: FilterValueType;
  readonly ops: readonly FilterOp[];
}

/**
 * Filters each kind offers; `undefined` for kinds a query string cannot sensibly filter (files, shapes,
 * repeatable groups, sections). Exhaustive, so a new kind must decide here.
 */
const KIND_FILTERS = {
  text: { type: 'text', ops: ['eq', 'contains'] },
  long_text: { type: 'text', ops: ['contains'] },
  integer: { type: 'integer', ops: ['eq', 'gte', 'lte'] },
  decimal: { type: 'number', ops: ['eq', 'gte', 'lte'] },
  boolean: { type: 'boolean', ops: ['eq'] },
  date: { type: 'date', ops: ['eq', 'gte', 'lte'] },
  // Equality on a time or an instant is rarely what a user means: ranges only.
  time: { type: 'time', ops: ['gte', 'lte'] },
  datetime: { type: 'datetime', ops: ['gte', 'lte'] },
  choice: { type: 'code', ops: ['eq', 'in'] },
  vocabulary: { type: 'code', ops: ['eq', 'in'] },
  taxon: { type: 'integer', ops: ['eq', 'in', 'name'] },
  observers: { type: 'text', ops: ['eq'] },
  dataset: { type: 'uuid', ops: ['eq'] },
  habitat: { type: 'text', ops: ['eq', 'in'] },
  reference: { type: 'uuid', ops: ['eq'] },
  media: undefined,
  geometry: undefined,
  group: undefined,
  section: undefined,
} as const satisfies Record<FieldKind, KindFilter | undefined>;

/** Kinds whose single values have an order a database can sort on. */
const SORTABLE_KINDS = {
  text: true,
  long_text: false,
  integer: true,
  decimal: true,
  boolean: true,
  date: true,
  time: true,
  datetime: true,
  choice: true,
  vocabulary: true,
  taxon: true,
  observers: true,
  dataset: false,
  habitat: true,
  reference: false,
  media: false,
  geometry: false,
  group: false,
  section: false,
} as const satisfies Record<FieldKind, boolean>;

export interface FilterSpec {
  /** The column filtered: a field key, or `<parent>_id` for a link to a parent level. */
  readonly field: string;
  readonly type: FilterValueType;
  readonly ops: readonly FilterOp[];
  /** The column holds a list (multiple choice, observers…): `eq`/`in` then mean "holds". */
  readonly multiple: boolean;
  /** Allowed codes for `code` filters. */
  readonly codes?: readonly string[];
}

export interface LevelQuery {
  readonly sort: readonly string[];
  readonly defaultSort: ResolvedLevel['sort'];
  readonly filters: readonly FilterSpec[];
  /** Text fields `q` searches; empty means the level takes no `q`. */
  readonly search: readonly string[];
  /** The level has its own geometry, so `bbox` applies. */
  readonly bbox: boolean;
}

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 500;
/**
 * A list's `total` counts matching records up to this many: beyond, it is the cap and `total_exact` is
 * false. An exact count of a million rows costs more than the page itself.
 */
export const TOTAL_COUNT_CAP = 10_000;
/** Query parameter names that are not filters. A field key may be one of them: see filterParamName. */
export const LIST_PARAMS = ['page', 'page_size', 'sort', 'bbox', 'q'] as const;

const isMultiple = (field: ResolvedField): boolean => 'multiple' in field && field.multiple;

function codesOf(field: ResolvedField): readonly string[] | undefined {
  if (field.kind === 'choice') return field.choices.map((c) => c.value);
  if (field.kind === 'vocabulary') return field.codes;
  return undefined;
}

/** Fields users see in the list (list columns, default sort, map label) are the ones they filter and sort on. */
function shownFields(level: ResolvedLevel): ResolvedField[] {
  const keys = new Set([
    ...level.list,
    ...level.sort.map((s) => s.field),
    ...(level.mapLabel ? [level.mapLabel] : []),
  ]);
  return level.fields.filter((f) => keys.has(f.key));
}

/**
 * The validation status of a validated level (a column the server sets, not a field): validators
 * list what awaits them (`validation_status=0`) and sort on it.
 */
function validationFilters(protocol: ResolvedProtocol, level: ResolvedLevel): FilterSpec[] {
  if (!isValidatedLevel(protocol, level.key)) return [];
  const codes = findStandardVocabulary(VALIDATION_VOCABULARY)?.values.map((v) => v.code) ?? [];
  return [{ field: 'validation_status', type: 'code', ops: ['eq', 'in'], multiple: false, codes }];
}

/** The envelope column every level sorts on besides its fields: the record's last change. */
export const RECENT_SORT = 'updated_at';

/** The protocol decides whether the level is validated (protocol-specs/standard/validation.ts). */
export function levelQuery(level: ResolvedLevel, protocol: ResolvedProtocol): LevelQuery {
  const validation = validationFilters(protocol, level);
  const shown = shownFields(level);
  const fieldFilters = shown.flatMap((field): FilterSpec[] => {
    const filter: KindFilter | undefined = KIND_FILTERS[field.kind];
    if (!filter) return [];
    const codes = codesOf(field);
    return [
      {
        field: field.key,
        type: filter.type,
        ops: filter.ops,
        multiple: isMultiple(field),
        ...(codes ? { codes } : {}),
      },
    ];
  });
  const parentFilters = level.parents.map(
    (parent): FilterSpec => ({ field: `${parent}_id`, type: 'uuid', ops: ['eq'], multiple: false }),
  );
  const sortedByDefault = new Set(level.sort.map((s) => s.field));
  return {
    // The spec's own sort order is always accepted, even on a kind we would not offer by ourselves.
    sort: [
      ...shown
        .filter((f) => sortedByDefault.has(f.key) || (SORTABLE_KINDS[f.kind] && !isMultiple(f)))
        .map((f) => f.key),
      ...validation.map((f) => f.field),
      // Every record's last change (the envelope's column): what a home page's "latest activity" reads.
      RECENT_SORT,
    ],
    defaultSort: level.sort,
    filters: [...parentFilters, ...fieldFilters, ...validation],
    search: shown.filter((f) => f.kind === 'text').map((f) => f.key),
    bbox: level.geometry.kind !== 'none',
  };
}

/** One query parameter of a filter: `visit_date_min[gte]`. */
export interface FilterParam {
  readonly name: string;
  readonly field: string;
  readonly op: FilterOp;
  readonly type: FilterValueType;
  readonly codes?: readonly string[];
}

/**
 * Query parameter name of a filter operation: the bare field for `eq`, `field[op]` otherwise. A field
 * key may be `page` or `q`; its equality filter is then written `page[eq]` so paging keeps its name.
 */
export function filterParamName(field: string, op: FilterOp): string {
  return op === 'eq' && !(LIST_PARAMS as readonly string[]).includes(field) ? field : `${field}[${op}]`;
}

export function filterParams(query: LevelQuery): FilterParam[] {
  return query.filters.flatMap((f) =>
    f.ops.map((op) => ({
      name: filterParamName(f.field, op),
      field: f.field,
      op,
      type: OP_VALUE_TYPES[op] ?? f.type,
      ...(f.codes ? { codes: f.codes } : {}),
    })),
  );
}

/**
 * A level's list query by query parameter, as model/model.json and `QUERY_SPECS` hold it and the runtime
 * reads query strings with (`runtime/records/query/parse-list-query.ts`): name → filter, codes by field.
 */
export interface QuerySpecData {
  readonly sort: readonly string[];
  readonly defaultSort: LevelQuery['defaultSort'];
  readonly filters: Readonly<
    Record<string, { readonly field: string; readonly op: FilterOp; readonly type: FilterValueType }>
  >;
  readonly codes: Readonly<Record<string, readonly string[]>>;
  readonly bbox: boolean;
  readonly search: boolean;
}

export function querySpec(query: LevelQuery): QuerySpecData {
  return {
    sort: query.sort,
    defaultSort: query.defaultSort,
    filters: Object.fromEntries(
      filterParams(query).map(({ name, field, op, type }) => [name, { field, op, type }]),
    ),
    codes: Object.fromEntries(query.filters.flatMap((f) => (f.codes ? [[f.field, f.codes]] : []))),
    bbox: query.bbox,
    search: query.search.length > 0,
  };
}
