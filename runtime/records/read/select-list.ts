/**
 * The SELECT list of a record or a group row: one read expression per column-stored field, aliased by
 * field key, plus the envelope of level records. Child tables are read by children.ts, per page.
 */
import { sql } from 'kysely';
import type { LevelPlan } from '../model/module-plan.ts';
import type { RecordShape } from '../model/record-shape.ts';
import { type ColumnRead, instantText, readColumn } from '../sql/column-sql.ts';
import { columnOf } from '../sql/dynamic.ts';

export interface SelectColumn {
  readonly alias: string;
  readonly read: ColumnRead;
}

/** Column-stored fields of a shape, read from the row aliased `alias`. */
export function fieldColumns(shape: RecordShape, alias: string): SelectColumn[] {
  return shape.stores.flatMap((s) =>
    s.kind === 'column' ? [{ alias: s.field.key, read: readColumn(columnOf(alias, s.column), s.type) }] : [],
  );
}

/** Everything a level record returns, but its child tables. */
export function recordColumns(plan: LevelPlan, alias: string): SelectColumn[] {
  const plain = (name: string): SelectColumn => ({
    alias: name,
    read: { sql: sql`${columnOf(alias, name)}`, json: false },
  });
  const instant = (name: string): SelectColumn => ({
    alias: name,
    read: { sql: instantText(columnOf(alias, name)), json: false },
  });
  return [
    plain('id'),
    ...plan.parents.map((p) => plain(p.column)),
    plain('organisation_id'),
    ...(plan.hasGeometry
      ? [{ alias: 'geometry', read: readColumn(columnOf(alias, 'geom'), { geometry: 'any' }) }]
      : []),
    ...fieldColumns(plan.shape, alias),
    ...(plan.validated
      ? [
          plain('validation_status'),
          plain('validated_by'),
          instant('validated_at'),
          plain('validation_comment'),
        ]
      : []),
    plain('spec_version'),
    plain('row_version'),
    instant('created_at'),
    plain('created_by'),
    instant('updated_at'),
    plain('updated_by'),
  ];
}

/** The columns as a SELECT list, each under its alias. */
export const selection = (columns: readonly SelectColumn[]) => columns.map((c) => c.read.sql.as(c.alias));

/** A row as values: JSON columns parsed, everything else as the driver gave it. */
export function rowValues(columns: readonly SelectColumn[], row: Readonly<Record<string, unknown>>) {
  const out: Record<string, unknown> = {};
  for (const c of columns) {
    const raw = row[c.alias];
    out[c.alias] = c.read.json && typeof raw === 'string' ? JSON.parse(raw) : (raw ?? null);
  }
  return out;
}
