/**
 * The SINP rows of a module, in batches: its generated view `v_occurrence_sinp` (`o`) joined to the
 * occurrence level's table (`r`, where the list filters and the Export scope apply, as for any
 * export), the dataset (`d`) and its acquisition framework (`af`), for their registry UUIDs, and the
 * organisation (`og`). Read as the
 * level exports are (export-rows.ts): a server-side cursor on PostgreSQL, by keyset on PGlite.
 */
import { type Expression, type SqlBool, sql } from 'kysely';
import { SINP_VIEW_NAME } from '../../../generators/model/index.ts';
import type { Queryable } from '../../db/database.ts';
import { allOf, bound, columnOf, recordsDb, tableAs } from '../../records/sql/dynamic.ts';
import { idOrderedBatches } from '../cursor-batches.ts';
import type { ExportColumn } from '../export-columns.ts';
import { type ExportRow, exportWhere, type RowSource } from '../export-rows.ts';
import { SINP_FIELDS } from './sinp-fields.ts';

/** The SINP fields as export columns (their standard names are the headers, whatever the language). */
export const SINP_COLUMNS: readonly ExportColumn[] = SINP_FIELDS.map((f) => ({
  source: f.name,
  name: f.name,
  header: f.name,
  type: f.type,
}));

/** The columns of a view, from the catalog (schema and name bound, quoted by format's %I). */
async function viewColumnNames(db: Queryable, view: { schema: string; name: string }): Promise<string[]> {
  const relation = sql`to_regclass(format('%I.%I', ${bound(view.schema, 'text')}, ${bound(view.name, 'text')}))`;
  const { rows } = await sql<{ name: string }>`
    SELECT attname AS name FROM pg_attribute WHERE attrelid = ${relation} AND attnum > 0 AND NOT attisdropped`.execute(
    recordsDb(db),
  );
  return rows.map((r) => r.name);
}

export async function* sinpBatches(
  source: RowSource,
  withGeoJson: boolean,
  batchSize = 100,
): AsyncGenerator<ExportRow[]> {
  const db = recordsDb(source.db);
  const view = { schema: source.plan.exportView.schema, name: SINP_VIEW_NAME };
  const where = exportWhere(source);
  const present = new Set(await viewColumnNames(source.db, view));
  const select = [
    sql<string>`${columnOf('o', 'id_sinp_occtax')}::text`.as('id'),
    // A field whose column the protocol's view lacks (it maps no such attribute) is empty.
    ...SINP_FIELDS.map((f, i) => (f.reads.every((c) => present.has(c)) ? f.value : sql`NULL`).as(`c${i}`)),
    ...(withGeoJson ? [sql`ST_AsGeoJSON(ST_Transform(${columnOf('o', 'geom')}, 4326), 7)`.as('g')] : []),
  ];
  const rowsAfter = (after: readonly Expression<SqlBool>[]) =>
    db
      .selectFrom(tableAs(view, 'o'))
      .innerJoin(tableAs(source.plan.shape.table, 'r'), (j) =>
        j.on(columnOf('r', 'id'), '=', columnOf('o', 'id_sinp_occtax')),
      )
      .leftJoin('suivi.dataset as d', (j) => j.on(columnOf('d', 'id'), '=', columnOf('o', 'jdd_uuid')))
      .leftJoin('suivi.acquisition_framework as af', (j) =>
        j.on(columnOf('af', 'id'), '=', columnOf('d', 'acquisition_framework_id')),
      )
      .leftJoin('suivi.organisation as og', (j) =>
        j.on(columnOf('og', 'id'), '=', columnOf('o', 'organisation_id')),
      )
      .select(select)
      .where(allOf([where, ...after]))
      .orderBy(columnOf('r', 'id'));
  const toRows = (rows: Record<string, unknown>[]): ExportRow[] =>
    rows.map((row) => ({
      id: String(row.id),
      values: SINP_FIELDS.map((_, i) => (row[`c${i}`] ?? null) as string | number | boolean | null),
      geometry: withGeoJson ? ((row.g as string | null) ?? null) : null,
      box: null,
    }));
  const ids = [columnOf('r', 'id'), columnOf('o', 'id_sinp_occtax')];
  for await (const rows of idOrderedBatches(source.db, rowsAfter, ids, batchSize)) yield toRows(rows);
}
