/**
 * The API generator: `api/routes.ts` (typed routes over the runtime's generic operations) and
 * `api/module.ts` (the module descriptor). Both are views of the route table and the list-query
 * derivation, which the OpenAPI generator renders too.
 */
import {
  isValidatedLevel,
  type ResolvedLevel,
  type ResolvedProtocol,
  STANDARD_FIELDS,
  VALIDATION_COLUMNS,
  validatedLevels,
} from '../../protocol-specs/index.ts';
import { banner } from '../core/banner.ts';
import type { Generator } from '../core/generated-file.ts';
import { literalUnion } from '../core/literal.ts';
import { moduleModel } from '../model/build.ts';
import { FILTER_OPS, FILTER_VALUE_TYPES } from '../model/list-query.ts';
import { childrenOf, colonPath, HTTP_METHODS, modulePath, ROUTE_OPERATIONS } from '../model/route-table.ts';
import { readOnlyFields } from './record-shape.ts';
import { renderModule, renderRoutes } from './render.ts';

const unique = (values: readonly string[]) => [...new Set(values)];

const levelModel = (protocol: ResolvedProtocol, level: ResolvedLevel) =>
  moduleModel(protocol).levels.find((l) => l.key === level.key)!;

function levelView(protocol: ResolvedProtocol, level: ResolvedLevel) {
  const spec = levelModel(protocol, level).querySpec;
  return {
    key: level.key,
    // The validation columns are set by the Validate action only: returned, never sent.
    readOnly: literalUnion([
      ...readOnlyFields(level),
      ...(isValidatedLevel(protocol, level.key) ? VALIDATION_COLUMNS : []),
    ]),
    sortFields: literalUnion(spec.sort),
    filterFields: literalUnion(unique(Object.values(spec.filters).map((p) => p.field))),
    children: literalUnion(childrenOf(protocol, level.key).map((c) => c.key)),
    querySpec: spec,
  };
}

function descriptor(protocol: ResolvedProtocol) {
  return {
    code: protocol.code,
    version: protocol.version,
    label: protocol.label,
    levels: protocol.levels.map((level) => {
      const { query } = levelModel(protocol, level);
      return {
        key: level.key,
        id: level.id,
        type: level.type,
        label: level.label,
        plural: level.plural,
        parents: level.parents,
        children: childrenOf(protocol, level.key).map((c) => c.key),
        geometry: level.geometry,
        list: level.list,
        sort: level.sort,
        sortable: query.sort,
        mapLabel: level.mapLabel ?? null,
        search: query.search,
        filters: query.filters,
        path: `${modulePath(protocol.code)}/${level.key}`,
      };
    }),
  };
}

/** Unions both generated files declare, written from the constants the generators use. */
const sharedUnions = {
  filterOps: literalUnion(FILTER_OPS),
  valueTypes: literalUnion(FILTER_VALUE_TYPES),
  httpMethods: literalUnion(HTTP_METHODS),
  routeOperations: literalUnion(ROUTE_OPERATIONS),
};

export const apiGenerator: Generator = {
  description: 'Typed HTTP routes (api/routes.ts) and the module descriptor (api/module.ts)',
  generate(protocol, context) {
    const head = banner('ts', protocol, context);
    const routes = renderRoutes({
      banner: head,
      code: protocol.code,
      version: protocol.version,
      levelUnion: literalUnion(protocol.levels.map((l) => l.key)),
      geometryLevels: literalUnion(
        protocol.levels.filter((l) => l.geometry.kind !== 'none').map((l) => l.key),
      ),
      validatedLevels: literalUnion(validatedLevels(protocol).map((l) => l.key)),
      levels: protocol.levels.map((level) => levelView(protocol, level)),
      routes: moduleModel(protocol).routes.map((route) => ({
        ...route,
        child: route.child ?? null,
        routerPath: colonPath(route.path),
        info: {
          operationId: route.operationId,
          operation: route.operation,
          level: route.level,
          ...(route.child ? { child: route.child } : {}),
        },
      })),
      ...sharedUnions,
    });
    const module = renderModule({
      banner: head,
      code: protocol.code,
      levelTypes: literalUnion(Object.keys(STANDARD_FIELDS)),
      ...sharedUnions,
      descriptor: descriptor(protocol),
    });
    return [
      { path: 'module.ts', contents: module },
      { path: 'routes.ts', contents: routes },
    ];
  },
};
