/**
 * The map route's part of the OpenAPI document: its parameters (the list's filters and q, a required
 * bbox, the zoom; no sort, no paging) and its answer (clusters, or features when few records match).
 */
import { MAP_CELL_PIXELS, MAP_FEATURE_LIMIT, MAP_MAX_ZOOM } from '../model/map-query.ts';
import type { Schema } from './schemas.ts';

const BBOX: Schema = {
  name: 'bbox',
  in: 'query',
  required: true,
  description: 'The view: minx,miny,maxx,maxy in WGS84 degrees.',
  style: 'form',
  explode: false,
  schema: { type: 'array', items: { type: 'number' }, minItems: 4, maxItems: 4 },
};

const ZOOM: Schema = {
  name: 'zoom',
  in: 'query',
  required: true,
  description: `The map's zoom level (Web Mercator, 256-pixel tiles): sets the clusters' grid (${MAP_CELL_PIXELS} pixels a cell).`,
  schema: { type: 'integer', minimum: 0, maximum: MAP_MAX_ZOOM },
};

const isRefTo = (p: Schema, name: string) => p.$ref === `#/components/parameters/${name}`;

/** The export parameters of a level without sort (a map has no order) and with the view. */
export function mapParameters(exportParameters: readonly Schema[]): Schema[] {
  const filters = exportParameters.filter((p) => !isRefTo(p, 'bbox') && !String(p.$ref).endsWith('.sort'));
  return [BBOX, ZOOM, ...filters];
}

const LON_LAT_BOX: Schema = {
  type: 'array',
  items: { type: 'number' },
  minItems: 4,
  maxItems: 4,
  description: 'minx,miny,maxx,maxy of the records it holds: zoom to it to see them apart.',
};

export const MAP_RESPONSE: Schema = {
  type: 'object',
  required: ['zoom', 'total', 'clusters', 'features'],
  additionalProperties: false,
  properties: {
    zoom: { type: 'integer' },
    total: {
      type: 'integer',
      description: 'Records matching in the view: the clusters’ counts add up to it.',
    },
    clusters: {
      type: 'array',
      description: `Empty when at most ${MAP_FEATURE_LIMIT} records match (they are in features).`,
      items: {
        type: 'object',
        required: ['count', 'lon', 'lat', 'bbox', 'cell'],
        additionalProperties: false,
        properties: {
          count: { type: 'integer', minimum: 1 },
          lon: { type: 'number', description: 'Mean longitude of its records’ representative points.' },
          lat: { type: 'number' },
          bbox: LON_LAT_BOX,
          cell: {
            type: 'array',
            items: { type: 'integer' },
            minItems: 2,
            maxItems: 2,
            description: `Its cell of the world grid at this zoom (column from 180°W, row from the north; ${256 / MAP_CELL_PIXELS} per tile side).`,
          },
          id: { type: 'string', format: 'uuid', description: 'The record, when the cluster holds one.' },
        },
      },
    },
    features: {
      type: 'array',
      items: {
        type: 'object',
        required: ['id', 'label', 'geometry'],
        additionalProperties: false,
        properties: {
          id: { type: 'string', format: 'uuid' },
          label: { type: ['string', 'null'], description: 'The level’s map label, when it has one.' },
          geometry: { type: 'object', description: 'GeoJSON geometry (WGS84).' },
        },
      },
    },
  },
};
