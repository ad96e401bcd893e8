/**
 * One import, start to end: the template checked, the file streamed in batches (memory bounded by the
 * batch, whatever the file's size), each batch converted with set-wise lookups, its rows' ancestors
 * found or created, its new target records validated by the record API's code and written set-wise
 * (batch-writer.ts), the rest (upserts, levels the batch path cannot write) through the record
 * operations row by row, each write a savepoint of one transaction. Modes: insert, upsert (on the target
 * level's `match`), replace (the provider's records of earlier jobs of this template deleted first).
 * A dry run, or an all-or-nothing import with a refused row, rolls the whole transaction back: nothing
 * changes; the counts and problems say what would have happened.
 */
import { createHash } from 'node:crypto';
import type { Database } from '../../db/database.ts';
import type { AccessScope, Actor } from '../../records/access.ts';
import type { RecordHooks } from '../../records/hooks.ts';
import type { LevelPlan, ModulePlan } from '../../records/model/module-plan.ts';
import { recordOperations } from '../../records/operations.ts';
import { clockAt } from '../../records/validate/rule-context.ts';
import { type ConvertedRow, convertRows } from '../convert/bodies.ts';
import { isNullText } from '../convert/values.ts';
import { IMPORT_WORDS, type Words } from '../import-i18n.ts';
import { openRows, type SourceRow } from '../sources/index.ts';
import type {
  ImportAtomicity,
  ImportCounts,
  ImportMode,
  ImportSourceOptions,
  ImportTemplate,
} from '../template.ts';
import { batchable, batchWriter } from './batch-writer.ts';
import { nestedDatabase } from './nested-db.ts';
import type { ProblemSpool } from './problem-spool.ts';
import { deleteEarlierBatch } from './replace.ts';
import { type PendingCreate, type RowOutcome, type RowWriter, rowWriter } from './row-writer.ts';
import { importStaging, keyHash } from './staging.ts';
import { checkTemplate } from './template-check.ts';
import { jobLinks } from './write-row.ts';

export interface ImportRunOptions {
  readonly db: Database;
  readonly modules: ReadonlyMap<string, ModulePlan>;
  readonly actor: Actor;
  readonly access: AccessScope;
  readonly hooks?: RecordHooks;
  readonly template: ImportTemplate;
  /** The template's source options resolved against the file (resolveSourceOptions). */
  readonly source: ImportSourceOptions;
  readonly path: string;
  readonly mode: ImportMode;
  readonly atomicity: ImportAtomicity;
  readonly dryRun: boolean;
  readonly jobId: string;
  readonly problems: ProblemSpool;
  readonly batchSize?: number;
  readonly onProgress?: (rowsDone: number) => void;
}

export interface ImportOutcome {
  readonly counts: ImportCounts;
  readonly unmatchedTaxa: string[];
  /** Set when nothing was written although rows were valid (all-or-nothing with refused rows). */
  readonly notWritten?: Words;
}

class RollBack extends Error {}

const blank = (row: SourceRow, nulls: ImportTemplate['conventions']) =>
  !row.geometry && Object.values(row.cells).every((c) => isNullText(c, nulls ?? {}));

export async function runImport(options: ImportRunOptions): Promise<ImportOutcome> {
  const rows = await openRows(options.path, options.source);
  const chain = checkTemplate(options.modules, options.template, rows.columns);
  const module = options.modules.get(options.template.module) as ModulePlan;
  const counts = { rows_read: 0, inserted: 0, updated: 0, rejected: 0, skipped: 0 };
  const unmatched = new Set<string>();
  const batchSize = options.batchSize ?? 1000;
  const targetPlan = module.levels.get(options.template.level) as LevelPlan;
  // Upserts look records up row by row, so a row must see the rows before it written: row path.
  const setWise = options.mode !== 'upsert' && batchable(targetPlan, options.hooks);

  const work = async (tx: Parameters<Parameters<Database['transaction']>[0]>[0]) => {
    const db = nestedDatabase(tx, options.db.engine);
    const ops = recordOperations({
      db,
      modules: options.modules,
      actor: options.actor,
      access: options.access,
      // The record history (core migration 0011) says the import wrote these rows.
      writePath: 'import',
      ...(options.hooks ? { hooks: options.hooks } : {}),
    });
    const links = jobLinks(db, options.jobId);
    const staging = await importStaging(db);
    const writer: RowWriter = rowWriter({
      links,
      // An ancestor alone through the batch writer: the same checks, fewer statements than the row path.
      createAncestor: async (pending) =>
        batchable(pending.target.plan, options.hooks)
          ? ((await batchCreates.createAll([pending]))[0] as RowOutcome)
          : writer.create(pending),
      db,
      ops,
      module,
      chain,
      template: options.template,
      mode: options.mode,
      access: options.access,
      staging,
    });
    if (options.mode === 'replace')
      await deleteEarlierBatch({ db, ops, module, template: options.template, jobId: options.jobId });
    const batchCreates = batchWriter({
      db,
      module,
      actor: options.actor,
      access: options.access,
      // The clock the record operations read (recordOperations: now, the server's time zone).
      clock: clockAt(new Date(), undefined, options.actor.userId),
      links,
      createOne: (pending) => writer.create(pending),
    });
    /** The row's outcome, or the target record it creates (written set-wise with its batch). */
    const resolve = async (converted: ConvertedRow): Promise<RowOutcome | { create: PendingCreate }> => {
      if (converted.problems.length > 0) return { problems: converted.problems };
      return setWise ? writer.resolve(converted) : writer.write(converted);
    };
    const report = (source: SourceRow, outcome: RowOutcome) => {
      if ('problems' in outcome) {
        counts.rejected++;
        for (const p of outcome.problems) {
          options.problems.add(p, source.cells);
          if (p.code === 'taxon_not_found' && p.value && unmatched.size < 1000) unmatched.add(p.value);
        }
      } else counts[outcome.action]++;
    };
    let batch: SourceRow[] = [];
    const flush = async () => {
      const rows: ConvertedRow[] = [];
      const converted = await convertRows(
        { db, protocol: module.protocol, template: options.template, levels: chain },
        batch,
      );
      const first = await staging.firstSeen(
        converted.map((c) => {
          const key = writer.dedupKey(c);
          return key === undefined ? fingerprint(c.source) : keyHash(key);
        }),
      );
      for (const [i, c] of converted.entries()) {
        if (first[i]) rows.push(c);
        else counts.skipped++;
      }
      // Every mode finds a batch's ancestors together; the upsert's row path then finds them known.
      await writer.prepareAncestors(
        rows.filter((r) => r.problems.length === 0),
        async (pending) => {
          const first = pending[0];
          if (!first || batchable(first.target.plan, options.hooks)) return batchCreates.createAll(pending);
          const out: RowOutcome[] = [];
          for (const p of pending) out.push(await writer.create(p));
          return out;
        },
      );
      const resolved: { source: SourceRow; outcome: RowOutcome | { create: PendingCreate } }[] = [];
      for (const converted of rows)
        resolved.push({ source: converted.source, outcome: await resolve(converted) });
      const creates = resolved.flatMap((r) => ('create' in r.outcome ? [r.outcome.create] : []));
      const created = await batchCreates.createAll(creates);
      let next = 0;
      // Reported in the file's order, whichever path wrote the row.
      for (const r of resolved)
        report(r.source, 'create' in r.outcome ? (created[next++] as RowOutcome) : r.outcome);
      batch = [];
      options.onProgress?.(counts.rows_read);
    };
    for await (const row of rows.rows()) {
      counts.rows_read++;
      if (blank(row, options.template.conventions)) {
        counts.skipped++;
        continue;
      }
      batch.push(row);
      if (batch.length >= batchSize) await flush();
    }
    await flush();
    if (options.dryRun || (options.atomicity === 'all_or_nothing' && counts.rejected > 0))
      throw new RollBack();
  };

  try {
    await options.db.transaction(work);
  } catch (error) {
    if (!(error instanceof RollBack)) throw error;
  }
  const notWritten =
    !options.dryRun && options.atomicity === 'all_or_nothing' && counts.rejected > 0
      ? IMPORT_WORDS.allOrNothing(counts.rejected)
      : undefined;
  return { counts, unmatchedTaxa: [...unmatched].sort(), ...(notWritten ? { notWritten } : {}) };
}

/** A row's identity for deduplication when the target level has no key: its cells, hashed. */
function fingerprint(row: SourceRow): string {
  return createHash('sha1')
    .update(JSON.stringify([row.cells, row.geometry ?? null]))
    .digest('base64');
}
