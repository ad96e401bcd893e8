/**
 * The SINP export of a module: its occurrence level (the validated one) through the generated SINP
 * view, in the standard's field names, as CSV or GeoJSON. The list filters of the occurrence level
 * and the Export scope apply.
 */
import type { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { badRequest } from '../../http/errors.ts';
import { countRows, type ExportRow, type RowSource } from '../export-rows.ts';
import type { ExportRequest, Progress } from '../export-run.ts';
import { exportSources } from '../export-run.ts';
import { writeCsv } from '../formats/csv-writer.ts';
import { writeGeoJson } from '../formats/geojson-writer.ts';
import { streamSink } from '../sink.ts';
import { SINP_COLUMNS, sinpBatches } from './sinp-rows.ts';

export interface SinpRequest {
  readonly request: ExportRequest;
  readonly source: RowSource;
}

/** The occurrence level of the module and its filters; 400 when the module has none or the format is not CSV/GeoJSON. */
export function sinpRequest(request: ExportRequest): SinpRequest {
  const { format } = request.options;
  if (format !== 'csv' && format !== 'geojson')
    throw badRequest([
      {
        path: '/query/format',
        code: 'export-option-invalid',
        message: 'SINP : csv ou geojson / SINP: csv or geojson',
      },
    ]);
  const occurrence = [...request.module.levels.values()].find((p) => p.validated);
  if (!occurrence)
    throw badRequest([
      {
        path: '/params/module',
        code: 'sinp-no-occurrence',
        message: `Le module ${request.module.model.code} n’a pas de niveau d’occurrences / has no occurrence level`,
      },
    ]);
  const withLevel = { ...request, options: { ...request.options, level: occurrence.level.key } };
  const [source] = exportSources(withLevel);
  if (!source) throw new Error('sinpRequest: no source');
  return { request: withLevel, source };
}

export const sinpTotal = (sinp: SinpRequest) => countRows(sinp.source);

export async function writeSinp(sinp: SinpRequest, stream: Writable, progress?: Progress): Promise<number> {
  const sink = streamSink(stream);
  const { options } = sinp.request;
  const count =
    options.format === 'geojson'
      ? await writeGeoJson(
          sink,
          SINP_COLUMNS.filter((c) => c.name !== 'geometrie'),
          dropGeometrie(sinpBatches(sinp.source, true)),
          progress,
        )
      : await writeCsv(sink, SINP_COLUMNS, sinpBatches(sinp.source, false), options, progress);
  stream.end();
  await finished(stream);
  return count;
}

const GEOMETRIE = SINP_COLUMNS.findIndex((c) => c.name === 'geometrie');

/** GeoJSON carries the geometry as the feature's: the WKT property goes. */
async function* dropGeometrie(batches: AsyncIterable<readonly ExportRow[]>) {
  for await (const batch of batches)
    yield batch.map((row) => ({ ...row, values: row.values.filter((_, i) => i !== GEOMETRIE) }));
}
