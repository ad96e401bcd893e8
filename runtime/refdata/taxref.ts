/**
 * `suivi refdata taxref <file>`: TAXREF names into ref.taxon, streamed line by line and upserted in
 * batches, all in one transaction: a bad line anywhere leaves the table as it was, and the error names
 * the line. Batches are one `INSERT … SELECT FROM unnest($1::integer[], …) ON CONFLICT (cd_nom) DO
 * UPDATE`: one array parameter per column, whatever the batch size, so neither the 65,535-parameter
 * limit nor statement text size grows with it (and no COPY dependency is needed; see bench/taxref.ts).
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import type { Database, Queryable } from '../db/database.ts';
import { ident } from '../db/database.ts';
import { createProgress, type Progress, type ProgressSink } from './progress.ts';
import { RefdataError } from './refdata-error.ts';
import {
  IncompleteLine,
  LineError,
  parseHeader,
  parseLine,
  type TaxonValue,
  type TaxrefLayout,
  type WrittenColumn,
} from './taxref-format.ts';

const BATCH = 5000;
const INTEGER: ReadonlySet<WrittenColumn> = new Set(['cd_nom', 'cd_ref', 'cd_sup']);

function upsertSql(layout: TaxrefLayout, onConflict: 'update' | 'nothing'): string {
  const columns = layout.written.map(ident).join(', ');
  const arrays = layout.written.map((c, i) => `$${i + 1}::${INTEGER.has(c) ? 'integer' : 'text'}[]`);
  // Only the file's columns are updated: a short extract (the demo taxa) keeps what a full TAXREF set.
  const updates = layout.written
    .filter((c) => c !== 'cd_nom')
    .map((c) => `${ident(c)} = EXCLUDED.${ident(c)}`)
    .join(', ');
  return `INSERT INTO ref.taxon (${columns}) SELECT * FROM unnest(${arrays.join(', ')})
    ON CONFLICT (cd_nom) DO ${onConflict === 'update' ? `UPDATE SET ${updates}` : 'NOTHING'}`;
}

export interface TaxrefLoadOptions {
  /** For messages (default: "<lines>"). */
  readonly name?: string;
  /** `nothing` keeps names already in the table as they are (a seed must not overwrite a full TAXREF). */
  readonly onConflict?: 'update' | 'nothing';
  /** Called after each batch with rows so far. */
  readonly onBatch?: (rows: number) => void;
}

export interface TaxrefLoad {
  /** Names written. */
  readonly rows: number;
  /** Lines without a scientific name, skipped: how many, and the first line numbers. */
  readonly skipped: { readonly count: number; readonly lines: readonly number[] };
}

/** Loads lines (header first) into ref.taxon through `tx`. */
export async function loadTaxrefLines(
  tx: Queryable,
  lines: AsyncIterable<string> | Iterable<string>,
  options: TaxrefLoadOptions = {},
): Promise<TaxrefLoad> {
  const name = options.name ?? '<lines>';
  let layout: TaxrefLayout | undefined;
  let sql = '';
  // A batch keyed by cd_nom: a name repeated within one batch would make ON CONFLICT fail ("cannot
  // affect row a second time"); the later line wins, as it would across batches.
  let batch = new Map<number, TaxonValue[]>();
  let rows = 0;
  let lineNumber = 0;
  const skipped = { count: 0, lines: [] as number[] };
  const flush = async () => {
    if (batch.size === 0 || !layout) return;
    const columns = layout.written.map((_, i) => [...batch.values()].map((row) => row[i] ?? null));
    await tx.query(sql, columns);
    batch = new Map();
    options.onBatch?.(rows);
  };
  for await (const line of lines) {
    lineNumber += 1;
    if (line.trim() === '') continue;
    try {
      if (!layout) {
        layout = parseHeader(line);
        sql = upsertSql(layout, options.onConflict ?? 'update');
        continue;
      }
      const values = parseLine(layout, line);
      batch.set(values[0] as number, values);
    } catch (error) {
      if (error instanceof IncompleteLine) {
        skipped.count += 1;
        if (skipped.lines.length < 10) skipped.lines.push(lineNumber);
        continue;
      }
      if (error instanceof LineError) throw new RefdataError(name, lineNumber, error.message);
      throw error;
    }
    rows += 1;
    if (batch.size >= BATCH) await flush();
  }
  if (!layout) throw new RefdataError(name, undefined, 'the file is empty');
  await flush();
  return { rows, skipped };
}

export interface TaxrefImport extends TaxrefLoad {
  readonly seconds: number;
}

/** Streams a TAXREF file into ref.taxon in one transaction, with progress on `progress` (e.g. stderr). */
export async function importTaxrefFile(
  db: Database,
  file: string,
  options: { readonly progress?: ProgressSink } = {},
): Promise<TaxrefImport> {
  const size = await stat(file).then(
    (s) => s.size,
    () => {
      throw new RefdataError(file, undefined, 'cannot read the file');
    },
  );
  const started = performance.now();
  const input = createReadStream(file, { encoding: 'utf8' });
  const progress: Progress | undefined = options.progress
    ? createProgress({ label: 'taxref', total: size, sink: options.progress })
    : undefined;
  try {
    const load = await db.transaction(async (tx) => {
      const lines = createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY });
      const loaded = await loadTaxrefLines(tx, lines, {
        name: file,
        onBatch: (n) => progress?.update(n, input.bytesRead),
      });
      // Fresh statistics, so the planner uses the name indexes right away.
      await tx.exec('ANALYZE ref.taxon');
      return loaded;
    });
    progress?.finish(load.rows);
    return { ...load, seconds: (performance.now() - started) / 1000 };
  } finally {
    input.destroy();
  }
}
