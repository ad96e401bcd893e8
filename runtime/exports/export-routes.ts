/**
 * The export API. Direct downloads stream (CSV, GeoJSON, XLSX straight from the batches; a GeoPackage
 * from a temporary file removed once sent); jobs run in the background for large exports, their
 * owner polls and downloads them. Every export needs the Export permission on its module, and its
 * scope (own, organisation, all) is a predicate in every query, as for lists.
 *
 *   GET  /api/exports/<module>?format=&level=&values=&headers=&separator=&bom=&tree=&<list filters>
 *   GET  /api/exports/<module>/sinp?format=csv|geojson&<filters of the occurrence level>
 *   GET  /api/exports/<module>/sinp/check?limit=
 *   POST /api/exports/<module>/jobs   { format, level?, values?, headers?, separator?, bom?, tree?, sinp?, filters? }
 *   GET  /api/export-jobs, GET /api/export-jobs/<id>, GET /api/export-jobs/<id>/file
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import type { Context, Hono } from 'hono';
import { accessFor, requestSession } from '../auth/index.ts';
import { coreDb } from '../db/core-database.ts';
import type { Database } from '../db/database.ts';
import { badRequest, HttpError, notFound } from '../http/errors.ts';
import type { ModuleRegistry } from '../modules/registry.ts';
import { readJsonBody } from '../records/json-body.ts';
import type { ModulePlan } from '../records/model/module-plan.ts';
import {
  DEFAULT_JOB_SETTINGS,
  type JobSettings,
  jobView,
  type StartJob,
  startExportJob,
  sweepExportJobs,
} from './export-jobs.ts';
import { type ExportOptions, FORMAT_FILES, filtersOf, parseExportOptions } from './export-options.ts';
import { type ExportRequest, exportSources, writeExportFile, writeExportStream } from './export-run.ts';
import { checkSinp } from './sinp/sinp-check.ts';
import { sinpRequest, sinpTotal, writeSinp } from './sinp/sinp-export.ts';

/** The stream of a file, removed once read or abandoned. */
function fileBody(path: string, cleanup: () => Promise<void>): ReadableStream<Uint8Array> {
  const stream = createReadStream(path);
  stream.on('close', () => void cleanup());
  return Readable.toWeb(stream) as ReadableStream<Uint8Array>;
}

const attachment = (mime: string, name: string) => ({
  'content-type': mime,
  'content-disposition': `attachment; filename="${name.replace(/[^\w.-]/g, '_')}"`,
});

const fileName = (module: string, options: ExportOptions, sinp = false) =>
  `${module}${options.level ? `_${options.level}` : ''}${sinp ? '_sinp' : ''}.${FORMAT_FILES[options.format].extension}`;

/** Streams what `write` writes into a PassThrough; a failure after the first byte cuts the download. */
function streamed(write: (stream: PassThrough) => Promise<unknown>): ReadableStream<Uint8Array> {
  const stream = new PassThrough();
  write(stream).catch((error) => stream.destroy(error instanceof Error ? error : new Error(String(error))));
  return Readable.toWeb(stream) as ReadableStream<Uint8Array>;
}

export function mountExports(
  app: Hono,
  db: Database,
  registry: ModuleRegistry,
  settings: JobSettings = DEFAULT_JOB_SETTINGS,
): void {
  // Expired files go even when nobody asks for a job.
  setInterval(() => void sweepExportJobs(db).catch(() => {}), 10 * 60 * 1000).unref();

  function moduleAccess(c: Context) {
    const code = c.req.param('module') ?? '';
    const { actor, grants } = requestSession(c);
    const access = accessFor(actor, grants);
    access.require(code, 'export');
    const served = registry.served(code);
    if (!served) throw notFound('Le module', code);
    return { actor, access, module: served.plan as ModulePlan };
  }

  const requestOf = (
    c: Context,
    source: Record<string, unknown>,
    filters: Record<string, string | undefined>,
    sinp = false,
  ) => {
    const { actor, access, module } = moduleAccess(c);
    // The SINP export reads the occurrence level (the validated one): its filters apply.
    const occurrence = sinp ? [...module.levels.values()].find((p) => p.validated) : undefined;
    const options = parseExportOptions(occurrence ? { ...source, level: occurrence.level.key } : source);
    const request: ExportRequest = { db, module, access, options, filters };
    return { actor, request };
  };

  app.get('/api/exports/:module', async (c) => {
    const query = c.req.query();
    const { request } = requestOf(c, query, filtersOf(query));
    exportSources(request); // 400 before any byte for a bad level or filter
    const { format } = request.options;
    const name = fileName(request.module.model.code, request.options);
    if (format !== 'gpkg')
      return new Response(
        streamed((s) => writeExportStream(request, s)),
        { headers: attachment(FORMAT_FILES[format].mime, name) },
      );
    const folder = await mkdtemp(join(tmpdir(), 'suivi-gpkg-'));
    const path = join(folder, name);
    try {
      await writeExportFile(request, path);
    } catch (error) {
      await rm(folder, { recursive: true, force: true });
      throw error;
    }
    return new Response(
      fileBody(path, () => rm(folder, { recursive: true, force: true })),
      {
        headers: attachment(FORMAT_FILES.gpkg.mime, name),
      },
    );
  });

  app.get('/api/exports/:module/sinp', async (c) => {
    const query = c.req.query();
    const { request } = requestOf(c, { ...query, format: query.format ?? 'csv' }, filtersOf(query), true);
    const sinp = sinpRequest(request);
    const { format } = request.options;
    return new Response(
      streamed((s) => writeSinp(sinp, s)),
      {
        headers: attachment(
          FORMAT_FILES[format].mime,
          fileName(request.module.model.code, request.options, true),
        ),
      },
    );
  });

  app.get('/api/exports/:module/sinp/check', async (c) => {
    const { limit: given, ...query } = c.req.query();
    const limit = given === undefined ? 1000 : Number(given);
    if (!Number.isInteger(limit) || limit < 0 || limit > 100_000)
      throw badRequest([{ path: '/query/limit', code: 'limit-invalid', message: 'limit: 0–100000' }]);
    const { request } = requestOf(c, { format: 'csv' }, filtersOf(query), true);
    return c.json(await checkSinp(sinpRequest(request).source, limit));
  });

  app.post('/api/exports/:module/jobs', async (c) => {
    const body = await readJsonBody(c);
    if (typeof body !== 'object' || body === null || Array.isArray(body))
      throw badRequest([{ path: '', code: 'body-invalid', message: 'an object / un objet' }]);
    const { filters = {}, sinp = false, ...rest } = body as Record<string, unknown>;
    if (typeof filters !== 'object' || filters === null || Array.isArray(filters))
      throw badRequest([
        { path: '/filters', code: 'filters-invalid', message: 'filters: an object of query parameters' },
      ]);
    const text = Object.fromEntries(Object.entries(filters).map(([k, v]) => [k, String(v)]));
    const sinpWanted = sinp === true;
    const { actor, request } = requestOf(
      c,
      sinpWanted ? { ...rest, format: rest.format ?? 'csv' } : rest,
      text,
      sinpWanted,
    );
    if (actor.userId === null) throw new HttpError(401, 'unauthorized', 'Connectez-vous / sign in');
    await sweepExportJobs(db);
    const code = request.module.model.code;
    const userId = actor.userId;
    const job = sinpWanted ? sinpJob(userId, code, request) : recordJob(userId, code, request);
    const started = await startExportJob(db, job, settings);
    return c.json(jobView(started.job), 202, { location: `/api/export-jobs/${started.job.id}` });
  });

  /** A job of the SINP export: its own count and writer. */
  function sinpJob(userId: string, code: string, request: ExportRequest): StartJob {
    const sinp = sinpRequest(request);
    return {
      userId,
      request,
      fileName: fileName(code, request.options, true),
      format: `sinp-${request.options.format}`,
      total: () => sinpTotal(sinp),
      write: (path, progress) => writeSinp(sinp, createWriteStream(path), progress),
    };
  }

  /** A job of a record export (400 now for a bad level or filter, not later in the job). */
  function recordJob(userId: string, code: string, request: ExportRequest): StartJob {
    exportSources(request);
    return { userId, request, fileName: fileName(code, request.options), format: request.options.format };
  }

  async function ownJob(c: Context) {
    const { actor } = requestSession(c);
    if (actor.userId === null) throw new HttpError(401, 'unauthorized', 'Connectez-vous / sign in');
    const id = c.req.param('id') ?? '';
    if (!/^[0-9a-f-]{36}$/i.test(id))
      throw badRequest([{ path: '/params/id', code: 'id-invalid', message: id }]);
    await sweepExportJobs(db);
    const job = await coreDb(db)
      .selectFrom('suivi.export_job')
      .selectAll()
      .where('id', '=', id)
      .where('user_id', '=', actor.userId)
      .executeTakeFirst();
    if (!job) throw notFound('L’export', id);
    return job;
  }

  app.get('/api/export-jobs', async (c) => {
    const { actor } = requestSession(c);
    if (actor.userId === null) throw new HttpError(401, 'unauthorized', 'Connectez-vous / sign in');
    await sweepExportJobs(db);
    const jobs = await coreDb(db)
      .selectFrom('suivi.export_job')
      .selectAll()
      .where('user_id', '=', actor.userId)
      .orderBy('created_at', 'desc')
      .limit(50)
      .execute();
    return c.json(jobs.map(jobView));
  });

  app.get('/api/export-jobs/:id', async (c) => c.json(jobView(await ownJob(c))));

  app.get('/api/export-jobs/:id/file', async (c) => {
    const job = await ownJob(c);
    if (job.status !== 'done' || !job.file_path)
      throw new HttpError(
        409,
        'export-not-ready',
        `L’export est « ${job.status} » / the export is ${job.status}`,
      );
    const format = job.format.replace(/^sinp-/, '') as keyof typeof FORMAT_FILES;
    const stream = Readable.toWeb(createReadStream(job.file_path)) as ReadableStream<Uint8Array>;
    return new Response(stream, {
      headers: {
        ...attachment(FORMAT_FILES[format].mime, job.file_name ?? 'export'),
        'content-length': String(job.file_size ?? ''),
      },
    });
  });
}
