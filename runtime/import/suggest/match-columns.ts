/**
 * Which column goes to which field: every (column, field) pair gets a score from the header alone —
 * the field's key, its aliases, its labels in French and English, the usual names of its role
 * (column-roles.ts), a label containing the header — and the pairs are taken best first, one field per
 * column and one column per field (X and Y both go to a geometry). Ties go to the imported level, then
 * to the nearer ancestor, then to the file's and the form's order: the same input always gives the
 * same answer.
 */
import type { ImportableField } from '../module-fields.ts';
import { type ColumnRole, fieldTakesRole, roleOfColumn } from './column-roles.ts';
import { fold } from './fold.ts';

export type MatchReason = 'key' | 'alias' | 'label' | 'role' | 'partial_label';

export interface ColumnMatch {
  readonly column: string;
  readonly level: string;
  readonly field: string;
  readonly reason: MatchReason;
  readonly score: number;
  /** For geometry columns: which part of it the column is. */
  readonly role?: ColumnRole;
}

export interface LevelFields {
  readonly level: string;
  /** 0 for the imported level, 1 for its parent… */
  readonly distance: number;
  readonly fields: readonly ImportableField[];
}

const SCORES: Readonly<Record<MatchReason, number>> = {
  key: 100,
  alias: 95,
  label: 90,
  role: 80,
  partial_label: 50,
};

/** A partial match needs a header long enough to mean something ("nb" is in too many labels). */
const MIN_PARTIAL = 4;

function scoreOf(
  column: string,
  field: ImportableField,
): { reason: MatchReason; role?: ColumnRole } | undefined {
  const c = fold(column);
  if (c === '') return undefined;
  if (c === fold(field.key)) return { reason: 'key' };
  if (field.aliases.some((a) => fold(a) === c)) return { reason: 'alias' };
  const labels = [field.label.fr, field.label.en ?? ''].map(fold).filter((l) => l !== '');
  if (labels.includes(c)) return { reason: 'label' };
  const role = roleOfColumn(column);
  if (role && fieldTakesRole(field, role)) return { reason: 'role', role };
  if (
    c.length >= MIN_PARTIAL &&
    labels.some((l) => l.includes(c) || (l.length >= MIN_PARTIAL && c.includes(l)))
  )
    return { reason: 'partial_label' };
  return undefined;
}

const GEOMETRY_PARTS: readonly ColumnRole[] = ['x', 'y', 'wkt', 'geojson'];

export function matchColumns(columns: readonly string[], levels: readonly LevelFields[]): ColumnMatch[] {
  const candidates: (ColumnMatch & { readonly order: readonly number[] })[] = [];
  for (const [ci, column] of columns.entries())
    for (const level of levels)
      for (const [fi, field] of level.fields.entries()) {
        const found = scoreOf(column, field);
        if (!found) continue;
        // A geometry takes its parts by role only (a column named "geometry" is WKT or GeoJSON).
        const role = field.kind === 'geometry' ? (found.role ?? roleOfColumn(column) ?? 'wkt') : found.role;
        if (field.kind === 'geometry' && !GEOMETRY_PARTS.includes(role as ColumnRole)) continue;
        candidates.push({
          column,
          level: level.level,
          field: field.key,
          reason: found.reason,
          score: SCORES[found.reason],
          ...(role ? { role } : {}),
          order: [-SCORES[found.reason], level.distance, ci, fi],
        });
      }
  candidates.sort((a, b) => {
    for (let i = 0; i < a.order.length; i++) {
      const d = (a.order[i] ?? 0) - (b.order[i] ?? 0);
      if (d !== 0) return d;
    }
    return 0;
  });
  const usedColumns = new Set<string>();
  const usedFields = new Map<string, Set<ColumnRole | undefined>>();
  const taken: ColumnMatch[] = [];
  for (const { order: _order, ...m } of candidates) {
    if (usedColumns.has(m.column)) continue;
    const fieldId = `${m.level}/${m.field}`;
    const parts = usedFields.get(fieldId);
    if (parts) {
      // A geometry from X and Y takes both, nothing else; any other field takes one column.
      const xy = (r: ColumnRole | undefined) => r === 'x' || r === 'y';
      if (!(xy(m.role) && [...parts].every((p) => xy(p) && p !== m.role))) continue;
    }
    usedColumns.add(m.column);
    usedFields.set(fieldId, new Set([...(parts ?? []), m.role]));
    taken.push(m);
  }
  return taken.sort((a, b) => columns.indexOf(a.column) - columns.indexOf(b.column));
}
