/**
 * The core OpenAPI 3.1 document: every /api route that is not a module's record route — sign-in and
 * tokens, administration, media, reference data, health, forms and the documents themselves. Each
 * route group writes its part next to its routes (runtime/auth/openapi.ts, runtime/admin/openapi.ts,
 * runtime/media/openapi.ts, refdata-openapi.ts, server-openapi.ts); this file adds what they share
 * and puts them together. Served as `GET /api/openapi/core.json` (openapi-routes.ts), built for the
 * modules served, again whenever they change.
 */
import { modulesAdminOpenApi } from '../admin/modules-openapi.ts';
import { adminOpenApi } from '../admin/openapi.ts';
import { authOpenApi } from '../auth/openapi.ts';
import { dashboardsOpenApi } from '../dashboards/openapi.ts';
import { exportsOpenApi } from '../exports/exports-openapi.ts';
import { historyOpenApi } from '../history/openapi.ts';
import { importOpenApi } from '../import/openapi.ts';
import { importTemplatesOpenApi } from '../import/templates/index.ts';
import { mediaOpenApi } from '../media/openapi.ts';
import { metadataOpenApi } from '../metadata/openapi.ts';
import type { ModuleRuntime } from '../modules/load.ts';
import { offlineOpenApi } from '../offline/openapi.ts';
import { type Json, type OpenApiGroup, SIGNED_IN } from './openapi-parts.ts';
import { refdataOpenApi } from './refdata-openapi.ts';
import { serverOpenApi } from './server-openapi.ts';

export const CORE_OPENAPI_PATH = '/api/openapi/core.json';

/** Defined once, named by every group. */
const SHARED_SCHEMAS: Readonly<Record<string, Json>> = {
  ApiError: {
    type: 'object',
    properties: {
      path: {
        type: 'string',
        description:
          'JSON pointer to the culprit: `/login` in the body, `/query/limit`, `/params/type`; empty for the request as a whole.',
      },
      code: { type: 'string', description: 'Machine-readable, e.g. `required`, `not_found`, `csrf`.' },
      message: { type: 'string', description: 'For people, in French.' },
    },
    required: ['path', 'code', 'message'],
  },
  Errors: { type: 'array', minItems: 1, items: { $ref: '#/components/schemas/ApiError' } },
  Labels: {
    type: 'object',
    properties: { fr: { type: 'string' }, en: { type: 'string' } },
    required: ['fr'],
    additionalProperties: false,
  },
};

const SECURITY_SCHEMES: Readonly<Record<string, Json>> = {
  session: {
    type: 'apiKey',
    in: 'cookie',
    name: 'suivi_session',
    description: 'Session of the web application (POST /api/auth/login).',
  },
  bearer: {
    type: 'http',
    scheme: 'bearer',
    description: 'API token (POST /api/auth/tokens), for scripts and synchronisation.',
  },
};

/**
 * The groups of an instance with these modules, in the order of the reference page; `extra`: the
 * plugins' (app-plugin.ts: the protocol builder), last.
 */
export const coreGroups = (
  modules: readonly ModuleRuntime[],
  extra: readonly OpenApiGroup[] = [],
): readonly OpenApiGroup[] => [
  authOpenApi,
  adminOpenApi(modules.map((m) => m.code)),
  modulesAdminOpenApi,
  metadataOpenApi,
  mediaOpenApi,
  importOpenApi,
  dashboardsOpenApi,
  refdataOpenApi(modules),
  serverOpenApi(modules),
  importTemplatesOpenApi,
  historyOpenApi(modules),
  exportsOpenApi(modules),
  offlineOpenApi(modules),
  ...extra,
];

/** Puts the groups together; a path or schema named twice is a programming error, thrown at start. */
export function coreOpenApi(modules: readonly ModuleRuntime[], extra: readonly OpenApiGroup[] = []): Json {
  const paths: Record<string, Json> = {};
  const schemas: Record<string, Json> = { ...SHARED_SCHEMAS };
  const groups = coreGroups(modules, extra);
  for (const group of groups) {
    for (const [path, item] of Object.entries(group.paths)) {
      if (paths[path]) throw new Error(`core OpenAPI: ${path} is described twice`);
      paths[path] = item;
    }
    for (const [name, schema] of Object.entries(group.schemas ?? {})) {
      if (schemas[name]) throw new Error(`core OpenAPI: schema ${name} is defined twice`);
      schemas[name] = schema;
    }
  }
  return {
    openapi: '3.1.1',
    info: {
      title: 'Suivi core API',
      version: '1',
      description:
        'The routes every Suivi instance has besides its modules’ record routes (each module has its own document, /api/modules/<code>/openapi.json). Errors are always the JSON list `[{ path, code, message }]` with a 4xx or 5xx status. Writes (POST, PUT, PATCH, DELETE) without a bearer token must come from the application’s own origin (CSRF check, 403 `csrf`).',
    },
    tags: groups.map((g) => g.tag),
    security: SIGNED_IN,
    paths,
    components: { schemas, securitySchemes: SECURITY_SCHEMES },
  };
}
