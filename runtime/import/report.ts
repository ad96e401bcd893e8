/**
 * The job's report: every problem on a line, beside the row's original cells, as CSV (UTF-8 with a BOM,
 * so spreadsheet programs read the accents) or XLSX (exceljs's streaming writer). Problems are read
 * from the database page by page: memory stays flat however many there are.
 */
import { PassThrough, Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { Queryable } from '../db/database.ts';
import { jobProblems, type StoredProblem } from './jobs/job-store.ts';

export type ReportFormat = 'csv' | 'xlsx';

const FIXED = [
  'ligne / row',
  'niveau / level',
  'champ / field',
  'colonne / column',
  'code',
  'message (fr)',
  'message (en)',
  'valeur / value',
];

async function* pages(db: Queryable, jobId: string): AsyncIterable<StoredProblem> {
  let after = 0;
  for (;;) {
    const page = await jobProblems(db, jobId, 1000, after);
    if (page.length === 0) return;
    yield* page;
    after += page.length;
  }
}

const fixedCells = (p: StoredProblem) => [
  String(p.row),
  p.level,
  p.field,
  p.column ?? '',
  p.code,
  p.message.fr,
  p.message.en,
  p.value ?? '',
];

async function* lines(db: Queryable, jobId: string): AsyncIterable<string[]> {
  let columns: string[] | undefined;
  for await (const p of pages(db, jobId)) {
    if (!columns) {
      columns = Object.keys(p.cells);
      yield [...FIXED, ...columns];
    }
    yield [...fixedCells(p), ...columns.map((c) => p.cells[c] ?? '')];
  }
  if (!columns) yield FIXED;
}

const csvCell = (v: string) => (/[",\r\n;]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);

export function reportStream(db: Queryable, jobId: string, format: ReportFormat): ReadableStream<Uint8Array> {
  if (format === 'csv') {
    const text = async function* () {
      yield '\uFEFF';
      for await (const line of lines(db, jobId)) yield `${line.map(csvCell).join(',')}\r\n`;
    };
    return Readable.toWeb(Readable.from(text())) as ReadableStream<Uint8Array>;
  }
  const out = new PassThrough();
  (async () => {
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
      stream: out,
      useStyles: false,
      useSharedStrings: false,
    });
    const sheet = workbook.addWorksheet('Problèmes');
    for await (const line of lines(db, jobId)) sheet.addRow(line).commit();
    sheet.commit();
    await workbook.commit();
  })().catch((error: unknown) => out.destroy(error instanceof Error ? error : new Error(String(error))));
  return Readable.toWeb(out) as ReadableStream<Uint8Array>;
}
