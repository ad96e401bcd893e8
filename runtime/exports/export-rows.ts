/**
 * A level's export rows, in batches: the level's table `r` (where the list filters and the Export
 * scope apply, as in every list) joined to its export view `v` by id, in the records' id order (stable),
 * not the list's sort. On PostgreSQL one query streams through a server-side cursor (cursor-batches.ts):
 * one set-based plan for the whole export. On PGlite, by keyset (`id > last ORDER BY id LIMIT n`): one
 * short query per batch, so its single connection is never held between batches. Either way at most one
 * batch sits in memory, however many rows match.
 */
import { type Expression, type RawBuilder, type SqlBool, sql } from 'kysely';
import type { Database, Queryable } from '../db/database.ts';
import type { AccessScope } from '../records/access.ts';
import type { LevelPlan } from '../records/model/module-plan.ts';
import { type ExportQuery, listConditions } from '../records/query/list-sql.ts';
import { instantText } from '../records/sql/column-sql.ts';
import { allOf, bound, columnOf, recordsDb, tableAs } from '../records/sql/dynamic.ts';
import { idOrderedBatches } from './cursor-batches.ts';
import type { ExportColumn, ValueType } from './export-columns.ts';

/** How the level's own geometry comes with each row. */
export type GeometryRead = 'none' | 'geojson' | 'wkb';

export interface ExportRow {
  readonly id: string;
  /** The columns' values, in order: string, number, boolean or null. */
  readonly values: readonly (string | number | boolean | null)[];
  /** GeoJSON text (WGS 84) or WKB (little-endian, the column's SRID) of the level's geometry. */
  readonly geometry: string | Uint8Array | null;
  /** The geometry's bounding box, for a GeoPackage's R-tree: [minx, maxx, miny, maxy]. */
  readonly box: readonly [number, number, number, number] | null;
}

export interface RowSource {
  readonly db: Queryable;
  readonly plan: LevelPlan;
  readonly access: AccessScope;
  readonly query: ExportQuery;
}

/** A value as its type travels: numbers as float8 (a JS number on both drivers), dates as ISO text. */
function valueSql(column: Expression<unknown>, type: ValueType): RawBuilder<unknown> {
  const read: Record<ValueType, RawBuilder<unknown>> = {
    text: sql`${column}::text`,
    integer: sql`${column}::float8`,
    real: sql`${column}::float8`,
    boolean: sql`${column}`,
    date: sql`to_char(${column}, 'YYYY-MM-DD')`,
    datetime: instantText(column),
  };
  return read[type];
}

const cellSql = (c: ExportColumn) =>
  c.label
    ? sql`COALESCE(${columnOf('v', c.label)}::text, ${columnOf('v', c.source)}::text)`
    : valueSql(columnOf('v', c.source), c.type);

/** The WHERE of an export: the list's filters and the actor's Export scope on the level's rows `r`. */
export function exportWhere(source: RowSource): Expression<SqlBool> {
  const scope = source.access.where({
    module: source.plan.module,
    level: source.plan.level.key,
    action: 'export',
    alias: 'r',
  });
  return allOf([...listConditions(source.plan, source.query), scope]);
}

/** How many rows the export holds (a job's progress bar). */
export async function countRows(source: RowSource): Promise<number> {
  const row = await recordsDb(source.db)
    .selectFrom(tableAs(source.plan.shape.table, 'r'))
    .select(sql<number>`count(*)::float8`.as('n'))
    .where(exportWhere(source))
    .executeTakeFirst();
  return row?.n ?? 0;
}

/** The engine an export reads from: PostgreSQL streams through a cursor, PGlite by keyset. */
export const isPostgres = (db: Queryable): db is Database => (db as Partial<Database>).engine === 'postgres';

export async function* exportBatches(
  source: RowSource,
  columns: readonly ExportColumn[],
  geometry: GeometryRead,
  batchSize = 100,
): AsyncGenerator<ExportRow[]> {
  const db = recordsDb(source.db);
  const where = exportWhere(source);
  const geom = columnOf('r', 'geom');
  const withGeometry = geometry !== 'none' && source.plan.hasGeometry;
  const extra = withGeometry
    ? [
        (geometry === 'geojson'
          ? sql`ST_AsGeoJSON(ST_Transform(${geom}, 4326), 7)`
          : sql`ST_AsBinary(${geom}, 'NDR')`
        ).as('g'),
        sql`ST_XMin(${geom})`.as('x0'),
        sql`ST_XMax(${geom})`.as('x1'),
        sql`ST_YMin(${geom})`.as('y0'),
        sql`ST_YMax(${geom})`.as('y1'),
      ]
    : [];
  const select = [
    columnOf<string>('r', 'id').as('id'),
    ...columns.map((c, i) => cellSql(c).as(`c${i}`)),
    ...extra,
  ];
  const rowsAfter = (after: readonly Expression<SqlBool>[]) =>
    db
      .selectFrom(tableAs(source.plan.shape.table, 'r'))
      .innerJoin(tableAs(source.plan.exportView, 'v'), (join) =>
        join.on(columnOf('v', 'id'), '=', columnOf('r', 'id')),
      )
      .select(select)
      .where(allOf([where, ...after]))
      .orderBy(columnOf('r', 'id'));
  const toRows = (rows: Record<string, unknown>[]) =>
    rows.map((row) => toExportRow(row, columns.length, withGeometry));

  const ids = [columnOf('r', 'id'), columnOf('v', 'id')];
  for await (const rows of idOrderedBatches(source.db, rowsAfter, ids, batchSize)) yield toRows(rows);
}

function toExportRow(row: Record<string, unknown>, width: number, withGeometry: boolean): ExportRow {
  const values: (string | number | boolean | null)[] = [];
  for (let i = 0; i < width; i++) {
    const v = row[`c${i}`];
    values.push(v === null || v === undefined ? null : (v as string | number | boolean));
  }
  const g = withGeometry ? row.g : null;
  const box =
    g === null || g === undefined || row.x0 === null
      ? null
      : ([Number(row.x0), Number(row.x1), Number(row.y0), Number(row.y1)] as const);
  return {
    id: String(row.id),
    values,
    geometry: g === null || g === undefined ? null : (g as string | Uint8Array),
    box,
  };
}

/** The level's geometry column: its type and SRID (`geometry(Point,2154)`), from the table's catalog. */
export async function geometryOf(
  db: Queryable,
  plan: LevelPlan,
): Promise<{ readonly type: string; readonly srid: number } | undefined> {
  if (!plan.hasGeometry) return undefined;
  const { schema, name } = plan.shape.table;
  const table = sql`to_regclass(format('%I.%I', ${bound(schema, 'text')}, ${bound(name, 'text')}))`;
  const { rows } = await sql<{ type: string }>`
    SELECT format_type(a.atttypid, a.atttypmod) AS type FROM pg_attribute a
     WHERE a.attrelid = ${table} AND a.attname = 'geom' AND NOT a.attisdropped`.execute(recordsDb(db));
  const match = /^geometry\((\w+?)(Z?M?),(\d+)\)$/i.exec(rows[0]?.type ?? '');
  return { type: (match?.[1] ?? 'GEOMETRY').toUpperCase(), srid: Number(match?.[3] ?? 4326) };
}
