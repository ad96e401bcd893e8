/**
 * Reading a map request (`GET …/<level>/map`): the view (`bbox`, required; `zoom`, a whole number from
 * 0 to MAP_MAX_ZOOM) and the list's own filters and `q`, read by the list's parser so the map and the
 * table select the same records. A map has no order and no pages: `sort`, `page` and `page_size` are
 * refused like any unknown parameter. Every problem is reported at once, as a 400 naming the parameter.
 */
import { MAP_MAX_ZOOM } from '../../../generators/model/index.ts';
import { type ApiError, badRequest } from '../../http/errors.ts';
import type { ExportQuery } from './list-sql.ts';
import { type QuerySpec, type QueryString, queryPath, readQuery } from './parse-list-query.ts';

export interface MapQuery {
  /** The records' filters and search; its `bbox` is the view. */
  readonly filters: ExportQuery['filters'];
  readonly q?: string;
  readonly bbox: readonly [number, number, number, number];
  readonly zoom: number;
}

const NOT_ON_MAPS = ['sort', 'page', 'page_size'] as const;

function zoomParam(raw: string | undefined, errors: ApiError[]): number {
  const value = raw !== undefined && /^\d{1,2}$/.test(raw) ? Number(raw) : Number.NaN;
  if (value >= 0 && value <= MAP_MAX_ZOOM) return value;
  errors.push({
    path: queryPath('zoom'),
    code: raw === undefined ? 'query-param-required' : 'query-value-invalid',
    message: `zoom is a whole number from 0 to ${MAP_MAX_ZOOM}`,
  });
  return 0;
}

export function parseMapQuery(level: string, spec: QuerySpec, query: QueryString): MapQuery {
  const errors: ApiError[] = [];
  const zoom = zoomParam(query.zoom, errors);
  for (const name of NOT_ON_MAPS)
    if (query[name] !== undefined)
      errors.push({
        path: queryPath(name),
        code: 'query-param-unknown',
        message: `${level} maps take no "${name}" parameter`,
      });
  const read = readQuery(level, spec, query, ['zoom', ...NOT_ON_MAPS], errors);
  if (read.bbox === undefined && query.bbox === undefined)
    errors.push({
      path: queryPath('bbox'),
      code: 'query-param-required',
      message: 'bbox (minx,miny,maxx,maxy in WGS84 degrees) is required',
    });
  if (errors.length > 0 || read.bbox === undefined) throw badRequest(errors);
  return { filters: read.filters, ...(read.q ? { q: read.q } : {}), bbox: read.bbox, zoom };
}
