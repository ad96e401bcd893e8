/**
 * components/schemas of the OpenAPI document. A level's own data is the forms generator's record schema
 * (draft-07 keywords that mean the same in 2020-12, the dialect of OpenAPI 3.1), reused as it is; the
 * request bodies, the stored record, list pages and GeoJSON features are built around it with `allOf`
 * and `unevaluatedProperties`, so the field schemas appear once per level.
 */
import {
  isValidatedLevel,
  type ResolvedLevel,
  type ResolvedProtocol,
  type VALIDATION_COLUMNS,
} from '../../protocol-specs/index.ts';
import {
  parentLinks as linkColumns,
  readOnlyFields,
  requiredParentLinks,
  type ServerColumn,
} from '../api/record-shape.ts';
import { buildLevelSchema, LEVEL_GEOMETRY_KEY } from '../forms/level-schema.ts';
import { TOTAL_COUNT_CAP } from '../model/list-query.ts';
import { pascal } from '../model/route-table.ts';

export type Schema = { [keyword: string]: unknown };

export const ref = (name: string): Schema => ({ $ref: `#/components/schemas/${name}` });

/** Component names of a level's schemas; `ApiError` and `Errors` are shared. */
export function schemaNames(level: ResolvedLevel) {
  const type = pascal(level.key);
  return {
    record: type,
    data: `${type}Data`,
    properties: `${type}Properties`,
    create: `${type}Create`,
    update: `${type}Update`,
    page: `${type}Page`,
    geometry: `${type}Geometry`,
    feature: `${type}Feature`,
    featureCollection: `${type}FeatureCollection`,
  };
}

const uuid = (description?: string): Schema => ({
  type: 'string',
  format: 'uuid',
  ...(description ? { description } : {}),
});

const parentLinks = (level: ResolvedLevel): Record<string, Schema> =>
  Object.fromEntries(
    linkColumns(level).map((column) => [
      column,
      level.parentsRequired === 'all'
        ? uuid('Link to the parent record.')
        : {
            anyOf: [uuid(), { type: 'null' }],
            description: 'Link to a parent record (at least one is set).',
          },
    ]),
  );

/** Columns the server sets on every stored record. */
const SERVER_PROPERTIES = {
  id: uuid(),
  row_version: {
    type: 'integer',
    minimum: 1,
    description: 'Incremented on every change; send it back in an update (optimistic locking).',
  },
  organisation_id: { type: 'string', format: 'uuid', description: 'Organisation the record belongs to.' },
  created_at: { type: 'string', format: 'date-time' },
  created_by: { type: ['string', 'null'], format: 'uuid' },
  updated_at: { type: 'string', format: 'date-time' },
  updated_by: { type: ['string', 'null'], format: 'uuid' },
  spec_version: {
    type: 'integer',
    minimum: 1,
    description: 'Protocol version the record was last saved under.',
  },
} satisfies Record<ServerColumn, Schema>;

/** Columns the Validate action sets on the records of validated levels (read-only elsewhere). */
const VALIDATION_PROPERTIES = {
  validation_status: {
    type: 'string',
    description: 'STATUT_VALID code: 0 pending (every new or edited record), 1 to 6 set by a validator.',
  },
  validated_by: { type: ['string', 'null'], format: 'uuid' },
  validated_at: { type: ['string', 'null'], format: 'date-time' },
  validation_comment: { type: ['string', 'null'] },
} satisfies Record<(typeof VALIDATION_COLUMNS)[number], Schema>;

/**
 * `schema` or null: a field the record does not require is null in a stored record that has no value
 * for it (the API answers every field), and a body may send null for it as well as leave it out.
 */
export function nullable(schema: Schema): Schema {
  const { type, enum: values, ...rest } = schema;
  if (values === undefined && 'const' in schema) return { anyOf: [schema, { type: 'null' }] };
  if (type === undefined && values === undefined) return { anyOf: [schema, { type: 'null' }] };
  const types = type === undefined ? [] : Array.isArray(type) ? type : [type];
  return {
    ...(type === undefined ? {} : { type: types.includes('null') ? types : [...types, 'null'] }),
    ...(Array.isArray(values) ? { enum: values.includes(null) ? values : [...values, null] } : {}),
    ...rest,
  };
}

/** Inside a field (a group's rows, an observer, a media item): the properties an object does not require may be null. */
function innerNullable(schema: Schema): Schema {
  const items = schema.items as Schema | undefined;
  const properties = schema.properties as Record<string, Schema> | undefined;
  const required = (schema.required ?? []) as string[];
  return {
    ...schema,
    ...(items && typeof items === 'object' ? { items: innerNullable(items) } : {}),
    ...(properties
      ? {
          properties: Object.fromEntries(
            Object.entries(properties).map(([key, p]) => [
              key,
              required.includes(key) ? innerNullable(p) : nullable(innerNullable(p)),
            ]),
          ),
        }
      : {}),
  };
}

/**
 * The level's own data: the form schema without its `$schema` (the document sets the dialect), without
 * the geometry (a GeoJSON feature carries it apart from the properties) and without
 * `additionalProperties` (bodies close themselves with `unevaluatedProperties`, which sees through allOf);
 * the fields it does not require may be null.
 */
function dataSchema(protocol: ResolvedProtocol, level: ResolvedLevel): { data: Schema; geometry?: Schema } {
  const {
    $schema: _dialect,
    additionalProperties: _closed,
    properties,
    required,
    ...rest
  } = buildLevelSchema(protocol, level);
  const { [LEVEL_GEOMETRY_KEY]: geometry, ...fields } = (properties ?? {}) as Record<string, Schema>;
  const readOnly = new Set(readOnlyFields(level));
  const stillRequired = ((required ?? []) as string[]).filter((key) => key !== LEVEL_GEOMETRY_KEY);
  const data: Schema = {
    ...rest,
    properties: Object.fromEntries(
      Object.entries(fields).map(([key, field]) => {
        const inner = innerNullable(field);
        const schema = stillRequired.includes(key) ? inner : nullable(inner);
        return [key, readOnly.has(key) ? { ...schema, readOnly: true } : schema];
      }),
    ),
  };
  if (stillRequired.length > 0) data.required = stillRequired;
  return geometry ? { data, geometry } : { data };
}

/** Fields beside the level's data in a body or record: parents, the geometry, and `extra`. */
function around(
  level: ResolvedLevel,
  extra: Record<string, Schema>,
  extraRequired: readonly string[],
  closed: boolean,
): Schema {
  const names = schemaNames(level);
  const hasGeometry = level.geometry.kind !== 'none';
  const properties = {
    ...extra,
    ...parentLinks(level),
    // An optional geometry is null in a record without one.
    ...(hasGeometry
      ? {
          [LEVEL_GEOMETRY_KEY]: level.geometry.required
            ? ref(names.geometry)
            : { anyOf: [ref(names.geometry), { type: 'null' }] },
        }
      : {}),
  };
  const required = [
    ...extraRequired,
    ...requiredParentLinks(level),
    ...(hasGeometry && level.geometry.required ? [LEVEL_GEOMETRY_KEY] : []),
  ];
  return {
    allOf: [ref(names.data)],
    type: 'object',
    properties,
    ...(required.length > 0 ? { required } : {}),
    ...(closed ? { unevaluatedProperties: false } : {}),
  };
}

/** The fields a GeoJSON feature carries (list columns and map label), each null when the record has none. */
function featureFields(level: ResolvedLevel, data: Schema): Record<string, Schema> {
  const fields = data.properties as Record<string, Schema>;
  const keys = [...new Set([...level.list, ...(level.mapLabel ? [level.mapLabel] : [])])];
  return Object.fromEntries(
    keys.flatMap((key) => {
      const field = fields[key];
      if (!field) return [];
      const { readOnly: _readOnly, ...schema } = field;
      return [[key, nullable(schema)]];
    }),
  );
}

export function levelSchemas(protocol: ResolvedProtocol, level: ResolvedLevel): Record<string, Schema> {
  const names = schemaNames(level);
  const label = level.label.en ?? level.label.fr;
  const { data, geometry } = dataSchema(protocol, level);
  const stored = isValidatedLevel(protocol, level.key)
    ? { ...SERVER_PROPERTIES, ...VALIDATION_PROPERTIES }
    : SERVER_PROPERTIES;
  const server = Object.keys(stored);
  const schemas: Record<string, Schema> = {
    [names.data]: { ...data, description: `The fields of a ${label}, as its form edits them.` },
    [names.create]: {
      ...around(
        level,
        { id: uuid('Optional: a UUID made by the client, e.g. for records entered offline.') },
        [],
        true,
      ),
      description: `Body of a new ${label}.`,
    },
    [names.update]: {
      ...around(level, { row_version: SERVER_PROPERTIES.row_version }, ['row_version'], true),
      description: `The whole ${label}, with the row_version it was read at.`,
    },
    [names.record]: { ...around(level, stored, server, false), description: `A stored ${label}.` },
    [names.page]: {
      type: 'object',
      properties: {
        items: { type: 'array', items: ref(names.record) },
        total: {
          type: 'integer',
          minimum: 0,
          description: `Records matching the query, all pages together, counted up to ${TOTAL_COUNT_CAP}: when more match, total is ${TOTAL_COUNT_CAP} and total_exact is false.`,
        },
        total_exact: {
          type: 'boolean',
          description: 'False when more records match than total says; pages past it can still be read.',
        },
        page: { type: 'integer', minimum: 1 },
        page_size: { type: 'integer', minimum: 1 },
      },
      required: ['items', 'total', 'total_exact', 'page', 'page_size'],
    },
  };
  if (!geometry) return schemas;
  return {
    ...schemas,
    [names.geometry]: geometry,
    [names.properties]: {
      type: 'object',
      properties: {
        id: uuid(),
        ...parentLinks(level),
        ...featureFields(level, data),
      },
      required: ['id', ...requiredParentLinks(level)],
      description: `What the map shows of a ${label}: its id, parent links, list columns and map label.`,
    },
    [names.feature]: {
      type: 'object',
      properties: {
        type: { const: 'Feature' },
        id: uuid(),
        geometry: level.geometry.required
          ? ref(names.geometry)
          : { oneOf: [ref(names.geometry), { type: 'null' }] },
        properties: ref(names.properties),
      },
      required: ['type', 'id', 'geometry', 'properties'],
    },
    [names.featureCollection]: {
      type: 'object',
      properties: {
        type: { const: 'FeatureCollection' },
        features: { type: 'array', items: ref(names.feature) },
      },
      required: ['type', 'features'],
    },
  };
}

/** `[{ path, code, message }]`: every problem at once, as the validator reports them. */
export const ERROR_SCHEMAS: Record<string, Schema> = {
  ApiError: {
    type: 'object',
    properties: {
      path: {
        type: 'string',
        description: 'JSON pointer into the request: /body/visit_date_min, /query/page.',
      },
      code: { type: 'string', description: 'Machine-readable code, e.g. required, query-value-invalid.' },
      message: {
        type: 'string',
        description:
          'For people: French, or the language of Accept-Language when the problem has its own words.',
      },
      check_id: { type: 'string', description: 'With code `check`: the id of the record check that failed.' },
      messages: {
        type: 'object',
        description: 'With code `check`: the check’s message in French and English.',
        properties: { fr: { type: 'string' }, en: { type: 'string' } },
      },
    },
    required: ['path', 'code', 'message'],
  },
  Errors: { type: 'array', items: ref('ApiError') },
};
