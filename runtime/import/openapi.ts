/**
 * The OpenAPI description of /api/import (routes.ts): upload, inspect, jobs, report, rollback. Part of
 * the core document (runtime/server/core-openapi.ts). Shapes: runtime/import/template.ts.
 */
import {
  answer,
  type Json,
  jsonBody,
  type OpenApiGroup,
  pathParameter,
  problems,
  queryParameter,
  ref,
  SIGNED_OUT,
  UUID,
} from '../server/openapi-parts.ts';

const OBJECT: Json = { type: 'object' };
const ID = pathParameter('id', UUID, 'The job’s id.');
const NOT_FOUND = problems('No such job, or not yours (code `not_found`).');

const Counts: Json = {
  type: 'object',
  properties: Object.fromEntries(
    ['rows_read', 'inserted', 'updated', 'rejected', 'skipped'].map((k) => [
      k,
      { type: 'integer', minimum: 0 },
    ]),
  ),
  required: ['rows_read', 'inserted', 'updated', 'rejected', 'skipped'],
  description: 'rows_read = inserted + updated + rejected + skipped, always.',
};

export const importOpenApi: OpenApiGroup = {
  tag: {
    name: 'import',
    description: 'Importing providers’ data files (CSV, XLSX, GeoJSON) with a mapping template',
  },
  schemas: {
    ImportCounts: Counts,
    ImportProblem: {
      type: 'object',
      properties: {
        row: { type: 'integer', minimum: 1 },
        level: { type: 'string' },
        field: { type: 'string' },
        column: { type: 'string' },
        code: { type: 'string' },
        message: { $ref: '#/components/schemas/Labels' },
        value: { type: 'string' },
      },
      required: ['row', 'level', 'field', 'code', 'message'],
    },
    ImportJob: {
      type: 'object',
      properties: {
        id: UUID,
        status: { enum: ['queued', 'running', 'done', 'failed', 'rolled_back'] },
        module_code: { type: 'string' },
        level_key: { type: 'string' },
        provider: { type: 'string' },
        file_name: { type: 'string' },
        mode: { enum: ['insert', 'upsert', 'replace'] },
        atomicity: { enum: ['all_or_nothing', 'valid_rows'] },
        dry_run: { type: 'boolean' },
        counts: ref('ImportCounts'),
        progress: {
          type: 'object',
          properties: { rows_done: { type: 'integer' }, rows_total: { type: 'integer' } },
        },
        unmatched_taxa: { type: 'array', items: { type: 'string' } },
        created_by_name: { type: ['string', 'null'] },
        created_at: { type: 'string', format: 'date-time' },
        finished_at: { type: ['string', 'null'] },
        error: { type: ['string', 'null'] },
      },
      required: ['id', 'status', 'module_code', 'level_key', 'counts', 'progress'],
    },
  },
  paths: {
    '/api/import/files': {
      post: {
        operationId: 'uploadImportFile',
        summary:
          'Upload a data file (raw bytes as the body), inspected at once; earlier jobs of the same file are listed',
        tags: ['import'],
        parameters: [
          queryParameter(
            'name',
            { type: 'string', minLength: 1 },
            'The file’s name (its extension tells the format).',
          ),
        ],
        requestBody: {
          required: true,
          content: { 'application/octet-stream': { schema: { type: 'string' } } },
        },
        responses: {
          '201': answer('Stored and inspected.', {
            type: 'object',
            properties: { file: OBJECT, inspection: OBJECT },
            required: ['file', 'inspection'],
          }),
          '400': problems('No `name`.'),
          '401': SIGNED_OUT,
          '413': problems('Larger than 1 GB (code `payload_too_large`).'),
          '415': problems('Not sent as application/octet-stream (code `unsupported_media_type`).'),
          '422': problems('Empty or unreadable file.'),
        },
      },
    },
    '/api/import/files/{id}/inspect': {
      post: {
        operationId: 'inspectImportFile',
        summary:
          'Inspect an uploaded file again with other source options (sheet, encoding, delimiter, header row)',
        tags: ['import'],
        parameters: [pathParameter('id', UUID, 'The file’s id.')],
        requestBody: jsonBody({ type: 'object', properties: { source: OBJECT } }),
        responses: {
          '200': answer('The inspection.', { type: 'object', properties: { inspection: OBJECT } }),
          '401': SIGNED_OUT,
          '404': problems('No such file, or not yours.'),
          '422': problems('Unreadable with these options.'),
        },
      },
    },
    '/api/import/jobs': {
      post: {
        operationId: 'startImportJob',
        summary:
          'Run an import job in the background (create grant; upsert also update, replace also delete)',
        tags: ['import'],
        requestBody: jsonBody({
          type: 'object',
          properties: {
            file_id: UUID,
            template: OBJECT,
            template_id: UUID,
            template_version: { type: 'integer' },
            mode: { enum: ['insert', 'upsert', 'replace'] },
            atomicity: { enum: ['all_or_nothing', 'valid_rows'] },
            dry_run: { type: 'boolean' },
          },
          required: ['file_id', 'template', 'mode', 'atomicity'],
        }),
        responses: {
          '202': answer('Queued.', { type: 'object', properties: { job: ref('ImportJob') } }),
          '401': SIGNED_OUT,
          '403': problems('A grant the mode needs is missing.'),
          '404': problems('No such file.'),
          '422': problems('A bad mode, atomicity, template or module.'),
        },
      },
      get: {
        operationId: 'listImportJobs',
        summary: 'Import jobs, newest first (one’s own; every job for administrators)',
        tags: ['import'],
        parameters: [queryParameter('module', { type: 'string' }, 'Only this module’s jobs.')],
        responses: {
          '200': answer('The jobs.', {
            type: 'object',
            properties: { jobs: { type: 'array', items: ref('ImportJob') } },
          }),
          '400': problems('A query parameter the database cannot take (a NUL character).'),
          '401': SIGNED_OUT,
        },
      },
    },
    '/api/import/jobs/{id}': {
      get: {
        operationId: 'getImportJob',
        summary: 'A job, its counts and progress, and its first 500 problems',
        tags: ['import'],
        parameters: [ID],
        responses: {
          '200': answer('The job.', {
            type: 'object',
            properties: {
              job: ref('ImportJob'),
              problems: { type: 'array', items: ref('ImportProblem') },
              problems_total: { type: 'integer' },
            },
          }),
          '401': SIGNED_OUT,
          '404': NOT_FOUND,
        },
      },
    },
    '/api/import/jobs/{id}/report': {
      get: {
        operationId: 'importJobReport',
        summary: 'Every problem beside the row’s original values, as CSV or XLSX',
        tags: ['import'],
        parameters: [ID, queryParameter('format', { enum: ['csv', 'xlsx'] }, 'csv (default) or xlsx.')],
        responses: {
          '200': {
            description: 'The report file.',
            content: {
              'text/csv': {},
              'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': {},
            },
          },
          '400': problems('Unknown format.'),
          '401': SIGNED_OUT,
          '404': NOT_FOUND,
        },
      },
    },
    '/api/import/jobs/{id}/rollback': {
      post: {
        operationId: 'rollbackImportJob',
        summary: 'Undo a job: its records deleted, updated ones put back, replaced ones restored',
        tags: ['import'],
        parameters: [ID],
        responses: {
          '200': answer('Rolled back.', { type: 'object', properties: { job: ref('ImportJob') } }),
          '401': SIGNED_OUT,
          '403': problems('A grant the rollback needs is missing.'),
          '404': NOT_FOUND,
          '409': problems('Not a finished job, or a record was changed since (code `changed_since_import`).'),
        },
      },
    },
  },
};
