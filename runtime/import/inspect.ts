/**
 * A first look at a file for the wizard and the CLI: the source options (detected where not given), the
 * sheets of a workbook, the column names and the first 20 data rows.
 */
import { openRows, resolveSourceOptions } from './sources/index.ts';
import type { ImportSourceOptions } from './template.ts';

export const PREVIEW_ROWS = 20;

export interface ImportInspection {
  readonly source: ImportSourceOptions;
  readonly sheets?: string[];
  readonly columns: string[];
  readonly preview: Record<string, string>[];
  readonly has_feature_geometry: boolean;
}

export async function inspectImportFile(
  path: string,
  source?: Partial<ImportSourceOptions>,
  fileName: string = path,
): Promise<ImportInspection> {
  const { sheets, ...resolved } = await resolveSourceOptions(path, fileName, source);
  const rows = await openRows(path, resolved);
  const preview: Record<string, string>[] = [];
  let hasGeometry = false;
  for await (const row of rows.rows()) {
    preview.push({ ...row.cells });
    if (row.geometry) hasGeometry = true;
    if (preview.length >= PREVIEW_ROWS) break;
  }
  return {
    source: resolved,
    ...(sheets ? { sheets: [...sheets] } : {}),
    columns: [...rows.columns],
    preview,
    has_feature_geometry: hasGeometry,
  };
}
