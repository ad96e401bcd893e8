/**
 * The batch path for the target level's new records: the rows of a batch validated by the record API's
 * own `validateRecord` (the very function `validate` and `create` call, so same checks, codes and
 * messages), their parents read beforehand for the whole batch (parent-preload.ts), their other
 * database reads answered once per distinct statement for the batch (reading-cache.ts), then every
 * valid record written with one INSERT from arrays (`insertRows`, each value cast as `insertRow` casts it),
 * its child-table rows (one INSERT per child table for the batch) and the job's links, in one
 * savepoint. When that write fails (a constraint no check foresaw), the savepoint is rolled back and
 * the batch replayed row by row through the record operations, which name each refusal.
 * Media items are attached as `createRecord` attaches them (`attachMediaFiles`, no query when a record
 * has none; a refusal fails the batch, replayed). Levels the batch cannot write exactly as the API
 * would (lifecycle hooks, a reference to its own level, which an earlier row of the batch could
 * satisfy) always take the row path.
 */
import { randomUUID } from 'node:crypto';
import type { Database } from '../../db/database.ts';
import { tagWritePath } from '../../history/write-path.ts';
import type { AccessScope, Actor } from '../../records/access.ts';
import type { RecordHooks } from '../../records/hooks.ts';
import type { LevelPlan, ModulePlan } from '../../records/model/module-plan.ts';
import type { RecordShape } from '../../records/model/record-shape.ts';
import type { Clock } from '../../records/validate/rule-context.ts';
import { type ValidatedRecord, validateRecord } from '../../records/validate/validate-record.ts';
import { insertChildRowsOfMany } from '../../records/write/child-rows.ts';
import { insertRows } from '../../records/write/insert-rows.ts';
import { attachMediaFiles } from '../../records/write/media-files.ts';
import { preloadParents } from './parent-preload.ts';
import { readingCache } from './reading-cache.ts';
import type { PendingCreate, RowOutcome } from './row-writer.ts';
import { type LinkWriter, refusalProblems } from './write-row.ts';

export interface BatchWriterOptions {
  readonly db: Database;
  readonly module: ModulePlan;
  readonly actor: Actor;
  readonly access: AccessScope;
  readonly clock: Clock;
  readonly links: LinkWriter;
  /** The row path: a record created through the record operations (the fallback). */
  readonly createOne: (pending: PendingCreate) => Promise<RowOutcome>;
}

const WRITE_EVENTS = ['beforeCreate', 'afterCreate'] as const;

/** Whether a shape references `level` anywhere (group rows included). */
function needsRowPath(shape: RecordShape, level: string): boolean {
  return shape.stores.some(
    (s) =>
      (s.field.kind === 'reference' && s.field.level === level) ||
      (s.kind === 'group' && needsRowPath(s.rows, level)),
  );
}

/** Whether the batch path writes `plan`'s records exactly as the record operations would. */
export function batchable(plan: LevelPlan, hooks: RecordHooks | undefined): boolean {
  if (WRITE_EVENTS.some((e) => hooks?.has(plan.module, plan.level.key, e))) return false;
  return !needsRowPath(plan.shape, plan.level.key);
}

const hasChildStores = (shape: RecordShape) =>
  shape.stores.some((s) => s.kind !== 'column' && s.kind !== 'none');

export function batchWriter(o: BatchWriterOptions) {
  return {
    /** The outcome of each pending create, in order. */
    async createAll(pending: readonly PendingCreate[]): Promise<RowOutcome[]> {
      const first = pending[0];
      if (!first) return [];
      const plan = first.target.plan;
      const parents = await preloadParents(
        o.db,
        o.module,
        o.access,
        plan,
        pending.map((p) => p.body),
      );
      const context = { db: readingCache(o.db), module: o.module, access: o.access, clock: o.clock, parents };
      const outcomes: (RowOutcome | undefined)[] = [];
      const valid: { index: number; record: ValidatedRecord & { write: { id: string } } }[] = [];
      for (const [index, p] of pending.entries()) {
        try {
          const record = await validateRecord(context, plan, 'create', p.body);
          valid.push({
            index,
            record: { ...record, write: { ...record.write, id: record.write.id ?? randomUUID() } },
          });
          outcomes.push(undefined);
        } catch (error) {
          outcomes.push({ problems: refusalProblems(error, p.target.row, plan.level, p.target.columns) });
        }
      }
      const written = await writeSetWise(
        o,
        plan,
        valid.map((v) => v.record),
      );
      for (const v of valid) {
        const p = pending[v.index] as PendingCreate;
        outcomes[v.index] = written ? { action: 'inserted', id: v.record.write.id } : await o.createOne(p);
      }
      return outcomes as RowOutcome[];
    },
  };
}

/** The valid records in one savepoint; false (rolled back) when the database refuses any of them. */
async function writeSetWise(
  o: BatchWriterOptions,
  plan: LevelPlan,
  records: readonly (ValidatedRecord & { write: { id: string } })[],
): Promise<boolean> {
  if (records.length === 0) return true;
  try {
    await o.db.transaction(async (tx) => {
      await tagWritePath(tx, 'import', o.actor.userId);
      const versions = await insertRows(
        tx,
        plan,
        records.map((r) => r.write),
        o.actor,
      );
      if (hasChildStores(plan.shape)) {
        const children = [];
        for (const r of records)
          children.push({
            recordId: r.write.id,
            values: await attachMediaFiles(tx, plan, r.write.values, o.actor),
          });
        // The batch's child-table rows together: one INSERT per child table.
        await insertChildRowsOfMany(tx, plan.shape, children);
      }
      await o.links.linkInserted(
        plan.level.key,
        records.map((r) => ({ id: r.write.id, rowVersion: versions.get(r.write.id) ?? 1 })),
      );
    });
    return true;
  } catch {
    // Any refusal: the row path names it (and writes the others).
    return false;
  }
}
