/**
 * Rolling a job back in one transaction: the records it inserted deleted (newest first, so children
 * before their parents), the ones it updated put back as they were, the ones it deleted (replace mode)
 * inserted back, then the job marked rolled_back. Refused, 409 and nothing changed, when a record was
 * changed after the job (its row_version moved) or has been given children since.
 */
import type { Database, Queryable } from '../../db/database.ts';
import { conflict, HttpError, notFound } from '../../http/errors.ts';
import type { LevelPlan, ModulePlan } from '../../records/model/module-plan.ts';
import {
  type BeforeImage,
  deleteRecord,
  reinsertRecord,
  restoreRecord,
  rowVersionOf,
} from '../engine/before-image.ts';
import { getJob, type JobView } from './job-store.ts';

interface Link {
  level_key: string;
  record_id: string;
  action: 'inserted' | 'updated' | 'deleted';
  row_version: number | null;
  before: BeforeImage | null;
}

const changedSince = (level: string, id: string) =>
  conflict(
    'changed_since_import',
    `L’enregistrement ${level} ${id} a été modifié ou complété depuis l’import : annulation impossible. / Record ${level} ${id} was changed or given children since the import: cannot roll back.`,
    { path: '', record_id: id, level },
  );

async function undo(tx: Queryable, plan: LevelPlan, link: Link): Promise<void> {
  const id = link.record_id;
  if (link.action === 'deleted') {
    if (link.before) await reinsertRecord(tx, plan, link.before);
    return;
  }
  const current = await rowVersionOf(tx, plan, id);
  if (current !== link.row_version) throw changedSince(link.level_key, id);
  if (link.action === 'updated' && link.before) await restoreRecord(tx, plan, link.before);
  if (link.action === 'inserted') {
    await tx.query('SAVEPOINT suivi_rollback_delete');
    try {
      await deleteRecord(tx, plan, id);
      await tx.query('RELEASE SAVEPOINT suivi_rollback_delete');
    } catch {
      // Children added since (RESTRICT): the job's work is no longer its own.
      await tx.query('ROLLBACK TO SAVEPOINT suivi_rollback_delete');
      throw changedSince(link.level_key, id);
    }
  }
}

export async function rollbackImportJob(
  db: Database,
  modules: ReadonlyMap<string, ModulePlan>,
  jobId: string,
): Promise<JobView> {
  const job = await getJob(db, jobId);
  if (!job) throw notFound('L’import', jobId);
  if (job.status !== 'done' || job.dry_run)
    throw conflict(
      'not_rollbackable',
      `Seul un import terminé, hors essai, peut être annulé (celui-ci : ${job.status}${job.dry_run ? ', essai' : ''}). / Only a finished import that was not a dry run can be rolled back.`,
      { path: '', status: job.status },
    );
  const module = modules.get(job.module_code);
  if (!module)
    throw new HttpError(
      409,
      'module_missing',
      `Le module ${job.module_code} n’est plus installé. / Module ${job.module_code} is no longer installed.`,
    );
  await db.transaction(async (tx) => {
    const { rows } = await tx.query<Link>(
      `SELECT level_key, record_id::text AS record_id, action, row_version, before
         FROM suivi.import_job_record WHERE job_id = $1::uuid ORDER BY seq DESC`,
      [jobId],
    );
    const planOf = (key: string) => {
      const plan = module.levels.get(key);
      if (!plan)
        throw new HttpError(
          409,
          'level_missing',
          `Niveau ${key} absent du module. / Level ${key} is missing.`,
        );
      return plan;
    };
    // Newest first for inserts and updates; deletions (replace, done before any insert) last, oldest first.
    for (const link of rows.filter((l) => l.action !== 'deleted'))
      await undo(tx, planOf(link.level_key), link);
    for (const link of rows.filter((l) => l.action === 'deleted').reverse())
      await undo(tx, planOf(link.level_key), link);
    const deleted = rows.filter((l) => l.action === 'deleted').map((l) => l.record_id);
    if (deleted.length > 0)
      await tx.query(
        `DELETE FROM suivi.deletion_log WHERE record_id = ANY($1::uuid[]) AND deleted_at >= $2::timestamptz`,
        [deleted, job.started_at],
      );
    await tx.query(`UPDATE suivi.import_job SET status = 'rolled_back' WHERE id = $1::uuid`, [jobId]);
  });
  return (await getJob(db, jobId)) as JobView;
}
