/**
 * The SELECT list of a record or a group row: one read expression per column-stored field, aliased by
 * field key, plus the envelope of level records. Child tables are read by children.ts, per page.
 */
import { ident } from '../../db/database.ts';
import type { LevelPlan } from '../model/module-plan.ts';
import type { RecordShape } from '../model/record-shape.ts';
import { type ColumnRead, readColumn } from '../sql/column-sql.ts';

export interface SelectColumn {
  readonly alias: string;
  readonly read: ColumnRead;
}

/** Column-stored fields of a shape, read from the row aliased `alias`. */
export function fieldColumns(shape: RecordShape, alias: string): SelectColumn[] {
  return shape.stores.flatMap((s) =>
    s.kind === 'column'
      ? [{ alias: s.field.key, read: readColumn(`${alias}.${ident(s.column)}`, s.type) }]
      : [],
  );
}

const plain = (sql: string): ColumnRead => ({ sql, json: false });
const instant = (column: string): ColumnRead => plain(`to_json(${column}) #>> '{}'`);

/** Everything a level record returns, but its child tables. */
export function recordColumns(plan: LevelPlan, alias: string): SelectColumn[] {
  const col = (name: string) => `${alias}.${ident(name)}`;
  return [
    { alias: 'id', read: plain(col('id')) },
    ...plan.parents.map((p) => ({ alias: p.column, read: plain(col(p.column)) })),
    { alias: 'organisation_id', read: plain(col('organisation_id')) },
    ...(plan.hasGeometry ? [{ alias: 'geometry', read: readColumn(col('geom'), { geometry: 'any' }) }] : []),
    ...fieldColumns(plan.shape, alias),
    ...(plan.validated
      ? [
          { alias: 'validation_status', read: plain(col('validation_status')) },
          { alias: 'validated_by', read: plain(col('validated_by')) },
          { alias: 'validated_at', read: instant(col('validated_at')) },
          { alias: 'validation_comment', read: plain(col('validation_comment')) },
        ]
      : []),
    { alias: 'spec_version', read: plain(col('spec_version')) },
    { alias: 'row_version', read: plain(col('row_version')) },
    { alias: 'created_at', read: instant(col('created_at')) },
    { alias: 'created_by', read: plain(col('created_by')) },
    { alias: 'updated_at', read: instant(col('updated_at')) },
    { alias: 'updated_by', read: plain(col('updated_by')) },
  ];
}

export const selectSql = (columns: readonly SelectColumn[]): string =>
  columns.map((c) => `${c.read.sql} AS ${ident(c.alias)}`).join(', ');

/** A row as values: JSON columns parsed, everything else as the driver gave it. */
export function rowValues(columns: readonly SelectColumn[], row: Readonly<Record<string, unknown>>) {
  const out: Record<string, unknown> = {};
  for (const c of columns) {
    const raw = row[c.alias];
    out[c.alias] = c.read.json && typeof raw === 'string' ? JSON.parse(raw) : (raw ?? null);
  }
  return out;
}
