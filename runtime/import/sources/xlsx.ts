/**
 * XLSX rows, streamed by exceljs's WorkbookReader (never the whole workbook in memory). Cells become
 * text: a date cell 'YYYY-MM-DD' (with 'THH:MM:SS' when it has a time), a number its shortest decimal
 * text, a formula its result, rich text its plain text. Excel serial numbers in number cells are
 * understood later, by the date conversion (convert/values.ts).
 */
import ExcelJS from 'exceljs';
import { cellsOf, columnNames, type RowSource, type SourceRow } from './types.ts';

export interface XlsxOptions {
  readonly sheet?: string;
  readonly header_row: number;
}

const pad = (n: number) => String(n).padStart(2, '0');

function dateText(d: Date): string {
  const day = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  const seconds = d.getUTCHours() * 3600 + d.getUTCMinutes() * 60 + d.getUTCSeconds();
  return seconds === 0
    ? day
    : `${day}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

export function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return dateText(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (typeof value === 'string') return value;
  if (typeof value === 'object') {
    const v = value as {
      richText?: { text: string }[];
      result?: unknown;
      text?: unknown;
      error?: string;
    };
    if (v.richText) return v.richText.map((r) => r.text).join('');
    if ('result' in v) return cellText(v.result);
    if (v.text !== undefined) return cellText(v.text);
    if (v.error) return v.error;
  }
  return String(value);
}

function reader(path: string) {
  return new ExcelJS.stream.xlsx.WorkbookReader(path, {
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    worksheets: 'emit',
    entries: 'ignore',
  });
}

/** The row's cells as texts, 0-based (exceljs's `values` is 1-based with a hole at 0). */
const rowTexts = (values: unknown): string[] =>
  Array.isArray(values) ? Array.from(values.slice(1), (v) => cellText(v)) : [];

interface SheetRows {
  readonly name: string;
  readonly rows: AsyncIterable<{ number: number; values: unknown }>;
}

async function* sheets(path: string): AsyncIterable<SheetRows> {
  for await (const sheet of reader(path) as unknown as AsyncIterable<
    SheetRows & AsyncIterable<{ number: number; values: unknown }>
  >)
    yield { name: sheet.name, rows: sheet };
}

/** The workbook's sheet names, in order (reads the whole file: sheets come one after the other). */
export async function xlsxSheets(path: string): Promise<string[]> {
  const names: string[] = [];
  for await (const sheet of sheets(path)) {
    names.push(sheet.name);
    for await (const _ of sheet.rows) {
      // Drained: the next sheet is only read once this one is.
    }
  }
  return names;
}

export async function xlsxSource(path: string, options: XlsxOptions): Promise<RowSource> {
  const wanted = async function* () {
    let first = true;
    for await (const sheet of sheets(path)) {
      const chosen = options.sheet === undefined ? first : sheet.name === options.sheet;
      first = false;
      if (chosen) {
        yield* sheet.rows;
        return;
      }
      for await (const _ of sheet.rows) {
        // Skipped sheet, drained.
      }
    }
  };
  let columns: string[] = [];
  for await (const r of wanted()) {
    if (r.number === options.header_row) {
      columns = columnNames(rowTexts(r.values));
      break;
    }
    if (r.number > options.header_row) break;
  }
  return {
    columns,
    async *rows(): AsyncIterable<SourceRow> {
      // exceljs skips empty rows: the row number comes from the sheet, blank rows in between are yielded
      // as blank so the counts and the report's row numbers match what the user sees.
      let last = options.header_row;
      for await (const r of wanted()) {
        if (r.number <= options.header_row) continue;
        for (let n = last + 1; n < r.number; n++)
          yield { row: n - options.header_row, cells: cellsOf(columns, []) };
        last = r.number;
        yield { row: r.number - options.header_row, cells: cellsOf(columns, rowTexts(r.values)) };
      }
    },
  };
}
