/**
 * Export jobs: a large export runs in the background of the server process, writing its file in the
 * jobs' folder and its progress (rows written of the total) in suivi.export_job; its owner polls the
 * row and downloads the file until it expires. `sweepExportJobs` removes expired files (and marks the
 * rows), and fails the jobs a stopped process left running: called on each job request and on a timer.
 */
import { mkdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Selectable } from 'kysely';
import { coreDb, type ExportJobTable } from '../db/core-database.ts';
import type { Database } from '../db/database.ts';
import { FORMAT_FILES } from './export-options.ts';
import { type ExportRequest, exportTotal, writeExportFile } from './export-run.ts';

export type ExportJob = Selectable<ExportJobTable>;

export interface JobSettings {
  /** Where job files are written (default `<tmp>/suivi-exports`). */
  readonly folder: string;
  /** How long a finished file stays downloadable (default 24 h). */
  readonly ttlMs: number;
}

export const DEFAULT_JOB_SETTINGS: JobSettings = {
  folder: join(tmpdir(), 'suivi-exports'),
  ttlMs: 24 * 3600 * 1000,
};

/** The jobs this process runs: any other row still queued or running was left by a stopped process. */
const running = new Set<string>();

/** Progress is written at most this often (ms): a million rows are not a thousand updates a second. */
const PROGRESS_EVERY = 500;

export interface StartJob {
  readonly userId: string;
  readonly request: ExportRequest;
  /** What the file is called when downloaded. */
  readonly fileName: string;
  /** The job's format name as recorded ('csv', 'gpkg', 'sinp-csv'…). */
  readonly format: string;
  /** Writes the file (defaults to the record export of `request`). */
  readonly write?: (path: string, progress: (rows: number) => Promise<void>) => Promise<number>;
  /** Counts its rows (defaults to the record export's). */
  readonly total?: () => Promise<number>;
}

/** Records the job and starts it; returns at once with the queued row (its `done` promise for tests). */
export async function startExportJob(
  db: Database,
  job: StartJob,
  settings: JobSettings = DEFAULT_JOB_SETTINGS,
): Promise<{ job: ExportJob; done: Promise<void> }> {
  const { options } = job.request;
  const row = await coreDb(db)
    .insertInto('suivi.export_job')
    .values({
      user_id: job.userId,
      module_code: job.request.module.model.code,
      level_key: options.level ?? null,
      format: job.format,
      options: JSON.stringify(options),
      filters: JSON.stringify(job.request.filters),
      file_name: job.fileName,
      expires_at: new Date(Date.now() + settings.ttlMs).toISOString(),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  running.add(row.id);
  const done = runJob(db, row, job, settings).finally(() => running.delete(row.id));
  return { job: row, done };
}

async function runJob(db: Database, row: ExportJob, job: StartJob, settings: JobSettings): Promise<void> {
  const jobs = () => coreDb(db).updateTable('suivi.export_job').where('id', '=', row.id);
  const extension = FORMAT_FILES[job.request.options.format].extension;
  const path = join(settings.folder, `${row.id}.${extension}`);
  try {
    await mkdir(settings.folder, { recursive: true });
    const total = await (job.total ?? (() => exportTotal(job.request)))();
    await jobs().set({ status: 'running', rows_total: total, file_path: path }).execute();
    let last = 0;
    const progress = async (rows: number) => {
      if (Date.now() - last < PROGRESS_EVERY) return;
      last = Date.now();
      await jobs().set({ rows_done: rows }).execute();
    };
    const rows = await (job.write ?? ((p, on) => writeExportFile(job.request, p, on)))(path, progress);
    const { size } = await stat(path);
    await jobs()
      .set({
        status: 'done',
        rows_done: rows,
        file_size: size,
        finished_at: new Date().toISOString(),
        expires_at: new Date(Date.now() + settings.ttlMs).toISOString(),
      })
      .execute();
  } catch (error) {
    await rm(path, { force: true });
    const message = error instanceof Error ? error.message : String(error);
    await jobs()
      .set({ status: 'failed', error: message, file_path: null, finished_at: new Date().toISOString() })
      .execute();
  }
}

/** Removes the files of expired jobs and fails the jobs no process runs any more. */
export async function sweepExportJobs(db: Database, now = new Date()): Promise<number> {
  const expired = await coreDb(db)
    .selectFrom('suivi.export_job')
    .select(['id', 'file_path'])
    .where('file_path', 'is not', null)
    .where('status', 'in', ['done', 'failed'])
    .where('expires_at', '<', now.toISOString())
    .execute();
  for (const job of expired) {
    if (job.file_path) await rm(job.file_path, { force: true });
    await coreDb(db)
      .updateTable('suivi.export_job')
      .set({ status: 'expired', file_path: null })
      .where('id', '=', job.id)
      .execute();
  }
  const orphans = await coreDb(db)
    .selectFrom('suivi.export_job')
    .select(['id', 'file_path'])
    .where('status', 'in', ['queued', 'running'])
    .execute();
  for (const job of orphans.filter((j) => !running.has(j.id))) {
    if (job.file_path) await rm(job.file_path, { force: true });
    await coreDb(db)
      .updateTable('suivi.export_job')
      .set({ status: 'failed', error: 'interrupted', file_path: null })
      .where('id', '=', job.id)
      .where('status', 'in', ['queued', 'running'])
      .execute();
  }
  return expired.length;
}

/** A job as the API shows it (no server path). */
export const jobView = (job: ExportJob) => ({
  id: job.id,
  module: job.module_code,
  level: job.level_key,
  format: job.format,
  status: job.status,
  rows_done: job.rows_done,
  rows_total: job.rows_total,
  file_name: job.file_name,
  file_size: job.file_size,
  error: job.error,
  created_at: job.created_at,
  finished_at: job.finished_at,
  expires_at: job.expires_at,
  download: job.status === 'done' ? `/api/export-jobs/${job.id}/file` : null,
});
