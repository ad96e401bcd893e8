/** The OpenAPI description of GET /api/dashboards/{code} (routes.ts). */
import {
  answer,
  type Json,
  type OpenApiGroup,
  pathParameter,
  problems,
  queryParameter,
  SIGNED_IN,
  SIGNED_OUT,
  UUID,
} from '../server/openapi-parts.ts';

const count: Json = { type: 'integer', minimum: 0 };
const nullableText: Json = { type: ['string', 'null'] };

export const dashboardsOpenApi: OpenApiGroup = {
  tag: { name: 'dashboards', description: 'Module dashboards, from materialized views (docs/dashboards.md)' },
  schemas: {
    DashboardFigures: {
      type: 'object',
      properties: {
        total: count,
        richness: count,
        months: {
          type: 'array',
          items: {
            type: 'object',
            properties: { month: nullableText, records: count, sums: { type: 'object' } },
            required: ['month', 'records', 'sums'],
          },
        },
        statuses: {
          type: 'array',
          items: {
            type: 'object',
            properties: { status: nullableText, records: count },
            required: ['status', 'records'],
          },
        },
        dimensions: {
          type: 'array',
          items: {
            type: 'object',
            properties: { field: { type: 'string' }, value: nullableText, records: count },
            required: ['field', 'value', 'records'],
          },
        },
        sites: {
          type: 'array',
          items: {
            type: 'object',
            properties: {
              site_id: { type: ['string', 'null'] },
              site_label: nullableText,
              records: count,
              richness: count,
            },
            required: ['site_id', 'site_label', 'records', 'richness'],
          },
        },
        sums: { type: 'object' },
        siteCount: count,
      },
      required: ['total', 'richness', 'months', 'statuses', 'dimensions', 'sites', 'sums', 'siteCount'],
    },
  },
  paths: {
    '/api/dashboards/{code}': {
      get: {
        operationId: 'getDashboard',
        summary: 'A module’s dashboard figures, within the reader’s read scope',
        tags: ['dashboards'],
        security: SIGNED_IN,
        parameters: [
          pathParameter('code', { type: 'string' }, 'The module’s code.'),
          queryParameter(
            'organisation',
            UUID,
            'One organisation’s figures (readers with scope `all`; ignored otherwise).',
          ),
        ],
        responses: {
          '200': answer(
            'The figures, the dashboard descriptor, the scope applied and, for `all` readers when the instance has them, the latest import jobs.',
            {
              type: 'object',
              properties: {
                module: { type: 'object' },
                descriptor: { type: 'object' },
                scope: { type: 'object' },
                figures: { $ref: '#/components/schemas/DashboardFigures' },
                imports: { type: 'array', items: { type: 'object' } },
              },
              required: ['module', 'descriptor', 'scope', 'figures'],
            },
          ),
          '400': problems('`organisation` is not a UUID.'),
          '401': SIGNED_OUT,
          '403': problems('No Read grant on the module, or only scope `own`.'),
          '404': problems('No such module, or the module has no dashboard.'),
        },
      },
    },
  },
};
