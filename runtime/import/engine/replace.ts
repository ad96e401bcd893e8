/**
 * Replace mode: the records of the target level that earlier jobs of this provider and template
 * inserted (jobs done, not dry runs, not rolled back) are deleted through the record operations first
 * (so a record with children is refused, 409, as on the API), each linked to this job with its row
 * as it was, so a rollback puts it back.
 */
import type { Database } from '../../db/database.ts';
import type { LevelPlan, ModulePlan } from '../../records/model/module-plan.ts';
import type { RecordOperations } from '../../records/operations.ts';
import type { ImportTemplate } from '../template.ts';
import { captureRecord } from './before-image.ts';
import { jobLinks } from './write-row.ts';

export async function deleteEarlierBatch(o: {
  readonly db: Database;
  readonly ops: RecordOperations;
  readonly module: ModulePlan;
  readonly template: ImportTemplate;
  readonly jobId: string;
}): Promise<number> {
  const plan = o.module.levels.get(o.template.level) as LevelPlan;
  const { rows } = await o.db.query<{ id: string; template_id: string | null }>(
    `SELECT DISTINCT jr.record_id::text AS id
       FROM suivi.import_job_record jr JOIN suivi.import_job j ON j.id = jr.job_id
      WHERE j.module_code = $1 AND j.level_key = $2 AND j.provider = $3 AND j.template->>'name' = $4
        AND j.status = 'done' AND NOT j.dry_run AND j.id <> $5::uuid
        AND jr.level_key = $2 AND jr.action = 'inserted'`,
    [o.template.module, o.template.level, o.template.provider, o.template.name, o.jobId],
  );
  const links = jobLinks(o.db, o.jobId);
  let deleted = 0;
  for (const { id } of rows) {
    const before = await captureRecord(o.db, plan, id);
    if (!before) continue;
    await o.ops.remove({ module: plan.module, level: plan.level.key, id });
    await links.link(plan.level.key, id, 'deleted', null, before);
    deleted++;
  }
  return deleted;
}
