/**
 * The OpenAPI description of the record history (/api/history, routes.ts) and the sync feed
 * (/api/sync, runtime/sync/routes.ts). Part of the core document (runtime/server/core-openapi.ts).
 */
import type { ModuleRuntime } from '../modules/load.ts';
import {
  among,
  answer,
  CROSS_SITE,
  jsonBody,
  MALFORMED,
  type OpenApiGroup,
  pathParameter,
  problems,
  queryParameter,
  ref,
  SIGNED_IN,
  SIGNED_OUT,
  TOO_LARGE,
  UUID,
} from '../server/openapi-parts.ts';
import { MAX_LIMIT } from '../sync/changes.ts';

const RECORD_PARAMETERS = (codes: readonly string[]) => [
  pathParameter('code', among(codes), 'The module.'),
  pathParameter('level', { type: 'string' }, 'The level key.'),
  pathParameter('id', UUID, 'The record.'),
];

export function historyOpenApi(modules: readonly ModuleRuntime[]): OpenApiGroup {
  const codes = modules.map((m) => m.code);
  const fed = modules.filter((m) => m.protocol.occurrence).map((m) => m.code);
  return {
    tag: {
      name: 'history and sync',
      description:
        'Every change of module records, written by the database (docs/history-and-sync.md); the occurrence feed for a regional platform',
    },
    schemas: {
      RecordVersion: {
        type: 'object',
        properties: {
          version: { type: 'integer', description: 'What a restore names.' },
          at: { type: 'string', format: 'date-time' },
          actor: {
            oneOf: [
              {
                type: 'object',
                properties: { id: UUID, name: { type: ['string', 'null'] } },
                required: ['id', 'name'],
              },
              { type: 'null' },
            ],
            description: 'null: a write with no account (psql, a script).',
          },
          write_path: {
            type: 'string',
            description: 'api, import, migration, demo, restore, or database (no write path said who).',
          },
          operation: { type: 'string', enum: ['create', 'update', 'delete'] },
          changes: {
            type: 'array',
            items: {
              type: 'object',
              properties: { field: { type: 'string' }, before: {}, after: {} },
              required: ['field', 'before', 'after'],
            },
          },
        },
        required: ['version', 'at', 'actor', 'write_path', 'operation', 'changes'],
      },
      ChangesPage: {
        type: 'object',
        properties: {
          items: {
            type: 'array',
            items: {
              type: 'object',
              properties: {
                op: { type: 'string', enum: ['upsert', 'delete'] },
                id: UUID,
                occurrence: {
                  type: 'object',
                  description: 'The row of the module’s v_occurrence_sinp view.',
                },
              },
              required: ['op', 'id'],
            },
          },
          next_cursor: { type: 'string', pattern: '^\\d+\\.\\d+$' },
          has_more: { type: 'boolean' },
        },
        required: ['items', 'next_cursor', 'has_more'],
      },
    },
    paths: {
      '/api/history/{code}/{level}/{id}': {
        get: {
          operationId: 'recordHistory',
          summary: 'A record’s versions, oldest first: who, when, from where, the changed fields',
          tags: ['history and sync'],
          security: SIGNED_IN,
          parameters: RECORD_PARAMETERS(codes),
          responses: {
            '200': answer('The versions.', {
              type: 'object',
              properties: { versions: { type: 'array', items: ref('RecordVersion') } },
              required: ['versions'],
            }),
            '400': problems('The id is not a UUID.'),
            '401': SIGNED_OUT,
            '403': problems('No Read grant on the module.'),
            '404': problems('No such module, level, or record the account may read.'),
          },
        },
      },
      '/api/history/{code}/{level}/{id}/restore': {
        post: {
          operationId: 'restoreRecordVersion',
          summary:
            'Restore a version: an ordinary update (schema, rules, Update scope), recorded as a new version',
          tags: ['history and sync'],
          security: SIGNED_IN,
          parameters: RECORD_PARAMETERS(codes),
          requestBody: jsonBody({
            type: 'object',
            properties: { version: { type: 'integer' } },
            required: ['version'],
          }),
          responses: {
            '200': answer('The record as restored.', { type: 'object' }),
            '400': problems(`The id is not a UUID, no integer version, or ${MALFORMED}.`),
            '401': SIGNED_OUT,
            '403': problems(`No Update grant on the module, or ${CROSS_SITE}.`),
            '404': problems('No such module, level, record, or version of it.'),
            '409': problems('The record changed meanwhile (code `stale_row_version`).'),
            '413': TOO_LARGE,
            '415': problems('The body is not application/json.'),
            '422': problems('The version breaks the level’s current schema or rules: the fields are named.'),
          },
        },
      },
      '/api/sync/{code}/changes': {
        get: {
          operationId: 'syncChanges',
          summary:
            'Occurrences created, updated (their visit or site included), validated or deleted since a cursor, in the SINP shape',
          tags: ['history and sync'],
          security: SIGNED_IN,
          parameters: [
            pathParameter('code', among(fed), 'A module with SINP occurrences.'),
            queryParameter(
              'since',
              { type: 'string', pattern: '^\\d{1,20}(\\.\\d{1,19})?$' },
              'The next_cursor of the previous page; 0 or absent: from the start.',
            ),
            queryParameter(
              'limit',
              { type: 'integer', minimum: 1, maximum: MAX_LIMIT },
              'History rows read by this page (default 500).',
            ),
          ],
          responses: {
            '200': answer('A page; ask again with next_cursor while has_more.', ref('ChangesPage')),
            '400': problems('A cursor the feed did not give, or a limit out of range.'),
            '401': SIGNED_OUT,
            '403': problems('No Read or no Export grant on the module.'),
            '404': problems('No such module, or a module without SINP occurrences.'),
          },
        },
      },
    },
  };
}
