/**
 * The OpenAPI description of the export routes (export-routes.ts). Part of the core document
 * (runtime/server/core-openapi.ts); per instance, since the paths name installed modules.
 */
import type { ModuleRuntime } from '../modules/load.ts';
import {
  among,
  answer,
  CROSS_SITE,
  type Json,
  jsonBody,
  type OpenApiGroup,
  pathParameter,
  problems,
  queryParameter,
  ref,
  SIGNED_IN,
  SIGNED_OUT,
  UUID,
} from '../server/openapi-parts.ts';
import { EXPORT_FORMATS, FORMAT_FILES } from './export-options.ts';
import { SINP_FIELDS } from './sinp/sinp-fields.ts';

const file = (description: string, mimes: readonly string[]): Json => ({
  description,
  content: Object.fromEntries(mimes.map((m) => [m.split(';')[0], { schema: { type: 'string' } }])),
});

const OPTIONS: readonly Json[] = [
  queryParameter(
    'level',
    { type: 'string' },
    'The level exported; required by csv and geojson. Without it, every level of the module (an XLSX sheet, a GeoPackage layer each).',
  ),
  queryParameter('values', { enum: ['codes', 'labels'] }, 'Vocabulary codes (default) or their labels.'),
  queryParameter(
    'headers',
    { enum: ['columns', 'fr', 'en'] },
    'Column names (default), or the fields’ French or English labels (CSV, XLSX).',
  ),
  queryParameter('separator', { enum: [',', ';'] }, 'CSV separator; `;` for a French Excel.'),
  queryParameter('bom', { enum: ['0', '1', 'true', 'false'] }, 'A UTF-8 byte-order mark first (CSV).'),
  queryParameter(
    'tree',
    { enum: ['0', '1', 'true', 'false'] },
    'The whole tree (default): each row carries its ancestors’ columns, prefixed with their level key.',
  ),
];

const REFUSED = {
  '400': problems('A bad option, level or list filter (the parameter is named).'),
  '401': SIGNED_OUT,
  '403': problems('No Export permission on this module.'),
  '404': problems('No installed module has this code.'),
};

const FILTERS = 'Any other query parameter is a list filter of the level, as its list route accepts them.';

const Job: Json = {
  type: 'object',
  properties: {
    id: UUID,
    module: { type: 'string' },
    level: { type: ['string', 'null'] },
    format: { enum: [...EXPORT_FORMATS, 'sinp-csv', 'sinp-geojson'] },
    status: { enum: ['queued', 'running', 'done', 'failed', 'expired'] },
    rows_done: { type: 'integer', minimum: 0 },
    rows_total: { type: ['integer', 'null'] },
    file_name: { type: ['string', 'null'] },
    file_size: { type: ['integer', 'null'] },
    error: { type: ['string', 'null'] },
    created_at: { type: 'string' },
    finished_at: { type: ['string', 'null'] },
    expires_at: { type: 'string' },
    download: { type: ['string', 'null'], description: 'The file’s URL once done.' },
  },
  required: ['id', 'module', 'format', 'status', 'rows_done', 'download'],
};

export function exportsOpenApi(modules: readonly ModuleRuntime[]): OpenApiGroup {
  const module = pathParameter('module', among(modules.map((m) => m.code)), 'An installed module.');
  const id = pathParameter('id', UUID);
  const allMimes = Object.values(FORMAT_FILES).map((f) => f.mime);
  return {
    tag: { name: 'exports', description: 'CSV, GeoJSON, XLSX, GeoPackage and SINP exports, export jobs' },
    schemas: {
      ExportJob: Job,
      SinpReport: {
        type: 'object',
        properties: {
          rows: { type: 'integer' },
          conforming: { type: 'integer' },
          problems_total: { type: 'integer' },
          truncated: { type: 'boolean' },
          problems: {
            type: 'array',
            items: {
              type: 'object',
              properties: {
                id: UUID,
                field: { enum: SINP_FIELDS.map((f) => f.name) },
                code: { enum: ['missing', 'date-order', 'count-order', 'taxon-unknown'] },
                reason: ref('Labels'),
              },
              required: ['id', 'field', 'code', 'reason'],
            },
          },
        },
        required: ['rows', 'conforming', 'problems_total', 'problems', 'truncated'],
      },
    },
    paths: {
      '/api/exports/{module}': {
        get: {
          operationId: 'exportRecords',
          summary: 'Download a level (or the whole module) in a format, streamed',
          description: `Within the Export permission’s scope. ${FILTERS}`,
          tags: ['exports'],
          security: SIGNED_IN,
          parameters: [
            module,
            queryParameter('format', { enum: [...EXPORT_FORMATS] }, 'Default csv.'),
            ...OPTIONS,
          ],
          responses: { '200': file('The file.', allMimes), ...REFUSED },
        },
      },
      '/api/exports/{module}/sinp': {
        get: {
          operationId: 'exportSinp',
          summary: 'The module’s occurrences in the shape of the SINP standard « Occurrences de taxons » v2',
          description: `Diffusable occurrences of the occurrence level, within the Export scope. ${FILTERS}`,
          tags: ['exports'],
          security: SIGNED_IN,
          parameters: [
            module,
            queryParameter('format', { enum: ['csv', 'geojson'] }, 'Default csv.'),
            OPTIONS[3] as Json,
            OPTIONS[4] as Json,
          ],
          responses: {
            '200': file('The file.', [FORMAT_FILES.csv.mime, FORMAT_FILES.geojson.mime]),
            ...REFUSED,
          },
        },
      },
      '/api/exports/{module}/sinp/check': {
        get: {
          operationId: 'checkSinp',
          summary:
            'SINP conformity: the rows missing a mandatory field, or breaking a rule, and why (fr, en)',
          tags: ['exports'],
          security: SIGNED_IN,
          parameters: [
            module,
            queryParameter(
              'limit',
              { type: 'integer', minimum: 0, maximum: 100000 },
              'Most problems listed (default 1000); all are counted.',
            ),
          ],
          responses: { '200': answer('The report.', ref('SinpReport')), ...REFUSED },
        },
      },
      '/api/exports/{module}/jobs': {
        post: {
          operationId: 'startExportJob',
          summary: 'Start an export in the background (large exports): poll it, then download its file',
          tags: ['exports'],
          security: SIGNED_IN,
          parameters: [module],
          requestBody: jsonBody({
            type: 'object',
            properties: {
              format: { enum: [...EXPORT_FORMATS] },
              level: { type: 'string' },
              values: { enum: ['codes', 'labels'] },
              headers: { enum: ['columns', 'fr', 'en'] },
              separator: { enum: [',', ';'] },
              bom: { type: 'boolean' },
              tree: { type: 'boolean' },
              sinp: {
                type: 'boolean',
                description: 'The SINP export (csv or geojson) instead of the records.',
              },
              filters: {
                type: 'object',
                additionalProperties: { type: 'string' },
                description: 'List filters of the level.',
              },
            },
          }),
          responses: {
            '202': answer('Started.', ref('ExportJob'), { Location: { schema: { type: 'string' } } }),
            ...REFUSED,
            '400': problems(`A bad option, level or filter; ${CROSS_SITE}`),
            '415': problems('The body is not JSON.'),
            '422': problems('The body nests lists or objects too deep (code `too_deep`).'),
          },
        },
      },
      '/api/export-jobs': {
        get: {
          operationId: 'listExportJobs',
          summary: 'Your export jobs, the latest first',
          tags: ['exports'],
          security: SIGNED_IN,
          responses: {
            '200': answer('Jobs.', { type: 'array', items: ref('ExportJob') }),
            '401': SIGNED_OUT,
          },
        },
      },
      '/api/export-jobs/{id}': {
        get: {
          operationId: 'getExportJob',
          summary: 'One of your export jobs: its status and progress',
          tags: ['exports'],
          security: SIGNED_IN,
          parameters: [id],
          responses: {
            '200': answer('The job.', ref('ExportJob')),
            '400': problems('Not a UUID.'),
            '401': SIGNED_OUT,
            '404': problems('No job of yours has this id.'),
          },
        },
      },
      '/api/export-jobs/{id}/file': {
        get: {
          operationId: 'downloadExportJob',
          summary: 'The file of a finished export job',
          tags: ['exports'],
          security: SIGNED_IN,
          parameters: [id],
          responses: {
            '200': file('The file.', allMimes),
            '400': problems('Not a UUID.'),
            '401': SIGNED_OUT,
            '404': problems('No job of yours has this id.'),
            '409': problems('The job is not done, or its file expired.'),
          },
        },
      },
    },
  };
}
