/**
 * One export from start to file: the levels it covers (one, or every level of the module), each
 * level's columns and batches, and the writer of the format. Direct downloads and jobs both come
 * here; they differ only in where the bytes go (a response stream, a file) and in the progress
 * callback (a job records it).
 */
import { createWriteStream } from 'node:fs';
import type { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { sql } from 'kysely';
import type { Queryable } from '../db/database.ts';
import { badRequest } from '../http/errors.ts';
import type { AccessScope } from '../records/access.ts';
import type { LevelPlan, ModulePlan } from '../records/model/module-plan.ts';
import type { ExportQuery } from '../records/query/list-sql.ts';
import { parseExportQuery, type QueryString } from '../records/query/parse-list-query.ts';
import { recordsDb } from '../records/sql/dynamic.ts';
import { exportColumns } from './export-columns.ts';
import type { ExportOptions } from './export-options.ts';
import { countRows, exportBatches, geometryOf, type RowSource } from './export-rows.ts';
import { writeCsv } from './formats/csv-writer.ts';
import { writeGeoJson } from './formats/geojson-writer.ts';
import { type SpatialReference, writeGpkg } from './formats/gpkg-writer.ts';
import { writeXlsx } from './formats/xlsx-writer.ts';
import { streamSink } from './sink.ts';

export interface ExportRequest {
  readonly db: Queryable;
  readonly module: ModulePlan;
  readonly access: AccessScope;
  readonly options: ExportOptions;
  /** The list filters, as a query string (read against the level's query spec). */
  readonly filters: QueryString;
  /** Rows per query or FETCH (default 100). */
  readonly batchSize?: number;
}

export type Progress = (rows: number) => Promise<void> | void;

/** The levels an export covers, each with its parsed filters; 400 for an unknown level or filter. */
export function exportSources(request: ExportRequest): RowSource[] {
  const { module, options } = request;
  const filtered = Object.keys(request.filters).length > 0;
  if (options.level === undefined) {
    if (filtered)
      throw badRequest([
        {
          path: '/query/level',
          code: 'export-level-required',
          message:
            'Les filtres portent sur un niveau : précisez level / filters apply to one level: give level',
        },
      ]);
    return [...module.levels.values()].map((plan) => sourceOf(request, plan, { sort: [], filters: [] }));
  }
  const plan = module.levels.get(options.level);
  const spec = module.model.levels.find((l) => l.key === options.level)?.querySpec;
  if (!plan || !spec)
    throw badRequest([
      { path: '/query/level', code: 'export-level-unknown', message: `level: ${options.level} ?` },
    ]);
  return [sourceOf(request, plan, parseExportQuery(plan.level.key, spec, request.filters))];
}

const sourceOf = (request: ExportRequest, plan: LevelPlan, query: ExportQuery): RowSource => ({
  db: request.db,
  plan,
  access: request.access,
  query,
});

/** Rows the export will write (a job's total). */
export async function exportTotal(request: ExportRequest): Promise<number> {
  let total = 0;
  for (const source of exportSources(request)) total += await countRows(source);
  return total;
}

const columnsFor = (request: ExportRequest, plan: LevelPlan, geometryApart: boolean) =>
  exportColumns(request.db, request.module, plan, {
    values: request.options.values,
    headers: request.options.headers,
    tree: request.options.tree,
    geometryApart,
  });

/** CSV, GeoJSON or XLSX into `stream` (ended when done). */
export async function writeExportStream(
  request: ExportRequest,
  stream: Writable,
  progress?: Progress,
): Promise<number> {
  const { options } = request;
  const sources = exportSources(request);
  const batchSize = request.batchSize;
  let count = 0;
  if (options.format === 'xlsx') {
    const sheets = await Promise.all(
      sources.map(async (source) => {
        const columns = await columnsFor(request, source.plan, false);
        const label =
          options.headers === 'en'
            ? (source.plan.level.label.en ?? source.plan.level.label.fr)
            : source.plan.level.label.fr;
        return {
          name: options.headers === 'columns' ? source.plan.level.key : label,
          columns,
          batches: exportBatches(source, columns, 'none', batchSize),
        };
      }),
    );
    count = await writeXlsx(stream, sheets, progress);
  } else {
    const source = sources[0];
    if (!source || options.format === 'gpkg') throw new Error(`writeExportStream: ${options.format}`);
    const sink = streamSink(stream);
    if (options.format === 'csv') {
      const columns = await columnsFor(request, source.plan, false);
      count = await writeCsv(
        sink,
        columns,
        exportBatches(source, columns, 'none', batchSize),
        options,
        progress,
      );
    } else {
      const columns = await columnsFor(request, source.plan, true);
      count = await writeGeoJson(
        sink,
        columns,
        exportBatches(source, columns, 'geojson', batchSize),
        progress,
      );
    }
    stream.end();
  }
  await finished(stream);
  return count;
}

/** The spatial reference systems of `srids` as PostGIS defines them (spatial_ref_sys). */
async function spatialReferences(db: Queryable, srids: readonly number[]): Promise<SpatialReference[]> {
  if (srids.length === 0) return [];
  const { rows } = await sql<{ srid: number; srtext: string | null }>`
    SELECT srid, srtext FROM spatial_ref_sys WHERE srid = ANY(${srids}::integer[])`.execute(recordsDb(db));
  return rows
    .filter((r) => r.srtext)
    .map((r) => ({
      srid: r.srid,
      name: /^\w+\["([^"]+)"/.exec(r.srtext ?? '')?.[1] ?? `EPSG:${r.srid}`,
      definition: r.srtext ?? '',
    }));
}

/** Any format into the file `path`. */
export async function writeExportFile(
  request: ExportRequest,
  path: string,
  progress?: Progress,
): Promise<number> {
  if (request.options.format !== 'gpkg') return writeExportStream(request, createWriteStream(path), progress);
  const layers = await Promise.all(
    exportSources(request).map(async (source) => {
      const geometry = await geometryOf(request.db, source.plan);
      const columns = await columnsFor(request, source.plan, true);
      return {
        name: source.plan.level.key,
        description: source.plan.level.label.fr,
        columns,
        ...(geometry ? { geometry } : {}),
        batches: exportBatches(source, columns, geometry ? 'wkb' : 'none', request.batchSize),
      };
    }),
  );
  const srids = [...new Set(layers.flatMap((l) => (l.geometry ? [l.geometry.srid] : [])))];
  return writeGpkg(path, layers, await spatialReferences(request.db, srids), progress);
}
