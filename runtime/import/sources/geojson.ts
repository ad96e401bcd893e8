/**
 * GeoJSON files: a FeatureCollection (or one Feature). Each feature is a row: its properties as cells
 * (objects and arrays as JSON text) and its geometry. The file is parsed whole by JSON.parse: GeoJSON
 * is not line-oriented; files of the sizes providers send (tens of MB) fit, and the limit of the upload
 * route bounds it.
 */
import { readFile } from 'node:fs/promises';
import type { RowSource, SourceRow } from './types.ts';

interface Feature {
  readonly properties?: Record<string, unknown> | null;
  readonly geometry?: unknown;
}

const text = (v: unknown): string =>
  v === null || v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v);

export class GeoJsonError extends Error {
  override readonly name = 'GeoJsonError';
}

function featuresOf(json: unknown): Feature[] {
  const o = json as { type?: unknown; features?: unknown };
  if (o?.type === 'FeatureCollection' && Array.isArray(o.features)) return o.features as Feature[];
  if (o?.type === 'Feature') return [o as Feature];
  throw new GeoJsonError('not a GeoJSON FeatureCollection');
}

export async function geojsonSource(path: string): Promise<RowSource> {
  let json: unknown;
  try {
    json = JSON.parse((await readFile(path, 'utf8')).replace(/^\uFEFF/, ''));
  } catch {
    throw new GeoJsonError('not JSON');
  }
  const features = featuresOf(json);
  const columns: string[] = [];
  const known = new Set<string>();
  for (const f of features)
    for (const key of Object.keys(f.properties ?? {}))
      if (!known.has(key)) {
        known.add(key);
        columns.push(key);
      }
  return {
    columns,
    async *rows(): AsyncIterable<SourceRow> {
      let row = 0;
      for (const f of features) {
        row++;
        const cells: Record<string, string> = {};
        for (const c of columns) cells[c] = text(f.properties?.[c]);
        yield { row, cells, geometry: f.geometry ?? null };
      }
    },
  };
}
