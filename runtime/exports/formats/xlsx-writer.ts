/**
 * XLSX through exceljs's streaming WorkbookWriter: one sheet per level, a header row in the language
 * asked, typed cells (numbers, booleans, dates as Excel dates), each row committed as soon as it is
 * added so the workbook never holds more than the current row (shared strings off: they would keep
 * every distinct text in memory).
 */
import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { ExportColumn } from '../export-columns.ts';
import type { ExportRow } from '../export-rows.ts';

export interface XlsxSheet {
  readonly name: string;
  readonly columns: readonly ExportColumn[];
  readonly batches: AsyncIterable<readonly ExportRow[]>;
}

/** Excel's sheet-name rules: at most 31 characters, none of []:*?/\ . */
export const sheetName = (name: string) => name.replace(/[[\]:*?/\\]/g, '_').slice(0, 31) || 'export';

function cellValue(column: ExportColumn, value: string | number | boolean | null) {
  if (value === null) return null;
  if (column.type === 'date' && typeof value === 'string') return new Date(`${value}T00:00:00Z`);
  if (column.type === 'datetime' && typeof value === 'string') return new Date(value);
  return value;
}

export async function writeXlsx(
  stream: Writable,
  sheets: readonly XlsxSheet[],
  progress: (rows: number) => Promise<void> | void = () => {},
): Promise<number> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream,
    useStyles: true,
    useSharedStrings: false,
  });
  let count = 0;
  const used = new Set<string>();
  for (const sheet of sheets) {
    let name = sheetName(sheet.name);
    for (let n = 2; used.has(name); n++) name = sheetName(`${sheet.name.slice(0, 27)} ${n}`);
    used.add(name);
    const worksheet = workbook.addWorksheet(name);
    worksheet.columns = sheet.columns.map((c) => ({
      header: c.header,
      key: c.name,
      width: Math.min(40, Math.max(10, c.header.length + 2)),
      ...(c.type === 'date' ? { style: { numFmt: 'yyyy-mm-dd' } } : {}),
      ...(c.type === 'datetime' ? { style: { numFmt: 'yyyy-mm-dd hh:mm:ss' } } : {}),
    }));
    for await (const batch of sheet.batches) {
      for (const row of batch)
        worksheet.addRow(row.values.map((v, i) => cellValue(sheet.columns[i] as ExportColumn, v))).commit();
      count += batch.length;
      await progress(count);
    }
    worksheet.commit();
  }
  await workbook.commit();
  return count;
}
