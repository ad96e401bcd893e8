/**
 * The OpenAPI description of the offline routes (docs/offline.md): the batch of a module's outbox
 * (batch-route.ts) and the area bundle (bundle-routes.ts). Part of the core document.
 */
import type { ModuleRuntime } from '../modules/load.ts';
import {
  among,
  answer,
  CROSS_SITE,
  type Json,
  MALFORMED,
  type OpenApiGroup,
  pathParameter,
  problems,
  queryParameter,
  ref,
  SIGNED_IN,
  UUID,
} from '../server/openapi-parts.ts';
import { MAX_BATCH_ITEMS, MAX_REF_LENGTH } from './batch-body.ts';
import { MAX_BUNDLE_RECORDS, MAX_TOP_RECORDS } from './bundle-records.ts';

const record: Json = { type: 'object', description: 'A record as the module’s GET returns it.' };
const list = (items: Json): Json => ({ type: 'array', items });

export function offlineOpenApi(modules: readonly ModuleRuntime[]): OpenApiGroup {
  const code = pathParameter('code', among(modules.map((m) => m.code)), 'An installed module.');
  return {
    tag: {
      name: 'offline',
      description: 'Field entry offline: an outbox in one request, an area to take along',
    },
    schemas: {
      BatchItem: {
        type: 'object',
        required: ['ref', 'op', 'level'],
        additionalProperties: false,
        properties: {
          ref: {
            type: 'string',
            minLength: 1,
            maxLength: MAX_REF_LENGTH,
            description: 'The client’s name for the item, given back in its result.',
          },
          op: { enum: ['create', 'update', 'delete'] },
          level: { type: 'string', description: 'A level of the module.' },
          id: { ...UUID, description: 'create: the client’s id (replay-safe); update, delete: the record.' },
          body: {
            type: 'object',
            description:
              'create, update: the record as the single route takes it (an update carries its row_version).',
          },
          row_version: { type: 'integer', minimum: 1, description: 'delete: the version read (optional).' },
        },
      },
      BatchResult: {
        type: 'object',
        required: ['ref', 'status'],
        properties: {
          ref: { type: 'string' },
          status: {
            type: 'integer',
            description:
              'What the single route would have answered; 424 `parent_not_synced` when the item depends on a failed create of the batch.',
          },
          record: {
            ...record,
            description: 'The record written (create 201, replayed create 200, update 200).',
          },
          errors: ref('Errors'),
          current: { ...record, description: 'On 409 `stale_row_version`: the record as stored now.' },
        },
      },
    },
    paths: {
      '/api/modules/{code}/batch': {
        post: {
          operationId: 'runBatch',
          summary: 'A client’s outbox in one request: items in order, each in its own transaction',
          tags: ['offline'],
          security: SIGNED_IN,
          parameters: [code],
          requestBody: {
            required: true,
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  required: ['items'],
                  additionalProperties: false,
                  properties: { items: { ...list(ref('BatchItem')), maxItems: MAX_BATCH_ITEMS } },
                },
              },
            },
          },
          responses: {
            '200': answer('One result per item, in order.', {
              type: 'object',
              required: ['results'],
              properties: { results: list(ref('BatchResult')) },
            }),
            '400': problems(`The body is not JSON (${MALFORMED}).`),
            '401': problems('Nobody is signed in, or the bearer token is unknown or revoked.'),
            '403': problems(`A ${CROSS_SITE}.`),
            '404': problems('No installed module has this code.'),
            '413': problems(
              `More than ${MAX_BATCH_ITEMS} items (code \`batch_too_large\`), or a body larger than 2 MB (\`payload_too_large\`).`,
            ),
            '415': problems('The body is not sent as `application/json`.'),
            '422': problems(
              'The body is not `{ items: [...] }` of well-formed items; one entry per problem (`/items/3/op`).',
            ),
          },
        },
      },
      '/api/offline/{code}/bundle': {
        get: {
          operationId: 'offlineBundle',
          summary: 'An area to take offline: its records, vocabularies, taxa, users and datasets',
          tags: ['offline'],
          security: SIGNED_IN,
          parameters: [
            code,
            queryParameter(
              'bbox',
              { type: 'string' },
              'minLon,minLat,maxLon,maxLat (WGS 84): the top-level records intersecting it.',
            ),
            {
              ...queryParameter(
                'site',
                { type: 'array', items: UUID },
                `Top-level records by id (repeat the parameter; at most ${MAX_TOP_RECORDS}).`,
              ),
              style: 'form',
              explode: true,
            },
            queryParameter(
              'estimate',
              { enum: ['0', '1', 'true', 'false'] },
              '1: only the counts per level and the size.',
            ),
          ],
          responses: {
            '200': answer('The bundle, or with `estimate=1` its counts and size.', {
              oneOf: [
                {
                  type: 'object',
                  required: [
                    'module',
                    'generated_at',
                    'cursor',
                    'records',
                    'vocabularies',
                    'taxa',
                    'users',
                    'datasets',
                    'size_bytes',
                  ],
                  properties: {
                    module: { type: 'string' },
                    generated_at: { type: 'string', format: 'date-time' },
                    cursor: { type: ['string', 'null'] },
                    records: {
                      type: 'object',
                      additionalProperties: list(record),
                      description: 'By level key: the chosen records, their ancestors and descendants.',
                    },
                    vocabularies: { type: 'object', additionalProperties: list({ type: 'object' }) },
                    taxa: list({ type: 'object' }),
                    users: list({
                      type: 'object',
                      required: ['id', 'name'],
                      properties: { id: UUID, name: { type: 'string' } },
                    }),
                    datasets: list({
                      type: 'object',
                      required: ['id', 'name'],
                      properties: { id: UUID, name: { type: 'string' } },
                    }),
                    size_bytes: { type: 'integer', minimum: 0 },
                  },
                },
                {
                  type: 'object',
                  required: ['counts', 'size_bytes'],
                  additionalProperties: false,
                  properties: {
                    counts: { type: 'object', additionalProperties: { type: 'integer', minimum: 0 } },
                    size_bytes: { type: 'integer', minimum: 0 },
                  },
                },
              ],
            }),
            '400': problems(
              'A bad parameter: none of bbox and site, both, a malformed bbox or id, an unknown parameter.',
            ),
            '401': problems('Nobody is signed in, or the bearer token is unknown or revoked.'),
            '403': problems('No Read grant on the module.'),
            '404': problems('No installed module has this code.'),
            '413': problems(
              `More than ${MAX_TOP_RECORDS} top-level records, or ${MAX_BUNDLE_RECORDS} records in all (code \`bundle_too_large\`).`,
            ),
          },
        },
      },
    },
  };
}
