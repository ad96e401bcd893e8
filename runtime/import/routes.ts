/**
 * The import API (the wizard's and scripts'): upload a file (raw bytes, streamed to disk, hashed: the
 * same file imported before is flagged), look at it again with other source options, run a job in the
 * background, follow it, download its report, roll it back. Importing needs the module's create grant
 * (upsert also update, replace also delete); the records are written as the importer, through the
 * record operations with the importer's access. A job is visible to its creator and administrators.
 */

import type { Context, Hono } from 'hono';
import { accessFor, requestSession, scopeFor } from '../auth/index.ts';
import type { Database } from '../db/database.ts';
import { type ApiError, HttpError } from '../http/errors.ts';
import type { Action } from '../records/access.ts';
import { readJsonBody } from '../records/json-body.ts';
import type { ModulePlan } from '../records/model/module-plan.ts';
import { check, textParam } from '../server/query-params.ts';
import { FileTooLarge, importFileOf, MAX_IMPORT_FILE_BYTES, saveImportFile } from './files.ts';
import { inspectImportFile } from './inspect.ts';
import { executeJob } from './jobs/execute-job.ts';
import { createJob, getJob, jobProblems, jobsOfFile, listJobs, problemCount } from './jobs/job-store.ts';
import { rollbackImportJob } from './jobs/rollback.ts';
import { type ReportFormat, reportStream } from './report.ts';
import type { ImportAtomicity, ImportMode, ImportSourceOptions, ImportTemplate } from './template.ts';
import { findVersion } from './templates/template-store.ts';

export const isImportUpload = (c: Context) => c.req.method === 'POST' && c.req.path === '/api/import/files';

const bad = (path: string, code: string, fr: string, en: string, status = 422) =>
  new HttpError(status, code, `${fr} / ${en}`, [{ path, code, message: `${fr} / ${en}` }]);

const MODES: readonly ImportMode[] = ['insert', 'upsert', 'replace'];
const ATOMICITIES: readonly ImportAtomicity[] = ['all_or_nothing', 'valid_rows'];
const NEEDS: Readonly<Record<ImportMode, readonly Action[]>> = {
  insert: ['create'],
  upsert: ['create', 'update'],
  replace: ['create', 'delete'],
};

function signedIn(c: Context) {
  const session = requestSession(c);
  if (session.actor.userId === null)
    throw new HttpError(
      401,
      'unauthorized',
      'Connectez-vous pour importer des fichiers. / Sign in to import files.',
    );
  return session;
}

const fileName = (raw: string | undefined) =>
  [...(raw ?? '')]
    .filter((ch) => (ch.codePointAt(0) ?? 0) >= 0x20 && ch !== '\u007f' && ch !== '/' && ch !== '\\')
    .join('')
    .trim()
    .slice(0, 255);

export interface ImportApiOptions {
  /** Where uploaded files are kept. */
  readonly filesDir: string;
}

/** One job at a time per module: the next waits for the previous one's end. */
const queues = new Map<string, Promise<unknown>>();

const UUID_TEXT = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function mountImportApi(
  app: Hono,
  db: Database,
  plans: () => ReadonlyMap<string, ModulePlan>,
  options: ImportApiOptions,
): void {
  const visibleJob = async (c: Context, id: string) => {
    const { actor } = signedIn(c);
    const job = /^[0-9a-f-]{36}$/i.test(id) ? await getJob(db, id) : undefined;
    if (!job || (!actor.isAdmin && job.created_by !== actor.userId))
      throw new HttpError(
        404,
        'not_found',
        `L’import ${id} n’existe pas (ou ne vous est pas visible). / Import ${id} does not exist (or is not visible to you).`,
      );
    return { job, actor };
  };

  app.post('/api/import/files', async (c) => {
    const { actor } = signedIn(c);
    const name = fileName(c.req.query('name'));
    if (!name)
      throw bad(
        '/query/name',
        'required',
        'Donnez le nom du fichier (?name=).',
        'Give the file name (?name=).',
        400,
      );
    // The file's bytes as they are: its format is read from them, never from a declared type, and a JSON
    // (or form) body sent here by mistake is refused rather than stored as a file.
    const type = (c.req.header('content-type') ?? '').split(';')[0]?.trim().toLowerCase();
    if (type !== 'application/octet-stream')
      throw bad(
        '/headers/content-type',
        'unsupported_media_type',
        'Envoyez le fichier tel quel, en application/octet-stream.',
        'Send the file as it is, as application/octet-stream.',
        415,
      );
    const declared = Number(c.req.header('content-length') ?? 0);
    if (declared > MAX_IMPORT_FILE_BYTES)
      throw bad('/body', 'payload_too_large', 'Fichier trop volumineux.', 'File too large.', 413);
    const body = c.req.raw.body;
    if (!body) throw bad('/body', 'empty_file', 'Le fichier est vide.', 'The file is empty.');
    let file: Awaited<ReturnType<typeof saveImportFile>>;
    try {
      file = await saveImportFile(options.filesDir, name, body, actor.userId);
    } catch (error) {
      if (error instanceof FileTooLarge)
        throw bad('/body', 'payload_too_large', 'Fichier trop volumineux.', 'File too large.', 413);
      throw error;
    }
    if (file.size === 0) throw bad('/body', 'empty_file', 'Le fichier est vide.', 'The file is empty.');
    const earlier = await jobsOfFile(db, file.sha256);
    const stored = await importFileOf(options.filesDir, file.id);
    const inspection = await inspecting(() => inspectImportFile(stored?.path ?? '', {}, name));
    return c.json(
      {
        file: { id: file.id, name: file.name, size: file.size, sha256: file.sha256, earlier_jobs: earlier },
        inspection,
      },
      201,
    );
  });

  const ownFile = async (c: Context, id: string) => {
    const { actor } = signedIn(c);
    const file = await importFileOf(options.filesDir, id);
    if (!file || (!actor.isAdmin && file.uploaded_by !== actor.userId))
      throw bad('/file_id', 'not_found', `Le fichier ${id} n’existe pas.`, `File ${id} does not exist.`, 404);
    return file;
  };

  app.post('/api/import/files/:id/inspect', async (c) => {
    const file = await ownFile(c, c.req.param('id'));
    const body = (await readJsonBody(c)) as { source?: Partial<ImportSourceOptions> } | null;
    const source =
      body && typeof body === 'object' && body.source && typeof body.source === 'object' ? body.source : {};
    return c.json({ inspection: await inspecting(() => inspectImportFile(file.path, source, file.name)) });
  });

  app.post('/api/import/jobs', async (c) => {
    const { actor, grants } = signedIn(c);
    const body = (await readJsonBody(c)) as Record<string, unknown> | null;
    if (!body || typeof body !== 'object')
      throw bad('', 'type', 'Le corps doit être un objet JSON.', 'The body must be a JSON object.');
    const template = body.template as ImportTemplate | undefined;
    if (
      !template ||
      typeof template !== 'object' ||
      typeof template.module !== 'string' ||
      typeof template.level !== 'string'
    )
      throw bad(
        '/template',
        'required',
        'Le modèle d’import est obligatoire.',
        'The import template is required.',
      );
    const mode = body.mode as ImportMode;
    if (!MODES.includes(mode))
      throw bad(
        '/mode',
        'choice',
        `Mode inconnu (${MODES.join(', ')}).`,
        `Unknown mode (${MODES.join(', ')}).`,
      );
    const atomicity = body.atomicity as ImportAtomicity;
    if (!ATOMICITIES.includes(atomicity))
      throw bad(
        '/atomicity',
        'choice',
        `Atomicité inconnue (${ATOMICITIES.join(', ')}).`,
        `Unknown atomicity (${ATOMICITIES.join(', ')}).`,
      );
    const modules = plans();
    if (!modules.has(template.module))
      throw bad(
        '/template/module',
        'unknown_module',
        `Module inconnu : ${template.module}.`,
        `Unknown module: ${template.module}.`,
      );
    for (const action of NEEDS[mode])
      if (scopeFor(actor, grants, template.module, action) === undefined)
        throw new HttpError(
          403,
          'forbidden',
          `Droit « ${action} » requis sur ${template.module} pour ce mode d’import. / The ${action} grant on ${template.module} is required for this import mode.`,
        );
    const file = await ownFile(c, String(body.file_id ?? ''));
    // The job names a saved template version (a foreign key since 0010): it must exist, for this module.
    if (body.template_id !== undefined || body.template_version !== undefined) {
      const id =
        typeof body.template_id === 'string' && UUID_TEXT.test(body.template_id) ? body.template_id : '';
      const version = typeof body.template_version === 'number' ? body.template_version : Number.NaN;
      const saved =
        id && Number.isInteger(version) ? await findVersion(db, id.toLowerCase(), version) : undefined;
      if (!saved || saved.template.module !== template.module)
        throw bad(
          '/template_id',
          'unknown_template',
          'Ce modèle d’import (ou cette version) n’existe pas pour ce module.',
          'No such import template (or version) for this module.',
        );
    }
    const dryRun = body.dry_run === true;
    const jobId = await createJob(db, {
      template,
      templateId: typeof body.template_id === 'string' ? body.template_id : null,
      templateVersion: typeof body.template_version === 'number' ? body.template_version : null,
      fileName: file.name,
      fileSha256: file.sha256,
      mode,
      atomicity,
      dryRun,
      createdBy: actor.userId,
    });
    const run = () =>
      executeJob({
        db,
        modules,
        actor,
        access: accessFor(actor, grants),
        jobId,
        template,
        path: file.path,
        fileName: file.name,
        mode,
        atomicity,
        dryRun,
      });
    const previous = queues.get(template.module) ?? Promise.resolve();
    const next = previous.then(run, run).catch(() => undefined);
    queues.set(template.module, next);
    return c.json({ job: await getJob(db, jobId) }, 202);
  });

  app.get('/api/import/jobs', async (c) => {
    const { actor } = signedIn(c);
    const problems: ApiError[] = [];
    const module = textParam(c.req.query(), 'module', 200, problems);
    check(problems);
    const jobs = await listJobs(db, {
      ...(module ? { module } : {}),
      ...(actor.isAdmin ? {} : { createdBy: actor.userId as string }),
    });
    return c.json({ jobs });
  });

  app.get('/api/import/jobs/:id', async (c) => {
    const { job } = await visibleJob(c, c.req.param('id'));
    const problems = await jobProblems(db, job.id, 500);
    return c.json({
      job,
      problems: problems.map(({ cells: _cells, ...p }) => p),
      problems_total: await problemCount(db, job.id),
    });
  });

  app.get('/api/import/jobs/:id/report', async (c) => {
    const { job } = await visibleJob(c, c.req.param('id'));
    const format = (c.req.query('format') ?? 'csv') as ReportFormat;
    if (format !== 'csv' && format !== 'xlsx')
      throw bad('/query/format', 'choice', 'Format : csv ou xlsx.', 'Format: csv or xlsx.', 400);
    const type =
      format === 'csv'
        ? 'text/csv; charset=utf-8'
        : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
    return new Response(reportStream(db, job.id, format), {
      headers: {
        'content-type': type,
        'content-disposition': `attachment; filename="import-${job.id}.${format}"`,
      },
    });
  });

  app.post('/api/import/jobs/:id/rollback', async (c) => {
    const { job, actor } = await visibleJob(c, c.req.param('id'));
    const session = requestSession(c);
    const needs: Action[] =
      job.mode === 'upsert'
        ? ['delete', 'update']
        : job.mode === 'replace'
          ? ['delete', 'create']
          : ['delete'];
    for (const action of needs)
      if (scopeFor(actor, session.grants, job.module_code, action) === undefined)
        throw new HttpError(
          403,
          'forbidden',
          `Droit « ${action} » requis sur ${job.module_code} pour annuler cet import. / The ${action} grant on ${job.module_code} is required to roll this import back.`,
        );
    return c.json({ job: await rollbackImportJob(db, plans(), job.id) });
  });
}

/** A file the readers cannot read is the request's fault: 422 naming the reason. */
async function inspecting<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof HttpError) throw error;
    const reason = error instanceof Error ? error.message : String(error);
    throw bad('/body', 'unreadable_file', `Fichier illisible : ${reason}`, `Unreadable file: ${reason}`);
  }
}
