/**
 * Creates with a client id are idempotent (README, "Ids"; docs/offline.md): an offline client whose
 * answer was lost sends the same create again, and must neither get a duplicate nor an error it cannot
 * act on. A record the caller may read that already holds the id and holds what the body resolves to
 * is answered as the create (200, nothing written: no hook, no history row, no new row_version); any
 * other holder (another body, or a record the caller cannot read) is one 409 `id_conflict`, whoever it
 * is, so the answer never tells that another organisation holds the id. The id of a deleted record
 * (suivi.deletion_log) is held too: replaying an outbox that created then deleted a record must not
 * bring it back.
 *
 * The comparison is of what the body sets once the server has resolved it (visibleIf clearing,
 * defaults) against the stored record, both as a GET returns them: the candidate's column values go
 * through the same casts and reads as stored ones (a time `08:00:00` is `08:00`, a date-time's offset,
 * a geometry's GeoJSON), media compare by file, title and author (the server completes the rest),
 * several references as a set. Fields the client cannot set (computed, read-only) are not compared:
 * they are the server's, and a clock rule would make a replay the next day look like another body.
 */
import { coreDb } from '../../db/core-database.ts';
import type { Database } from '../../db/database.ts';
import { isHttpError } from '../../http/errors.ts';
import { idConflict } from '../db-errors.ts';
import type { LevelPlan } from '../model/module-plan.ts';
import type { RecordShape } from '../model/record-shape.ts';
import type { ApiRecord } from '../read/read-records.ts';
import { rowValues, type SelectColumn, selection } from '../read/select-list.ts';
import { readColumn, writeCast, writeValue } from '../sql/column-sql.ts';
import { recordsDb } from '../sql/dynamic.ts';
import { sameValue } from '../validate/same-value.ts';
import type { ValidatedRecord } from '../validate/validate-record.ts';
import type { RecordWrite } from '../write/record-row.ts';
import type { RequestContext } from './context.ts';
import { findRecord } from './read.ts';
import { createRecord } from './write.ts';

export interface Created {
  readonly record: ApiRecord;
  /** True when the id's record already held this body: nothing was written (200, not 201). */
  readonly replayed: boolean;
}

/** Creates the record, or answers a replay of its create; 409 `id_conflict` when the id is held otherwise. */
export async function createOrReplay(
  ctx: RequestContext,
  plan: LevelPlan,
  record: ValidatedRecord,
): Promise<Created> {
  const id = record.write.id;
  if (id === undefined) return { record: await createRecord(ctx, plan, record), replayed: false };
  const held = await heldBy(ctx, plan, record.write, id);
  if (held) return held;
  // A deleted record's id is not given again: a replayed outbox [create, delete] would bring it back.
  if (await wasDeleted(ctx, plan, id)) throw idConflict();
  try {
    return { record: await createRecord(ctx, plan, record), replayed: false };
  } catch (error) {
    // Two identical creates at once: the second waited on the first's key and lost. Once the first has
    // committed, its record answers the second as a replay.
    if (!isHttpError(error) || error.code !== 'id_conflict') throw error;
    const now = await heldBy(ctx, plan, record.write, id);
    if (now) return now;
    throw error;
  }
}

async function wasDeleted(ctx: RequestContext, plan: LevelPlan, id: string): Promise<boolean> {
  const row = await coreDb(ctx.db)
    .selectFrom('suivi.deletion_log')
    .select('id')
    .where('module_code', '=', plan.module)
    .where('level_key', '=', plan.level.key)
    .where('record_id', '=', id)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/** The replay answer when a readable record holds `id` with these values; 409 when it holds others. */
async function heldBy(
  ctx: RequestContext,
  plan: LevelPlan,
  write: RecordWrite,
  id: string,
): Promise<Created | undefined> {
  const stored = await findRecord(ctx, plan, id);
  if (!stored) return undefined;
  if (!(await sameAsStored(ctx.db, plan, write, stored))) throw idConflict();
  return { record: stored, replayed: true };
}

/** Whether `write` (a validated create) holds what `stored` holds: links, geometry, settable fields. */
export async function sameAsStored(
  db: Database,
  plan: LevelPlan,
  write: RecordWrite,
  stored: ApiRecord,
): Promise<boolean> {
  const lower = (v: unknown) => (typeof v === 'string' ? v.toLowerCase() : (v ?? null));
  for (const p of plan.parents) if (lower(write.links[p.column]) !== lower(stored[p.column])) return false;
  const reads = new Reads();
  const geometry = plan.hasGeometry ? reads.add(write.geometry, { geometry: 'any' }) : undefined;
  const candidate = comparable(plan.shape, write.values, reads);
  let values: unknown[];
  try {
    values = await reads.run(db);
  } catch {
    return false; // A value no column takes was never stored: not the stored record.
  }
  if (geometry !== undefined && !sameValue(values[geometry], stored.geometry ?? null)) return false;
  const settle = (v: unknown): unknown =>
    v instanceof Pending
      ? values[v.index]
      : Array.isArray(v)
        ? v.map(settle)
        : isRow(v)
          ? mapRow(v, settle)
          : v;
  return sameValue(settle(candidate), comparable(plan.shape, stored, undefined));
}

type Row = Readonly<Record<string, unknown>>;
const isRow = (v: unknown): v is Row =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Pending);
const mapRow = (row: Row, f: (v: unknown) => unknown): Row =>
  Object.fromEntries(Object.entries(row).map(([k, v]) => [k, f(v)]));
const listOf = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === null || v === undefined ? [] : [v]);
const member = (o: unknown, key: string): unknown =>
  isRow(o) && Object.hasOwn(o, key) ? (o[key] ?? null) : null;
const orNull = (list: readonly unknown[]) => (list.length > 0 ? list : null);

/** A candidate column value, read back by the database (`Reads`). */
class Pending {
  constructor(readonly index: number) {}
}

/** Candidate column values cast to their column types and read back as a GET reads them, in one query. */
class Reads {
  private readonly columns: SelectColumn[] = [];
  add(value: unknown, type: Parameters<typeof writeCast>[1]): number {
    const index = this.columns.length;
    this.columns.push({
      alias: `v${index}`,
      read: readColumn(writeCast(writeValue(value, type), type), type),
    });
    return index;
  }
  async run(db: Database): Promise<unknown[]> {
    const out: unknown[] = [];
    // PostgreSQL takes at most 1,664 columns in a SELECT list.
    for (let start = 0; start < this.columns.length; start += 1_000) {
      const part = this.columns.slice(start, start + 1_000);
      const row = await recordsDb(db)
        .selectNoFrom(selection(part) as never)
        .executeTakeFirst();
      const values = rowValues(part, (row ?? {}) as Row);
      for (const c of part) out.push(values[c.alias] ?? null);
    }
    return out;
  }
}

/**
 * The settable fields of a record (or a group row) in the form both sides compare in: column values as
 * read (with `reads`, the candidate's go through the database; without, they are the stored record's),
 * child-table values in their stored order or as a set.
 */
function comparable(shape: RecordShape, values: Row, reads: Reads | undefined): Row {
  const out: Record<string, unknown> = {};
  for (const store of shape.stores) {
    const { field } = store;
    if (store.kind === 'none' || field.computed || field.readOnly) continue;
    const value = values[field.key] ?? null;
    switch (store.kind) {
      case 'column':
        out[field.key] = reads && value !== null ? new Pending(reads.add(value, store.type)) : value;
        break;
      case 'references':
        out[field.key] = orNull(
          listOf(value)
            .map((id) => String(id).toLowerCase())
            .sort(),
        );
        break;
      case 'observers': {
        const list = listOf(value).map((o) => {
          const user = member(o, 'user_id');
          const name = member(o, 'name');
          return {
            ...(user === null ? {} : { user_id: String(user).toLowerCase() }),
            ...(name === null ? {} : { name }),
          };
        });
        out[field.key] = store.field.multiple ? orNull(list) : (list[0] ?? null);
        break;
      }
      case 'media':
        out[field.key] = orNull(
          listOf(value).map((m) => ({
            storage_key: member(m, 'storage_key'),
            title: member(m, 'title'),
            author: member(m, 'author'),
          })),
        );
        break;
      case 'group':
        out[field.key] = orNull(
          listOf(value).map((row) => comparable(store.rows, isRow(row) ? row : {}, reads)),
        );
        break;
    }
  }
  return out;
}
