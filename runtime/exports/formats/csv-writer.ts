/**
 * CSV (RFC 4180: CRLF, a field quoted when it holds the separator, a quote or a line break), with `;`
 * for a French Excel and an optional UTF-8 byte-order mark. Booleans as true/false, numbers as
 * JavaScript writes them (a dot for decimals, whatever the separator: the file stays machine-readable).
 */
import type { ExportColumn } from '../export-columns.ts';
import type { ExportRow } from '../export-rows.ts';
import type { Sink } from '../sink.ts';

export function csvCell(value: string | number | boolean | null, separator: string): string {
  if (value === null) return '';
  const text = String(value);
  return text.includes(separator) || /["\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export interface CsvShape {
  readonly separator: ',' | ';';
  readonly bom: boolean;
}

export async function writeCsv(
  sink: Sink,
  columns: readonly ExportColumn[],
  batches: AsyncIterable<readonly ExportRow[]>,
  shape: CsvShape,
  progress: (rows: number) => Promise<void> | void = () => {},
): Promise<number> {
  const line = (cells: readonly (string | number | boolean | null)[]) =>
    `${cells.map((c) => csvCell(c, shape.separator)).join(shape.separator)}\r\n`;
  await sink.write(`${shape.bom ? '\uFEFF' : ''}${line(columns.map((c) => c.header))}`);
  let count = 0;
  for await (const batch of batches) {
    await sink.write(batch.map((row) => line(row.values)).join(''));
    count += batch.length;
    await progress(count);
  }
  return count;
}
