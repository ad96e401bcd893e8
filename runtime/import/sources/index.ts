/**
 * Opening a file as rows: the format from the options or the file name, everything the options leave
 * out detected (encoding, delimiter, first sheet, header on row 1), and the options as used returned so
 * the caller can show and keep them.
 */
import { extname } from 'node:path';
import iconv from 'iconv-lite';
import type { ImportFormat, ImportSourceOptions } from '../template.ts';
import { csvSource } from './csv.ts';
import { detectDelimiter, detectEncoding, readSample } from './detect.ts';
import { geojsonSource } from './geojson.ts';
import type { RowSource } from './types.ts';
import { xlsxSheets, xlsxSource } from './xlsx.ts';

export { GeoJsonError } from './geojson.ts';
export type { RowSource, SourceRow } from './types.ts';

const BY_EXTENSION: Readonly<Record<string, ImportFormat>> = {
  '.csv': 'csv',
  '.txt': 'csv',
  '.tsv': 'csv',
  '.xlsx': 'xlsx',
  '.geojson': 'geojson',
  '.json': 'geojson',
};

/** The format of `name` by its extension; CSV when unknown. */
export const formatOf = (name: string): ImportFormat => BY_EXTENSION[extname(name).toLowerCase()] ?? 'csv';

/** `source` with every detectable option filled in from the file. */
export async function resolveSourceOptions(
  path: string,
  fileName: string,
  source: Partial<ImportSourceOptions> = {},
): Promise<ImportSourceOptions & { readonly sheets?: readonly string[] }> {
  const format = source.format ?? formatOf(fileName);
  const header_row = source.header_row ?? 1;
  if (format === 'csv') {
    const sample = await readSample(path);
    const encoding = source.encoding ?? detectEncoding(sample);
    const delimiter = source.delimiter ?? detectDelimiter(iconv.decode(sample, encoding));
    return { format, encoding, delimiter, header_row };
  }
  if (format === 'xlsx') {
    const sheets = await xlsxSheets(path);
    const sheet = source.sheet && sheets.includes(source.sheet) ? source.sheet : sheets[0];
    return { format, header_row, sheets, ...(sheet === undefined ? {} : { sheet }) };
  }
  return { format };
}

/** The file's rows as `source` says (resolved: resolveSourceOptions). */
export function openRows(path: string, source: ImportSourceOptions): Promise<RowSource> {
  const header_row = source.header_row ?? 1;
  switch (source.format) {
    case 'csv':
      return csvSource(path, {
        encoding: source.encoding ?? 'utf-8',
        delimiter: source.delimiter ?? ',',
        header_row,
      });
    case 'xlsx':
      return xlsxSource(path, { header_row, ...(source.sheet ? { sheet: source.sheet } : {}) });
    case 'geojson':
      return geojsonSource(path);
  }
}
