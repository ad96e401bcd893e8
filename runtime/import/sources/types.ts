/**
 * What every source reader yields: one data row at a time (never the whole file), its cells by column
 * name as text, exactly as read, so the report can show them beside the problems.
 */
export interface SourceRow {
  /** 1-based index of the data row (the header row and rows above it excluded). */
  readonly row: number;
  /** Cell texts by column name; a missing cell is ''. */
  readonly cells: Readonly<Record<string, string>>;
  /** GeoJSON files: the feature's geometry (GeoJSON object), null when the feature has none. */
  readonly geometry?: unknown;
  /** The row does not have as many cells as the header has columns (CSV). */
  readonly cellCount?: { readonly expected: number; readonly found: number };
}

export interface RowSource {
  readonly columns: readonly string[];
  /** The rows after the header, in file order. */
  rows(): AsyncIterable<SourceRow>;
}

/** Column names: trimmed, an empty one named by its position, a repeated one suffixed so none is lost. */
export function columnNames(raw: readonly unknown[]): string[] {
  const seen = new Map<string, number>();
  return raw.map((value, i) => {
    const base = String(value ?? '').trim() || `column_${i + 1}`;
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    return n === 0 ? base : `${base}_${n + 1}`;
  });
}

/** The cells of `values` by column name. */
export function cellsOf(columns: readonly string[], values: readonly string[]): Record<string, string> {
  const cells: Record<string, string> = {};
  columns.forEach((c, i) => {
    cells[c] = values[i] ?? '';
  });
  return cells;
}
