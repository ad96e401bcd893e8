/**
 * The API generator: `api/routes.ts`, the module's API as types and data (levels, bodies, list queries,
 * route table) for the generic contract of runtime/records/contract.ts. A view of the module model, as
 * the OpenAPI document is: the routes and query specs come from the same derivation.
 */
import {
  isValidatedLevel,
  type ResolvedLevel,
  type ResolvedProtocol,
  VALIDATION_COLUMNS,
  validatedLevels,
} from '../../protocol-specs/index.ts';
import { banner } from '../core/banner.ts';
import type { Generator } from '../core/generated-file.ts';
import { literalUnion } from '../core/literal.ts';
import { moduleModel } from '../model/build.ts';
import { readOnlyFields } from './record-shape.ts';
import { renderRoutes } from './render.ts';

const unique = (values: readonly string[]) => [...new Set(values)];

function levelView(protocol: ResolvedProtocol, level: ResolvedLevel) {
  const facts = moduleModel(protocol).levels.find((l) => l.key === level.key)!;
  const spec = facts.querySpec;
  return {
    key: level.key,
    // The validation columns are set by the Validate action only: returned, never sent.
    readOnly: literalUnion([
      ...readOnlyFields(level),
      ...(isValidatedLevel(protocol, level.key) ? VALIDATION_COLUMNS : []),
    ]),
    sortFields: literalUnion(spec.sort),
    filterFields: literalUnion(unique(Object.values(spec.filters).map((p) => p.field))),
    children: literalUnion(facts.children.map((c) => c.key)),
    querySpec: spec,
  };
}

export const apiGenerator: Generator = {
  description: 'The module API as types and data over the runtime contract (api/routes.ts)',
  generate(protocol, context) {
    const routes = renderRoutes({
      banner: banner('ts', protocol, context),
      code: protocol.code,
      version: protocol.version,
      levelUnion: literalUnion(protocol.levels.map((l) => l.key)),
      geometryLevels: literalUnion(
        protocol.levels.filter((l) => l.geometry.kind !== 'none').map((l) => l.key),
      ),
      validatedLevels: literalUnion(validatedLevels(protocol).map((l) => l.key)),
      levels: protocol.levels.map((level) => levelView(protocol, level)),
      routes: moduleModel(protocol).routes.map((route) => ({ ...route, child: route.child ?? null })),
    });
    return [{ path: 'routes.ts', contents: routes }];
  },
};
