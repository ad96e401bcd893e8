/** One OpenAPI operation per route of the route table: parameters, request body, responses. */
import {
  findStandardVocabulary,
  type ResolvedLevel,
  type ResolvedProtocol,
  VALIDATION_VOCABULARY,
} from '../../protocol-specs/index.ts';
import type { Route, RouteOperation } from '../model/route-table.ts';
import { MAP_RESPONSE } from './map-response.ts';
import { routeParameters } from './parameters.ts';
import { ref, type Schema, schemaNames } from './schemas.ts';

const responseRef = (name: string): Schema => ({ $ref: `#/components/responses/${name}` });

const json = (schema: Schema, description: string): Schema => ({
  description,
  content: { 'application/json': { schema } },
});

const errors = (description: string): Schema => json(ref('Errors'), description);

/** Responses every route may give; a level's own come from RESPONSES below. */
export const RESPONSE_COMPONENTS: Record<string, Schema> = {
  BadRequest: errors('The path or query is not valid (unknown parameter, malformed value, id not a UUID).'),
  Unauthorized: errors('No valid session cookie or bearer token.'),
  Forbidden: errors('The user may not do this on this record.'),
  NotFound: errors('No such record (or not visible to the user).'),
  Conflict: errors(
    'The record changed since it was read (row_version differs), other records depend on it, or a create’s `id` is held by another record (`id_conflict`).',
  ),
  Invalid: errors(
    'The body breaks the level schema or its rules; one entry per problem, each with its path.',
  ),
  UnsupportedMediaType: errors('The body is not sent as `application/json` (its Content-Type).'),
};

const common = {
  '400': responseRef('BadRequest'),
  '401': responseRef('Unauthorized'),
  '403': responseRef('Forbidden'),
};

type Responses = (level: ResolvedLevel, child: ResolvedLevel | undefined) => Record<string, Schema>;

/** Exhaustive: a new route operation must say what it answers. */
const RESPONSES = {
  list: (level) => ({ '200': json(ref(schemaNames(level).page), 'One page of records.') }),
  get: (level) => ({
    '200': json(ref(schemaNames(level).record), 'The record.'),
    '404': responseRef('NotFound'),
  }),
  create: (level) => ({
    '200': json(
      ref(schemaNames(level).record),
      'A replay: a record the user may read already holds the body’s `id` and what the body sets; nothing was written.',
    ),
    '201': json(ref(schemaNames(level).record), 'The record as stored.'),
    '409': responseRef('Conflict'),
    '415': responseRef('UnsupportedMediaType'),
    '422': responseRef('Invalid'),
  }),
  update: (level) => ({
    '200': json(ref(schemaNames(level).record), 'The record as stored.'),
    '404': responseRef('NotFound'),
    '409': responseRef('Conflict'),
    '415': responseRef('UnsupportedMediaType'),
    '422': responseRef('Invalid'),
  }),
  remove: () => ({
    '204': { description: 'Deleted.' },
    '404': responseRef('NotFound'),
    '409': responseRef('Conflict'),
  }),
  validate: (level) => ({
    '200': json(ref(schemaNames(level).record), 'The record with its new validation status.'),
    '404': responseRef('NotFound'),
    '415': responseRef('UnsupportedMediaType'),
    '422': responseRef('Invalid'),
  }),
  children: (_level, child) => ({
    '200': json(ref(schemaNames(child!).page), 'One page of child records.'),
    '404': responseRef('NotFound'),
  }),
  geojson: (level) => ({
    '200': {
      description: 'Every matching record as a feature, geometry in WGS84.',
      content: { 'application/geo+json': { schema: ref(schemaNames(level).featureCollection) } },
    },
  }),
  map: () => ({ '200': json(MAP_RESPONSE, 'Clusters of the matching records, or the records when few.') }),
  csv: () => ({
    '200': {
      description: 'Every matching record, one line each, header first; the geometry as WKT.',
      content: { 'text/csv': { schema: { type: 'string' } } },
    },
  }),
} as const satisfies Record<RouteOperation, Responses>;

const statuses = findStandardVocabulary(VALIDATION_VOCABULARY)?.values ?? [];

/** The Validate action's body: a STATUT_VALID code and an optional comment. */
const VALIDATION_BODY: Schema = {
  type: 'object',
  required: ['status'],
  additionalProperties: false,
  properties: {
    status: {
      type: 'string',
      enum: statuses.map((v) => v.code),
      description: `STATUT_VALID: ${statuses.map((v) => `${v.code} ${v.label}`).join(', ')}.`,
    },
    comment: { type: ['string', 'null'], description: 'The validator’s comment.' },
  },
};

function requestBody(route: Route, level: ResolvedLevel): Schema | undefined {
  if (route.operation === 'validate')
    return { required: true, content: { 'application/json': { schema: VALIDATION_BODY } } };
  if (route.operation !== 'create' && route.operation !== 'update') return undefined;
  const names = schemaNames(level);
  return {
    required: true,
    content: {
      'application/json': { schema: ref(route.operation === 'create' ? names.create : names.update) },
    },
  };
}

export function operation(protocol: ResolvedProtocol, route: Route): Schema {
  const level = protocol.levels.find((l) => l.key === route.level)!;
  const child = route.child === undefined ? undefined : protocol.levels.find((l) => l.key === route.child);
  const parameters = routeParameters(protocol, route);
  const body = requestBody(route, level);
  return {
    operationId: route.operationId,
    summary: route.summary,
    tags: [route.level],
    ...(parameters.length > 0 ? { parameters } : {}),
    ...(body ? { requestBody: body } : {}),
    responses: { ...RESPONSES[route.operation](level, child), ...common },
  };
}
