/**
 * components/parameters and the parameter list of each route, from the list-query derivation the
 * routes module parses with: the same names, value types and codes.
 */
import type { ResolvedLevel, ResolvedProtocol } from '../../protocol-specs/index.ts';
import { moduleModel } from '../model/build.ts';
import {
  DEFAULT_PAGE_SIZE,
  type FilterOp,
  type FilterParam,
  type FilterValueType,
  filterParams,
  type LevelQuery,
  MAX_PAGE_SIZE,
  TIME_PATTERN,
} from '../model/list-query.ts';
import type { Route } from '../model/route-table.ts';
import { mapParameters } from './map-response.ts';
import type { Schema } from './schemas.ts';

const paramRef = (name: string): Schema => ({ $ref: `#/components/parameters/${name}` });

/** JSON Schema of one filter value; the routes module accepts exactly these. */
const VALUE_SCHEMAS = {
  text: () => ({ type: 'string', minLength: 1 }),
  integer: () => ({ type: 'integer' }),
  number: () => ({ type: 'number' }),
  boolean: () => ({ type: 'boolean' }),
  date: () => ({ type: 'string', format: 'date' }),
  time: () => ({ type: 'string', pattern: TIME_PATTERN }),
  datetime: () => ({ type: 'string', format: 'date-time' }),
  uuid: () => ({ type: 'string', format: 'uuid' }),
  code: (codes: readonly string[]) => ({ type: 'string', enum: [...codes] }),
} as const satisfies Record<FilterValueType, (codes: readonly string[]) => Schema>;

const OP_WORDS = {
  eq: 'equals',
  in: 'is one of (comma-separated)',
  contains: 'contains, ignoring case,',
  gte: 'is at least',
  lte: 'is at most',
  name: 'has a scientific or vernacular name containing (ignoring case and accents)',
} as const satisfies Record<FilterOp, string>;

const LIST_QUERY_PARAMETERS: Record<string, Schema> = {
  id: { name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } },
  page: {
    name: 'page',
    in: 'query',
    description: 'Page number, from 1.',
    schema: { type: 'integer', minimum: 1, default: 1 },
  },
  page_size: {
    name: 'page_size',
    in: 'query',
    schema: { type: 'integer', minimum: 1, maximum: MAX_PAGE_SIZE, default: DEFAULT_PAGE_SIZE },
  },
  row_version: {
    name: 'row_version',
    in: 'query',
    description: 'Delete only if the record is still at this version (409 otherwise).',
    schema: { type: 'integer', minimum: 0 },
  },
  bbox: {
    name: 'bbox',
    in: 'query',
    description: 'Records whose geometry intersects minx,miny,maxx,maxy (WGS84 degrees).',
    style: 'form',
    explode: false,
    schema: { type: 'array', items: { type: 'number' }, minItems: 4, maxItems: 4 },
  },
  q: {
    name: 'q',
    in: 'query',
    description: 'Free text searched in the text columns of the list.',
    schema: { type: 'string' },
  },
};

function filterParameter(param: FilterParam, multiple: boolean): Schema {
  const value = VALUE_SCHEMAS[param.type](param.codes ?? []);
  const holds =
    multiple && (param.op === 'eq' || param.op === 'in')
      ? ' (the column holds a list: one of its values)'
      : '';
  return {
    name: param.name,
    in: 'query',
    description: `${param.field} ${OP_WORDS[param.op]} the value${holds}.`,
    ...(param.op === 'in'
      ? { style: 'form', explode: false, schema: { type: 'array', items: value, minItems: 1 } }
      : { schema: value }),
  };
}

/** The level's list query, from the module model (derived once for the routes and this document). */
const queryOf = (protocol: ResolvedProtocol, level: ResolvedLevel): LevelQuery =>
  moduleModel(protocol).levels.find((l) => l.key === level.key)!.query;

const sortName = (level: string) => `${level}.sort`;
const filterName = (level: string, param: FilterParam) => `${level}.${param.field}.${param.op}`;

/** The list parameters of a level (its sort and filters): what list, children and exports accept. */
function levelParameters(protocol: ResolvedProtocol, level: ResolvedLevel): Record<string, Schema> {
  const query = queryOf(protocol, level);
  const multiple = new Map(query.filters.map((f) => [f.field, f.multiple]));
  const sort = {
    name: 'sort',
    in: 'query',
    description: 'Comma-separated fields; a leading - sorts descending.',
    style: 'form',
    explode: false,
    schema: {
      type: 'array',
      items: { type: 'string', enum: query.sort.flatMap((field) => [field, `-${field}`]) },
      default: query.defaultSort.map((s) => (s.direction === 'desc' ? `-${s.field}` : s.field)),
    },
  };
  return {
    // A level with nothing to sort on takes no sort parameter (the routes module refuses any).
    ...(query.sort.length > 0 ? { [sortName(level.key)]: sort } : {}),
    ...Object.fromEntries(
      filterParams(query).map((p) => [
        filterName(level.key, p),
        filterParameter(p, multiple.get(p.field) ?? false),
      ]),
    ),
  };
}

export function parameterComponents(protocol: ResolvedProtocol): Record<string, Schema> {
  return Object.assign(
    { ...LIST_QUERY_PARAMETERS },
    ...protocol.levels.map((level) => levelParameters(protocol, level)),
  );
}

/** The query a level's lists and exports read, as parameter references. */
function queryRefs(protocol: ResolvedProtocol, level: ResolvedLevel, paged: boolean): Schema[] {
  const query = queryOf(protocol, level);
  return [
    ...(paged ? [paramRef('page'), paramRef('page_size')] : []),
    ...(query.sort.length > 0 ? [paramRef(sortName(level.key))] : []),
    ...filterParams(query).map((p) => paramRef(filterName(level.key, p))),
    ...(query.bbox ? [paramRef('bbox')] : []),
    ...(query.search.length > 0 ? [paramRef('q')] : []),
  ];
}

export function routeParameters(protocol: ResolvedProtocol, route: Route): Schema[] {
  const level = (key: string) => protocol.levels.find((l) => l.key === key)!;
  switch (route.operation) {
    case 'list':
      return queryRefs(protocol, level(route.level), true);
    case 'children':
      return [paramRef('id'), ...queryRefs(protocol, level(route.child!), true)];
    case 'geojson':
    case 'csv':
      return queryRefs(protocol, level(route.level), false);
    case 'map':
      return mapParameters(queryRefs(protocol, level(route.level), false));
    case 'get':
    case 'update':
    case 'validate':
      return [paramRef('id')];
    case 'remove':
      return [paramRef('id'), paramRef('row_version')];
    case 'create':
      return [];
  }
}
