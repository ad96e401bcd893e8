/**
 * GeoJSON geometries (RFC 7946) as JSON Schema, one per geometry kind of the spec. Positions are
 * [longitude, latitude] or with an altitude; coordinates are WGS 84, as PostGIS stores them (SRID 4326).
 * Everything is inlined (no `definitions`): json-schema-to-typescript would otherwise declare the same
 * named helper type once per level, and the types file holds every level.
 */
import type { GeometryKind } from '../../protocol-specs/index.ts';
import type { JsonSchema } from './json-schema.ts';

const position = (): JsonSchema => ({ type: 'array', items: { type: 'number' }, minItems: 2, maxItems: 3 });
const positions = (minItems: number): JsonSchema => ({ type: 'array', items: position(), minItems });
/** A closed ring: at least four positions, the last one repeating the first. */
const rings = (): JsonSchema => ({ type: 'array', items: positions(4), minItems: 1 });

function geoJson(type: string, coordinates: JsonSchema): JsonSchema {
  return {
    type: 'object',
    // `enum`, not `const`: RJSF turns a `const` into a default, and an optional geometry would start as
    // an invalid `{ "type": "Point" }` the user never drew.
    properties: { type: { type: 'string', enum: [type] }, coordinates },
    required: ['type', 'coordinates'],
    additionalProperties: false,
  };
}

const point = () => geoJson('Point', position());
const lineString = () => geoJson('LineString', positions(2));
const polygon = () => geoJson('Polygon', rings());

/** What each kind accepts; `any` takes every simple and multi geometry PostGIS stores in a `geometry` column. */
const GEOMETRY_SCHEMAS = {
  point,
  line: lineString,
  polygon,
  any: () => ({
    oneOf: [
      point(),
      lineString(),
      polygon(),
      geoJson('MultiPoint', { type: 'array', items: position(), minItems: 1 }),
      geoJson('MultiLineString', { type: 'array', items: positions(2), minItems: 1 }),
      geoJson('MultiPolygon', { type: 'array', items: rings(), minItems: 1 }),
    ],
  }),
} as const satisfies Record<GeometryKind, () => JsonSchema>;

export const geometrySchema = (kind: GeometryKind): JsonSchema => GEOMETRY_SCHEMAS[kind]();
