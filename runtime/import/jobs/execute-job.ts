/**
 * Running a job to its end, whatever happens: running, the import, its problems stored, finished as
 * done or failed (a template mistake or an unexpected error is the job's `error`, in French and
 * English; the database is then as it was, the import's transaction rolled back).
 */
import type { Database } from '../../db/database.ts';
import type { AccessScope, Actor } from '../../records/access.ts';
import type { RecordHooks } from '../../records/hooks.ts';
import type { ModulePlan } from '../../records/model/module-plan.ts';
import { ProblemSpool } from '../engine/problem-spool.ts';
import { type ImportOutcome, runImport } from '../engine/run-import.ts';
import { TemplateError } from '../engine/template-check.ts';
import { resolveSourceOptions } from '../sources/index.ts';
import type { ImportAtomicity, ImportMode, ImportTemplate } from '../template.ts';
import { finishJob, jobProgress, markRunning, storeProblems } from './job-store.ts';

export interface ExecuteJobOptions {
  readonly db: Database;
  readonly modules: ReadonlyMap<string, ModulePlan>;
  readonly actor: Actor;
  readonly access: AccessScope;
  readonly hooks?: RecordHooks;
  readonly jobId: string;
  readonly template: ImportTemplate;
  readonly path: string;
  readonly fileName: string;
  readonly mode: ImportMode;
  readonly atomicity: ImportAtomicity;
  readonly dryRun: boolean;
  readonly batchSize?: number;
  readonly onProgress?: (rowsDone: number) => void;
}

export type JobResult =
  | ({ readonly status: 'done' } & ImportOutcome)
  | ({ readonly status: 'failed' } & Partial<ImportOutcome> & { readonly error: string });

export async function executeJob(o: ExecuteJobOptions): Promise<JobResult> {
  const spool = new ProblemSpool();
  await markRunning(o.db, o.jobId);
  jobProgress.set(o.jobId, 0);
  try {
    const source = await resolveSourceOptions(o.path, o.fileName, o.template.source);
    const { sheets: _sheets, ...options } = source;
    const outcome = await runImport({
      db: o.db,
      modules: o.modules,
      actor: o.actor,
      access: o.access,
      ...(o.hooks ? { hooks: o.hooks } : {}),
      template: o.template,
      source: options,
      path: o.path,
      mode: o.mode,
      atomicity: o.atomicity,
      dryRun: o.dryRun,
      jobId: o.jobId,
      problems: spool,
      ...(o.batchSize ? { batchSize: o.batchSize } : {}),
      onProgress: (n) => {
        jobProgress.set(o.jobId, n);
        o.onProgress?.(n);
      },
    });
    await storeProblems(o.db, o.jobId, spool);
    const error = outcome.notWritten ? `${outcome.notWritten.fr} / ${outcome.notWritten.en}` : undefined;
    await finishJob(o.db, o.jobId, {
      status: error ? 'failed' : 'done',
      counts: outcome.counts,
      unmatchedTaxa: outcome.unmatchedTaxa,
      ...(error ? { error } : {}),
    });
    return error ? { status: 'failed', ...outcome, error } : { status: 'done', ...outcome };
  } catch (cause) {
    const error =
      cause instanceof TemplateError
        ? cause.problems.map((p) => `${p.path} : ${p.message.fr} / ${p.message.en}`).join('\n')
        : `Échec de l’import / Import failed: ${cause instanceof Error ? cause.message : String(cause)}`;
    await finishJob(o.db, o.jobId, { status: 'failed', error });
    return { status: 'failed', error };
  } finally {
    jobProgress.delete(o.jobId);
    spool.dispose();
  }
}
