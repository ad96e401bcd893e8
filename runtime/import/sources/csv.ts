/**
 * CSV rows, streamed: the file decoded by iconv-lite (its BOM dropped), parsed by csv-parse with the
 * row length left free, so a row with too many or too few cells is reported as that row's problem
 * instead of stopping the file.
 */
import { createReadStream } from 'node:fs';
import { parse } from 'csv-parse';
import iconv from 'iconv-lite';
import { cellsOf, columnNames, type RowSource, type SourceRow } from './types.ts';

export interface CsvOptions {
  readonly encoding: 'utf-8' | 'windows-1252';
  readonly delimiter: string;
  readonly header_row: number;
}

function parser(path: string, options: CsvOptions) {
  return createReadStream(path)
    .pipe(iconv.decodeStream(options.encoding, { stripBOM: true }))
    .pipe(
      parse({
        delimiter: options.delimiter,
        relax_column_count: true,
        relax_quotes: true,
        skip_empty_lines: false,
        bom: true,
      }),
    );
}

export async function csvSource(path: string, options: CsvOptions): Promise<RowSource> {
  let columns: string[] = [];
  let line = 0;
  const header = parser(path, options);
  for await (const record of header as AsyncIterable<string[]>) {
    line++;
    if (line === options.header_row) {
      columns = columnNames(record);
      break;
    }
  }
  header.destroy();
  return {
    columns,
    async *rows(): AsyncIterable<SourceRow> {
      let at = 0;
      let row = 0;
      for await (const record of parser(path, options) as AsyncIterable<string[]>) {
        at++;
        if (at <= options.header_row) continue;
        row++;
        // A line holding one empty cell is a blank line, not a short row.
        const blank = record.length === 1 && record[0] === '';
        const cells = cellsOf(columns, record);
        yield blank || record.length === columns.length
          ? { row, cells }
          : { row, cells, cellCount: { expected: columns.length, found: record.length } };
      }
    },
  };
}
