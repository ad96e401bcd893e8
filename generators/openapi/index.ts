/**
 * The OpenAPI generator: `openapi/openapi.json`, an OpenAPI 3.1 description of the module's routes.
 * Paths and operationIds come from the module model's route table, which the runtime mounts; body schemas
 * reuse the forms generator's level schemas (3.1 speaks JSON Schema 2020-12).
 */
import type { ResolvedProtocol } from '../../protocol-specs/index.ts';
import { bannerText, jsonText } from '../core/banner.ts';
import type { Generator, GeneratorContext } from '../core/generated-file.ts';
import { moduleModel } from '../model/build.ts';
import type { HttpMethod } from '../model/route-table.ts';
import { operation, RESPONSE_COMPONENTS } from './operations.ts';
import { parameterComponents } from './parameters.ts';
import { ERROR_SCHEMAS, levelSchemas, type Schema } from './schemas.ts';

export const OPENAPI_VERSION = '3.1.1';

/** The document as data, for tests and for a runtime that serves several modules in one document. */
export function buildOpenApi(protocol: ResolvedProtocol, context: GeneratorContext): Schema {
  const paths: Record<string, Partial<Record<Lowercase<HttpMethod>, Schema>>> = {};
  for (const route of moduleModel(protocol).routes) {
    const method = route.method.toLowerCase() as Lowercase<HttpMethod>;
    paths[route.path] = { ...paths[route.path], [method]: operation(protocol, route) };
  }
  return {
    // OpenAPI allows no `$comment` at the top level; extensions start with `x-`.
    'x-generated-by': bannerText(protocol, context),
    openapi: OPENAPI_VERSION,
    info: {
      title: `${protocol.label.en ?? protocol.label.fr} (${protocol.code})`,
      version: String(protocol.version),
      ...(protocol.description ? { description: protocol.description.en ?? protocol.description.fr } : {}),
    },
    tags: protocol.levels.map((level) => ({
      name: level.key,
      description: `${level.plural.en ?? level.plural.fr} (${level.plural.fr})`,
    })),
    security: [{ session: [] }, { bearer: [] }],
    paths,
    components: {
      schemas: uniqueNames([...protocol.levels.map((l) => levelSchemas(protocol, l)), ERROR_SCHEMAS]),
      parameters: parameterComponents(protocol),
      responses: RESPONSE_COMPONENTS,
      securitySchemes: {
        session: {
          type: 'apiKey',
          in: 'cookie',
          name: 'suivi_session',
          description: 'Session of the web application.',
        },
        bearer: {
          type: 'http',
          scheme: 'bearer',
          description: 'API token, for scripts and synchronisation.',
        },
      },
    },
  };
}

/**
 * Merges the per-level schema maps. Names come from level keys (`sites_group` → `SitesGroup…`); two
 * keys could in principle give the same name (`site` + `Data` and `site_data`), which must not
 * silently replace a schema.
 */
function uniqueNames(maps: readonly Record<string, Schema>[]): Record<string, Schema> {
  const merged: Record<string, Schema> = {};
  for (const map of maps) {
    for (const [name, schema] of Object.entries(map)) {
      if (name in merged)
        throw new Error(`two levels give the OpenAPI schema name ${name}: rename one of them`);
      merged[name] = schema;
    }
  }
  return merged;
}

export const openapiGenerator: Generator = {
  description: 'OpenAPI 3.1 description of the module API (openapi/openapi.json)',
  generate(protocol, context) {
    return [{ path: 'openapi.json', contents: jsonText(buildOpenApi(protocol, context)) }];
  },
};
