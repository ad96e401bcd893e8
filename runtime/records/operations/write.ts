/**
 * Writing records, each in one transaction with its child-table rows: create, update under optimistic
 * locking (a stale row_version → 409 with the current version), and delete (refused with 409 while child
 * records exist; logged in suivi.deletion_log in the same transaction). Database refusals become
 * 409/422 naming the field (db-errors.ts). The request's lifecycle hooks (../hooks.ts), if any, run
 * inside the same transaction: before the write once it is known to be allowed, after it once done.
 */
import { sql } from 'kysely';
import { coreDb } from '../../db/core-database.ts';
import type { Queryable } from '../../db/database.ts';
import { tagWritePath } from '../../history/write-path.ts';
import { conflict, isHttpError, notFound } from '../../http/errors.ts';
import { writeError } from '../db-errors.ts';
import type { LevelPlan } from '../model/module-plan.ts';
import type { ApiRecord } from '../read/read-records.ts';
import { bound, columnOf, recordsDb, tableAs } from '../sql/dynamic.ts';
import type { ValidatedRecord } from '../validate/validate-record.ts';
import { deleteChildRows, insertChildRows } from '../write/child-rows.ts';
import { attachMediaFiles } from '../write/media-files.ts';
import { insertRow, updateRow } from '../write/record-row.ts';
import { type RequestContext, recordName, scopeOf } from './context.ts';
import { currentVersion, readBack } from './read.ts';
import { resetValidation } from './validation.ts';
import { hook, hookData, hooked } from './write-hooks.ts';

async function guarded<T>(plan: LevelPlan, action: 'write' | 'delete', work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (isHttpError(error)) throw error;
    throw writeError(plan, error, action) ?? error;
  }
}

export function createRecord(
  ctx: RequestContext,
  plan: LevelPlan,
  record: ValidatedRecord,
): Promise<ApiRecord> {
  return guarded(plan, 'write', () =>
    ctx.db.transaction(async (tx) => {
      await tagWritePath(tx, ctx.writePath ?? 'api', ctx.actor.userId);
      await hook(ctx, plan, 'beforeCreate', tx, { data: hookData(plan, record) });
      const values = await attachMediaFiles(tx, plan, record.write.values, ctx.actor);
      const id = await insertRow(tx, plan, record.write, ctx.actor);
      await insertChildRows(tx, plan.shape, id, values);
      const created = await readBack(tx, plan, id);
      await hook(ctx, plan, 'afterCreate', tx, { record: created });
      return created;
    }),
  );
}

const stale = (plan: LevelPlan, id: string, current: number) =>
  conflict(
    'stale_row_version',
    `${recordName(plan)} ${id} a été modifié depuis sa lecture (version actuelle : ${current}) : rechargez-le.`,
    { path: '/row_version', current_row_version: current },
  );

export function updateRecord(
  ctx: RequestContext,
  plan: LevelPlan,
  id: string,
  record: ValidatedRecord,
): Promise<ApiRecord> {
  const rowVersion = record.rowVersion ?? 0;
  return guarded(plan, 'write', () =>
    ctx.db.transaction(async (tx) => {
      await tagWritePath(tx, ctx.writePath ?? 'api', ctx.actor.userId);
      // With update hooks, the record is locked and read first: allowed, current, and shown as it was.
      let previous: ApiRecord | undefined;
      if (hooked(ctx, plan, 'beforeUpdate', 'afterUpdate')) {
        const current = await currentVersion(ctx, tx, plan, id, 'update', true);
        if (current === undefined) throw notFound(recordName(plan), id);
        if (current !== rowVersion) throw stale(plan, id, current);
        previous = await readBack(tx, plan, id);
        await hook(ctx, plan, 'beforeUpdate', tx, { data: hookData(plan, record, id), previous });
      }
      const scope = scopeOf(ctx, plan, 'update');
      const updated = await updateRow(tx, plan, { id, rowVersion }, record.write, ctx.actor, scope);
      if (!updated) {
        const current = await currentVersion(ctx, tx, plan, id, 'update');
        if (current === undefined) throw notFound(recordName(plan), id);
        throw stale(plan, id, current);
      }
      const { kept } = record.write;
      const values = await attachMediaFiles(tx, plan, record.write.values, ctx.actor, { recordId: id, kept });
      await resetValidation(tx, ctx, plan, id);
      await deleteChildRows(tx, plan.shape, id, kept);
      await insertChildRows(tx, plan.shape, id, values, '', kept);
      const written = await readBack(tx, plan, id);
      if (previous) await hook(ctx, plan, 'afterUpdate', tx, { record: written, previous });
      return written;
    }),
  );
}

/** Child records under `id`, by child level key (only levels that have some). */
async function childCounts(db: Queryable, plan: LevelPlan, id: string): Promise<Record<string, number>> {
  if (plan.children.length === 0) return {};
  const module = plan.protocol.code;
  const row =
    (await recordsDb(db)
      .selectNoFrom((eb) =>
        plan.children.map((c, i) =>
          eb
            .selectFrom(tableAs({ schema: module, name: c.key }, 'c'))
            .select(sql<number>`count(*)::integer`.as('n'))
            .where(columnOf('c', c.column), '=', bound(id, 'uuid'))
            .as(`c${i}`),
        ),
      )
      .executeTakeFirst()) ?? {};
  const out: Record<string, number> = {};
  plan.children.forEach((c, i) => {
    const n = Number((row as Record<string, unknown>)[`c${i}`] ?? 0);
    if (n > 0) out[c.key] = n;
  });
  return out;
}

export function removeRecord(
  ctx: RequestContext,
  plan: LevelPlan,
  id: string,
  rowVersion?: number,
): Promise<void> {
  return guarded(plan, 'delete', () =>
    ctx.db.transaction(async (tx) => {
      await tagWritePath(tx, ctx.writePath ?? 'api', ctx.actor.userId);
      const current = await currentVersion(ctx, tx, plan, id, 'delete', true);
      if (current === undefined) throw notFound(recordName(plan), id);
      if (rowVersion !== undefined && rowVersion !== current) throw stale(plan, id, current);
      const children = await childCounts(tx, plan, id);
      if (Object.keys(children).length > 0) {
        const list = Object.entries(children)
          .map(([key, n]) => {
            const level = plan.protocol.levels.find((l) => l.key === key);
            return `${n} ${((n > 1 ? level?.plural.fr : level?.label.fr) ?? key).toLowerCase()}`;
          })
          .join(', ');
        throw conflict(
          'has_children',
          `${recordName(plan)} ${id} a des enregistrements rattachés (${list}) : supprimez-les d’abord.`,
          { path: '', children },
        );
      }
      const deleted = hooked(ctx, plan, 'beforeDelete', 'afterDelete')
        ? await readBack(tx, plan, id)
        : undefined;
      if (deleted) await hook(ctx, plan, 'beforeDelete', tx, { record: deleted });
      await recordsDb(tx)
        .deleteFrom(tableAs(plan.shape.table, 'r'))
        .where(columnOf('r', 'id'), '=', bound(id, 'uuid'))
        .execute();
      await coreDb(tx)
        .insertInto('suivi.deletion_log')
        .values({
          module_code: plan.module,
          level_key: plan.level.key,
          record_id: id,
          deleted_by: ctx.actor.userId,
        })
        .execute();
      if (deleted) await hook(ctx, plan, 'afterDelete', tx, { record: deleted });
    }),
  );
}
