/**
 * The OpenAPI description of /api/import/templates (template-routes.ts). Part of the core document
 * (runtime/server/core-openapi.ts). The template's own shape is runtime/import/template.ts; the schema
 * here names its top-level members and leaves the mapping details to the check, which answers 422 with
 * every problem's JSON pointer.
 */
import {
  answer,
  CROSS_SITE,
  type Json,
  jsonBody,
  MALFORMED,
  type OpenApiGroup,
  pathParameter,
  problems,
  queryParameter,
  ref,
  SIGNED_OUT,
  TOO_LARGE,
  UUID,
} from '../../server/openapi-parts.ts';
import { IMPORT_TEMPLATE_FORMAT } from '../template.ts';
import { MAX_NAME_LENGTH } from './check-template.ts';

const TAG = 'import templates';
const who: Json = {
  oneOf: [
    { type: 'null' },
    {
      type: 'object',
      properties: { login: { type: 'string' }, display_name: { type: 'string' } },
      required: ['login', 'display_name'],
    },
  ],
};
const FORBIDDEN = problems(
  `No create grant on the template's module (code \`forbidden\`), or ${CROSS_SITE}.`,
);
const INVALID = problems(
  'The template does not fit its module: one entry per problem, `path` the JSON pointer of the culprit, `message` in French, `messages: { fr, en }`.',
);
const NOT_FOUND = problems('No such template, or not visible to this account.');
const id = pathParameter('id', UUID, 'The template’s id.');
const detail = answer(
  'The template, its current body and its versions (newest first).',
  ref('ImportTemplateDetail'),
);

export const importTemplatesOpenApi: OpenApiGroup = {
  tag: {
    name: TAG,
    description:
      'Saved import templates (column and value mappings) per module and provider, versioned, exportable as JSON (docs/import-templates.md). For accounts that may create records in the module.',
  },
  schemas: {
    ImportTemplate: {
      type: 'object',
      description: 'runtime/import/template.ts `ImportTemplate`.',
      properties: {
        suivi_import_template: { const: IMPORT_TEMPLATE_FORMAT },
        module: { type: 'string' },
        level: { type: 'string' },
        provider: { type: 'string', minLength: 1, maxLength: MAX_NAME_LENGTH },
        name: { type: 'string', minLength: 1, maxLength: MAX_NAME_LENGTH },
        source: {
          type: 'object',
          properties: { format: { enum: ['csv', 'xlsx', 'geojson'] } },
          required: ['format'],
        },
        conventions: { type: 'object' },
        levels: { type: 'object', additionalProperties: { type: 'object' } },
      },
      required: ['suivi_import_template', 'module', 'level', 'provider', 'name', 'source', 'levels'],
    },
    ImportTemplateSummary: {
      type: 'object',
      properties: {
        id: UUID,
        module: { type: 'string' },
        level: { type: 'string' },
        provider: { type: 'string' },
        name: { type: 'string' },
        current_version: { type: 'integer', minimum: 1 },
        created_at: { type: 'string', format: 'date-time' },
        updated_at: { type: 'string', format: 'date-time' },
        updated_by: who,
      },
      required: [
        'id',
        'module',
        'level',
        'provider',
        'name',
        'current_version',
        'created_at',
        'updated_at',
        'updated_by',
      ],
    },
    ImportTemplateVersionInfo: {
      type: 'object',
      properties: {
        version: { type: 'integer', minimum: 1 },
        comment: { type: ['string', 'null'] },
        saved_at: { type: 'string', format: 'date-time' },
        saved_by: who,
      },
      required: ['version', 'comment', 'saved_at', 'saved_by'],
    },
    ImportTemplateDetail: {
      type: 'object',
      properties: {
        template: ref('ImportTemplateSummary'),
        body: ref('ImportTemplate'),
        versions: { type: 'array', items: ref('ImportTemplateVersionInfo') },
        created: { type: 'boolean', description: 'Import only: a new template (else a new version of one).' },
      },
      required: ['template', 'body', 'versions'],
    },
  },
  paths: {
    '/api/import/templates': {
      get: {
        operationId: 'listImportTemplates',
        summary: 'The templates of the modules this account may import into',
        tags: [TAG],
        parameters: [
          queryParameter('module', { type: 'string' }, 'Only this module’s.'),
          queryParameter('level', { type: 'string' }, 'Only those importing this level.'),
          queryParameter('provider', { type: 'string' }, 'Only this provider’s (case-insensitive).'),
        ],
        responses: {
          '200': answer('By provider, then name.', {
            type: 'object',
            properties: { templates: { type: 'array', items: ref('ImportTemplateSummary') } },
            required: ['templates'],
          }),
          '400': problems('A query parameter the database cannot take (a NUL character).'),
          '401': SIGNED_OUT,
        },
      },
      post: {
        operationId: 'createImportTemplate',
        summary: 'Save a new template (version 1)',
        tags: [TAG],
        requestBody: jsonBody({
          type: 'object',
          properties: { template: ref('ImportTemplate'), comment: { type: 'string', maxLength: 1000 } },
          required: ['template'],
        }),
        responses: {
          '201': detail,
          '400': problems(`Refused: ${MALFORMED}.`),
          '401': SIGNED_OUT,
          '403': FORBIDDEN,
          '409': problems(
            'A template of this module and provider has this name (code `name_taken`, with its `id`).',
          ),
          '413': TOO_LARGE,
          '415': problems('Not JSON.'),
          '422': INVALID,
        },
      },
    },
    '/api/import/templates/check': {
      post: {
        operationId: 'checkImportTemplate',
        summary: 'Check a template against its module (and the file’s columns) without saving it',
        tags: [TAG],
        requestBody: jsonBody({
          type: 'object',
          properties: { template: {}, columns: { type: 'array', items: { type: 'string' } } },
          required: ['template'],
        }),
        responses: {
          '200': answer('`ok` and every problem (paths under `/template`).', {
            type: 'object',
            properties: { ok: { type: 'boolean' }, problems: { type: 'array', items: ref('ApiError') } },
            required: ['ok', 'problems'],
          }),
          '400': problems(`Refused: ${MALFORMED}.`),
          '401': SIGNED_OUT,
          '403': problems(`Refused: ${CROSS_SITE}.`),
          '413': TOO_LARGE,
          '415': problems('Not JSON.'),
          '422': problems('`columns` is not a list of texts.'),
        },
      },
    },
    '/api/import/templates/fields': {
      get: {
        operationId: 'importableFields',
        summary: 'The fields a template may map for a level and its ancestors: labels, kind, required, codes',
        tags: [TAG],
        parameters: [
          { name: 'module', in: 'query', required: true, schema: { type: 'string' } },
          { name: 'level', in: 'query', required: true, schema: { type: 'string' } },
        ],
        responses: {
          '200': answer('The imported level first, then its ancestors, nearest first.', {
            type: 'object',
            properties: {
              module: { type: 'string' },
              level: { type: 'string' },
              levels: { type: 'array', items: { type: 'object' } },
            },
            required: ['module', 'level', 'levels'],
          }),
          '401': SIGNED_OUT,
          '403': FORBIDDEN,
          '404': problems('No such module or level.'),
        },
      },
    },
    '/api/import/templates/suggest': {
      post: {
        operationId: 'suggestImportTemplate',
        summary:
          'A suggested template for an inspected file (columns and preview rows): columns to fields, value maps, taxon names, date format, coordinates and EPSG',
        tags: [TAG],
        requestBody: jsonBody({
          type: 'object',
          properties: {
            module: { type: 'string' },
            level: { type: 'string' },
            provider: { type: 'string' },
            name: { type: 'string' },
            file: {
              type: 'object',
              properties: {
                source: { type: 'object' },
                columns: { type: 'array', items: { type: 'string' } },
                preview: {
                  type: 'array',
                  maxItems: 200,
                  items: { type: 'object', additionalProperties: { type: 'string' } },
                },
                has_feature_geometry: { type: 'boolean' },
              },
              required: ['source', 'columns'],
            },
          },
          required: ['module', 'level', 'file'],
        }),
        responses: {
          '200': answer('The template, each column’s field, the values no code fits, notes.', {
            type: 'object',
            properties: {
              template: ref('ImportTemplate'),
              columns: { type: 'array', items: { type: 'object' } },
              unmapped_values: { type: 'array', items: { type: 'object' } },
              notes: { type: 'array', items: { type: 'object' } },
            },
            required: ['template', 'columns', 'unmapped_values', 'notes'],
          }),
          '400': problems(`Refused: ${MALFORMED}.`),
          '401': SIGNED_OUT,
          '403': FORBIDDEN,
          '404': problems('No such module or level.'),
          '413': TOO_LARGE,
          '415': problems('Not JSON.'),
          '422': problems('The file description is malformed (path under `/file`).'),
        },
      },
    },
    '/api/import/templates/import': {
      post: {
        operationId: 'importImportTemplate',
        summary:
          'Import an exported template: a new version of the template with its module, provider and name, or a new template',
        tags: [TAG],
        requestBody: jsonBody(ref('ImportTemplate')),
        responses: {
          '200': answer(
            'Saved as a new version of an existing template (`created: false`).',
            ref('ImportTemplateDetail'),
          ),
          '201': answer('Saved as a new template (`created: true`).', ref('ImportTemplateDetail')),
          '400': problems(`Refused: ${MALFORMED}.`),
          '401': SIGNED_OUT,
          '403': FORBIDDEN,
          '413': TOO_LARGE,
          '415': problems('Not JSON.'),
          '422': INVALID,
        },
      },
    },
    '/api/import/templates/{id}': {
      get: {
        operationId: 'getImportTemplate',
        summary: 'A template: its current version and the list of its versions',
        tags: [TAG],
        parameters: [id],
        responses: { '200': detail, '401': SIGNED_OUT, '404': NOT_FOUND },
      },
    },
    '/api/import/templates/{id}/versions': {
      post: {
        operationId: 'saveImportTemplateVersion',
        summary: 'Save a new version (the module cannot change; provider and name may)',
        tags: [TAG],
        parameters: [id],
        requestBody: jsonBody({
          type: 'object',
          properties: {
            template: ref('ImportTemplate'),
            comment: { type: 'string', maxLength: 1000 },
            base_version: {
              type: 'integer',
              description: 'The version edited: 409 `stale` when another was saved since.',
            },
          },
          required: ['template'],
        }),
        responses: {
          '201': detail,
          '400': problems(`Refused: ${MALFORMED}.`),
          '401': SIGNED_OUT,
          '403': problems(`Refused: ${CROSS_SITE}.`),
          '404': NOT_FOUND,
          '409': problems(
            'Saved meanwhile (`stale`, with `current_version`), or the name is another template’s (`name_taken`).',
          ),
          '413': TOO_LARGE,
          '415': problems('Not JSON.'),
          '422': INVALID,
        },
      },
    },
    '/api/import/templates/{id}/versions/{version}': {
      get: {
        operationId: 'getImportTemplateVersion',
        summary: 'One version of a template, as it was saved',
        tags: [TAG],
        parameters: [id, pathParameter('version', { type: 'integer', minimum: 1 })],
        responses: {
          '200': answer('The version.', {
            type: 'object',
            properties: {
              version: {
                allOf: [ref('ImportTemplateVersionInfo')],
                properties: { template_id: UUID, template: ref('ImportTemplate') },
              },
            },
            required: ['version'],
          }),
          '400': problems('The version is not a positive integer.'),
          '401': SIGNED_OUT,
          '404': problems('No such template or version.'),
        },
      },
    },
    '/api/import/templates/{id}/export': {
      get: {
        operationId: 'exportImportTemplate',
        summary: 'Download a version (default: the current one) as a JSON file',
        tags: [TAG],
        parameters: [
          id,
          queryParameter('version', { type: 'integer', minimum: 1 }, 'Default: the current version.'),
        ],
        responses: {
          '200': {
            description:
              'The template as JSON, as an attachment named after module, provider, name and version.',
            content: { 'application/json': { schema: ref('ImportTemplate') } },
          },
          '400': problems('The version is not a positive integer.'),
          '401': SIGNED_OUT,
          '404': problems('No such template or version.'),
        },
      },
    },
  },
};
