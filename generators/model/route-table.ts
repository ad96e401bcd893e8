/**
 * The HTTP routes of a module, as data: the runtime mounts this one table (model/model.json), and
 * api/routes.ts and the OpenAPI document are rendered from it, so a path or an operationId cannot drift.
 */
import { isValidatedLevel, type ResolvedLevel, type ResolvedProtocol } from '../../protocol-specs/index.ts';

export const ROUTE_OPERATIONS = [
  'list',
  'get',
  'create',
  'update',
  'remove',
  'validate',
  'children',
  'geojson',
  'map',
  'csv',
] as const;
export type RouteOperation = (typeof ROUTE_OPERATIONS)[number];

/**
 * What may be done to a module's records, one name each: grants are given per action (stored as
 * GeoNature's CRUVED letters, runtime/auth/permissions.ts) and record queries are scoped per action.
 */
export const ACTIONS = ['create', 'read', 'update', 'validate', 'export', 'delete'] as const;
export type Action = (typeof ACTIONS)[number];

/**
 * The action each route operation needs. Exhaustive, so a new route operation does not compile until it
 * says which permission it takes. The map reads GeoJSON and clusters: Read, as the records are scoped;
 * CSV is Export.
 */
export const ROUTE_ACTIONS = {
  list: 'read',
  get: 'read',
  children: 'read',
  geojson: 'read',
  map: 'read',
  create: 'create',
  update: 'update',
  remove: 'delete',
  validate: 'validate',
  csv: 'export',
} as const satisfies Record<RouteOperation, Action>;
export const HTTP_METHODS = ['GET', 'POST', 'PUT', 'DELETE'] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

export interface Route {
  readonly operation: RouteOperation;
  readonly method: HttpMethod;
  /** Level key the route serves. */
  readonly level: string;
  /** For `children`: the child level listed. */
  readonly child?: string;
  /** Path in OpenAPI template syntax (`/api/modules/chiro_gites/site/{id}`); see `colonPath`. */
  readonly path: string;
  readonly operationId: string;
  readonly summary: string;
}

/** `sites_group` → `SitesGroup`; the casing of generated type and operation names. */
export const pascal = (snake: string): string =>
  snake
    .split('_')
    .filter((part) => part.length > 0)
    .map((part) => part[0]!.toUpperCase() + part.slice(1))
    .join('');

export const modulePath = (code: string): string => `/api/modules/${code}`;

/** Router syntax (Hono, Express): `{id}` → `:id`. */
export const colonPath = (path: string): string => path.replaceAll(/\{(\w+)\}/g, ':$1');

/** Levels that name `level` among their parents, in the protocol's parent-first order. */
export function childrenOf(protocol: ResolvedProtocol, level: string): ResolvedLevel[] {
  return protocol.levels.filter((l) => l.parents.includes(level));
}

const name = (level: ResolvedLevel) => level.plural.en ?? level.plural.fr;
const one = (level: ResolvedLevel) => level.label.en ?? level.label.fr;

/** Every route of the module: per level in parent-first order, in a fixed operation order. */
export function routeTable(protocol: ResolvedProtocol): Route[] {
  return protocol.levels.flatMap((level) => levelRoutes(protocol, level));
}

function levelRoutes(protocol: ResolvedProtocol, level: ResolvedLevel): Route[] {
  const base = `${modulePath(protocol.code)}/${level.key}`;
  const type = pascal(level.key);
  const route = (r: Omit<Route, 'level'>): Route => ({ ...r, level: level.key });
  return [
    route({
      operation: 'list',
      method: 'GET',
      path: base,
      operationId: `list${type}`,
      summary: `List ${name(level)}`,
    }),
    // Before `{id}`: the router tries routes in this order, and `map` is no record id.
    ...(level.geometry.kind === 'none'
      ? []
      : [
          route({
            operation: 'map',
            method: 'GET',
            path: `${base}/map`,
            operationId: `map${type}`,
            summary: `${name(level)} on a map: clusters, or features when few, in a bounding box`,
          }),
        ]),
    route({
      operation: 'create',
      method: 'POST',
      path: base,
      operationId: `create${type}`,
      summary: `Create a ${one(level)}`,
    }),
    route({
      operation: 'get',
      method: 'GET',
      path: `${base}/{id}`,
      operationId: `get${type}`,
      summary: `Read a ${one(level)}`,
    }),
    route({
      operation: 'update',
      method: 'PUT',
      path: `${base}/{id}`,
      operationId: `update${type}`,
      summary: `Replace a ${one(level)} (optimistic locking on row_version)`,
    }),
    route({
      operation: 'remove',
      method: 'DELETE',
      path: `${base}/{id}`,
      operationId: `delete${type}`,
      summary: `Delete a ${one(level)}`,
    }),
    ...(isValidatedLevel(protocol, level.key)
      ? [
          route({
            operation: 'validate',
            method: 'POST',
            path: `${base}/{id}/validation`,
            operationId: `validate${type}`,
            summary: `Set the validation status of a ${one(level)} (STATUT_VALID; needs Validate)`,
          }),
        ]
      : []),
    ...childrenOf(protocol, level.key).map((child) =>
      route({
        operation: 'children',
        method: 'GET',
        child: child.key,
        path: `${base}/{id}/${child.key}`,
        operationId: `list${pascal(child.key)}Of${type}`,
        summary: `List the ${name(child)} of a ${one(level)}`,
      }),
    ),
    ...(level.geometry.kind === 'none'
      ? []
      : [
          route({
            operation: 'geojson',
            method: 'GET',
            path: `${base}.geojson`,
            operationId: `export${type}Geojson`,
            summary: `${name(level)} as a GeoJSON FeatureCollection`,
          }),
        ]),
    route({
      operation: 'csv',
      method: 'GET',
      path: `${base}.csv`,
      operationId: `export${type}Csv`,
      summary: `${name(level)} as CSV`,
    }),
  ];
}
