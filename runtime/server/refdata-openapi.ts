/**
 * The OpenAPI description of the reference-data routes (refdata-routes.ts, taxa-routes.ts):
 * vocabularies, taxa, users (observers picker) and datasets. Part of the core document
 * (core-openapi.ts); built per instance, since `module` names an installed module.
 */
import type { ModuleRuntime } from '../modules/load.ts';
import {
  among,
  answer,
  BAD_TOKEN,
  type Json,
  type OpenApiGroup,
  PUBLIC,
  pathParameter,
  problems,
  queryParameter,
  ref,
  SIGNED_IN,
  SIGNED_OUT,
  UUID,
} from './openapi-parts.ts';

const list = (items: Json): Json => ({
  type: 'object',
  properties: { items: { type: 'array', items } },
  required: ['items'],
  additionalProperties: false,
});

const commaList = (item: Json, maxItems: number, description: string): Json => ({
  type: 'array',
  items: item,
  minItems: 1,
  maxItems,
  description,
});

const limit = (max: number, fallback: number) =>
  queryParameter(
    'limit',
    { type: 'integer', minimum: 1, maximum: max, default: fallback },
    'How many at most.',
  );

const moduleParameter = (codes: readonly string[], what: string) =>
  queryParameter('module', among(codes), what);

const BAD_QUERY = problems(
  'A query parameter is malformed (one problem per parameter, path `/query/<name>`).',
);

export function refdataOpenApi(modules: readonly ModuleRuntime[]): OpenApiGroup {
  const codes = modules.map((m) => m.code);
  // Each module's vocabularies, as examples of the `type` parameter (STATUT_VALID: the validation status).
  const types = [
    ...new Set(['STATUT_VALID', ...modules.flatMap((m) => m.protocol.vocabularies.map((v) => v.code))]),
  ].sort();
  return {
    tag: { name: 'reference data', description: 'Vocabularies, taxa, observers and datasets for forms' },
    schemas: {
      Taxon: {
        type: 'object',
        description: 'A TAXREF name.',
        properties: {
          cd_nom: { type: 'integer' },
          cd_ref: { type: ['integer', 'null'], description: 'The accepted name’s cd_nom.' },
          lb_nom: { type: 'string' },
          lb_auteur: { type: ['string', 'null'] },
          nom_vern: { type: ['string', 'null'] },
          nom_valide: { type: ['string', 'null'] },
          id_rang: { type: ['string', 'null'] },
          famille: { type: ['string', 'null'] },
          group2_inpn: { type: ['string', 'null'] },
          accepted: { type: 'boolean' },
        },
        required: [
          'cd_nom',
          'cd_ref',
          'lb_nom',
          'lb_auteur',
          'nom_vern',
          'nom_valide',
          'id_rang',
          'famille',
          'group2_inpn',
          'accepted',
        ],
        additionalProperties: false,
      },
      Vocabulary: {
        type: 'object',
        properties: {
          type: { type: 'string' },
          label: ref('Labels'),
          source: { enum: ['protocol', 'sinp'] },
          values: {
            type: 'array',
            items: {
              type: 'object',
              properties: {
                code: { type: 'string' },
                label: ref('Labels'),
                definition: ref('Labels'),
                broader: { type: ['string', 'null'], description: 'The code of the broader value.' },
              },
              required: ['code', 'label', 'broader'],
              additionalProperties: false,
            },
          },
        },
        required: ['type', 'label', 'source', 'values'],
        additionalProperties: false,
      },
    },
    paths: {
      '/api/vocabularies/{type}': {
        get: {
          operationId: 'getVocabulary',
          summary: 'The values of a vocabulary (code, labels, broader code), in the protocols’ order',
          tags: ['reference data'],
          security: PUBLIC,
          parameters: [
            pathParameter('type', { type: 'string', pattern: '^[A-Za-z0-9_.-]{1,100}$', examples: types }),
            queryParameter(
              'codes',
              commaList({ type: 'string', minLength: 1 }, 500, 'Only these codes (comma-separated).'),
              'Only these codes (comma-separated, 500 at most).',
            ),
          ],
          responses: {
            '200': answer('The vocabulary.', ref('Vocabulary')),
            '400': problems('A malformed type (path `/params/type`) or codes list (path `/query/codes`).'),
            '401': BAD_TOKEN,
            '404': problems('No vocabulary of this type.'),
          },
        },
      },
      '/api/taxa': {
        get: {
          operationId: 'searchTaxa',
          summary:
            'Taxa whose scientific or vernacular name starts with `q`, within the module’s taxonomy; or the taxa of the codes `cd_nom`',
          tags: ['reference data'],
          security: PUBLIC,
          parameters: [
            queryParameter(
              'q',
              { type: 'string', minLength: 2, maxLength: 100 },
              'The start of a name (2 letters at least); `q` or `cd_nom` is required.',
            ),
            queryParameter(
              'cd_nom',
              commaList({ type: 'integer', minimum: 0, maximum: 999_999_999 }, 200, 'TAXREF codes.'),
              'Look these codes up instead (comma-separated, 200 at most; unknown codes are absent).',
            ),
            moduleParameter(codes, 'Search within this module’s taxonomy.'),
            limit(50, 20),
          ],
          responses: {
            '200': answer('The taxa, best matches first.', list(ref('Taxon'))),
            '400': BAD_QUERY,
            '401': BAD_TOKEN,
          },
        },
      },
      '/api/users': {
        get: {
          operationId: 'searchUsers',
          summary: 'Active users whose name or login matches `q` (observers picker), or the users of `ids`',
          tags: ['reference data'],
          security: SIGNED_IN,
          parameters: [
            queryParameter(
              'q',
              { type: 'string', maxLength: 100 },
              'Part of the name, or the start of the login.',
            ),
            limit(50, 20),
            queryParameter(
              'ids',
              commaList(UUID, 200, 'User ids.'),
              'The users of these ids, inactive ones included (the observers a record names).',
            ),
          ],
          responses: {
            '200': answer(
              'The users, by name.',
              list({
                type: 'object',
                properties: {
                  id: UUID,
                  display_name: { type: 'string' },
                  organisation: { oneOf: [ref('Organisation'), { type: 'null' }] },
                },
                required: ['id', 'display_name', 'organisation'],
                additionalProperties: false,
              }),
            ),
            '400': BAD_QUERY,
            '401': SIGNED_OUT,
          },
        },
      },
      '/api/datasets': {
        get: {
          operationId: 'listDatasets',
          summary: 'Datasets with their acquisition framework: those a module offers, or all',
          tags: ['reference data'],
          security: PUBLIC,
          parameters: [moduleParameter(codes, 'Only the datasets this module offers.')],
          responses: {
            '200': answer(
              'The datasets, by name.',
              list({
                type: 'object',
                properties: {
                  id: UUID,
                  name: { type: 'string' },
                  framework: {
                    type: 'object',
                    description: 'The acquisition framework.',
                    properties: { id: UUID, name: { type: 'string' } },
                    required: ['id', 'name'],
                    additionalProperties: false,
                  },
                },
                required: ['id', 'name', 'framework'],
                additionalProperties: false,
              }),
            ),
            '400': BAD_QUERY,
            '401': BAD_TOKEN,
          },
        },
      },
    },
  };
}
