/**
 * Records of a level as the API returns them: `{ id, <parent>_id…, organisation_id, geometry, fields…,
 * [validation_status, validated_by, validated_at, validation_comment,] spec_version, row_version,
 * created_*, updated_* }`, the geometry as GeoJSON, list fields as arrays,
 * child-table fields assembled from one query per child table for all the records read.
 */
import type { Expression, SqlBool } from 'kysely';
import { VALIDATION_COLUMNS } from '../../../protocol-specs/index.ts';
import type { Queryable } from '../../db/database.ts';
import type { LevelPlan } from '../model/module-plan.ts';
import { allOf, type OrderTerm, ordered, recordsDb, tableAs } from '../sql/dynamic.ts';
import { assemble, readChildValues } from './children.ts';
import { recordColumns, rowValues, selection } from './select-list.ts';

export type ApiRecord = Record<string, unknown>;

export interface RecordQuery {
  /** Predicates on the row aliased `r`, joined with AND. */
  readonly where: readonly (Expression<SqlBool> | undefined)[];
  readonly orderBy?: readonly OrderTerm[];
  readonly limit?: number;
  readonly offset?: number;
}

const ENVELOPE = ['spec_version', 'row_version', 'created_at', 'created_by', 'updated_at', 'updated_by'];

export async function readRecords(db: Queryable, plan: LevelPlan, query: RecordQuery): Promise<ApiRecord[]> {
  const columns = recordColumns(plan, 'r');
  const rows = await ordered(
    recordsDb(db)
      .selectFrom(tableAs(plan.shape.table, 'r'))
      .select(selection(columns))
      .where(allOf(query.where)),
    query.orderBy ?? [],
  )
    .$if(query.limit !== undefined, (q) => q.limit(query.limit ?? 0))
    .$if(query.offset !== undefined, (q) => q.offset(query.offset ?? 0))
    .execute();
  const values = rows.map((row) => rowValues(columns, row));
  const children = await readChildValues(
    db,
    plan.shape,
    values.map((v) => String(v.id)),
  );
  return values.map((v) => {
    const id = String(v.id);
    const record: ApiRecord = { id };
    for (const p of plan.parents) record[p.column] = v[p.column] ?? null;
    record.organisation_id = v.organisation_id ?? null;
    if (plan.hasGeometry) record.geometry = v.geometry ?? null;
    Object.assign(record, assemble(plan.shape.stores, v, children, id));
    if (plan.validated) for (const key of VALIDATION_COLUMNS) record[key] = v[key] ?? null;
    for (const key of ENVELOPE) record[key] = v[key] ?? null;
    return record;
  });
}
