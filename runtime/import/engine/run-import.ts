/**
 * One import, start to end: the template checked, the file streamed in batches (memory bounded by the
 * batch, whatever the file's size), each batch converted with set-wise lookups, each row written
 * through the record operations in a savepoint of one transaction. Modes: insert, upsert (on the target
 * level's `match`), replace (the provider's records of earlier jobs of this template deleted first).
 * A dry run, or an all-or-nothing import with a refused row, rolls the whole transaction back: nothing
 * changes; the counts and problems say what would have happened.
 */
import { createHash } from 'node:crypto';
import type { Database } from '../../db/database.ts';
import type { AccessScope, Actor } from '../../records/access.ts';
import type { RecordHooks } from '../../records/hooks.ts';
import type { ModulePlan } from '../../records/model/module-plan.ts';
import { recordOperations } from '../../records/operations.ts';
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
import { nestedDatabase } from './nested-db.ts';
import type { ProblemSpool } from './problem-spool.ts';
import { deleteEarlierBatch } from './replace.ts';
import { type RowWriter, rowWriter } from './row-writer.ts';
import { checkTemplate } from './template-check.ts';

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
  const batchSize = options.batchSize ?? 500;

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
    const writer: RowWriter = rowWriter({
      db,
      ops,
      module,
      chain,
      template: options.template,
      mode: options.mode,
      access: options.access,
      jobId: options.jobId,
    });
    if (options.mode === 'replace')
      await deleteEarlierBatch({ db, ops, module, template: options.template, jobId: options.jobId });
    const seen = new Set<string>();
    const handle = async (converted: ConvertedRow) => {
      const { source } = converted;
      const key = writer.dedupKey(converted) ?? fingerprint(source);
      if (seen.has(key)) {
        counts.skipped++;
        return;
      }
      seen.add(key);
      const outcome =
        converted.problems.length > 0 ? { problems: converted.problems } : await writer.write(converted);
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
      for (const converted of await convertRows(
        { db, protocol: module.protocol, template: options.template, levels: chain },
        batch,
      ))
        await handle(converted);
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
