/**
 * A level as CSV (RFC 4180: header row, CRLF, fields quoted when they hold a comma, a quote or a line
 * break) from its generated export view `v_<level>_export`: labels beside codes, ancestors' fields,
 * geometries as WKT (the view's binary and GeoJSON geometry columns are left out). The matching ids
 * are read first, in order; rows then follow in chunks as the response is read, each chunk a short
 * query, so no transaction stays open while a client downloads.
 */
import { ident, type Queryable, qualified } from '../../db/database.ts';
import type { LevelPlan } from '../model/module-plan.ts';
import { type ExportQuery, listConditions, orderBy } from '../query/list-sql.ts';
import { whereSql } from '../read/read-records.ts';
import { SqlParams } from '../sql/params.ts';
import { type RequestContext, scopeOf } from './context.ts';

interface ViewColumn {
  readonly name: string;
  readonly type: string;
}

/** A field as RFC 4180 wants it. */
export function csvField(value: string | null): string {
  if (value === null) return '';
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

export const csvLine = (values: readonly (string | null)[]): string =>
  `${values.map(csvField).join(',')}\r\n`;

/** Views do not change while the process runs: their columns are read once per level. */
const columnsOf = new WeakMap<LevelPlan, Promise<ViewColumn[]>>();

function viewColumns(db: Queryable, plan: LevelPlan): Promise<ViewColumn[]> {
  let columns = columnsOf.get(plan);
  if (!columns) {
    columns = readViewColumns(db, plan);
    columns.catch(() => columnsOf.delete(plan));
    columnsOf.set(plan, columns);
  }
  return columns;
}

/** The view's columns, geometries but their WKT left out. */
async function readViewColumns(db: Queryable, plan: LevelPlan): Promise<ViewColumn[]> {
  const { rows } = await db.query<{ name: string; type: string }>(
    `SELECT a.attname AS name, format_type(a.atttypid, a.atttypmod) AS type
       FROM pg_attribute a WHERE a.attrelid = to_regclass($1) AND a.attnum > 0 AND NOT a.attisdropped
      ORDER BY a.attnum`,
    [qualified(plan.exportView.schema, plan.exportView.name)],
  );
  return rows.filter((c) => !c.type.startsWith('geometry') && c.name !== 'geom_geojson');
}

/** A view column as text: booleans as true/false, dates and instants in ISO 8601. */
function cellSql(column: ViewColumn): string {
  const c = `v.${ident(column.name)}`;
  if (column.type === 'boolean') return `CASE WHEN ${c} THEN 'true' WHEN NOT ${c} THEN 'false' END`;
  if (/^(date|time|timestamp)/.test(column.type)) return `to_json(${c}) #>> '{}'`;
  return `${c}::text`;
}

export async function csvStream(
  ctx: RequestContext,
  plan: LevelPlan,
  query: ExportQuery,
  chunkSize = 1000,
): Promise<ReadableStream<Uint8Array>> {
  const columns = await viewColumns(ctx.db, plan);
  const params = new SqlParams();
  const where = listConditions(plan, query, params);
  const scope = scopeOf(ctx, plan, 'export', params);
  if (scope) where.push(scope);
  const table = qualified(plan.shape.table.schema, plan.shape.table.name);
  const { rows } = await ctx.db.query<{ id: string }>(
    `SELECT r.id FROM ${table} r ${whereSql(where)} ORDER BY ${orderBy(plan, query.sort)}`,
    params.values,
  );
  const ids = rows.map((r) => r.id);
  const view = qualified(plan.exportView.schema, plan.exportView.name);
  const select = columns.map((c, i) => `${cellSql(c)} AS c${i}`).join(', ');
  const encoder = new TextEncoder();
  let next = 0;
  let headerSent = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!headerSent) {
        headerSent = true;
        controller.enqueue(encoder.encode(csvLine(columns.map((c) => c.name))));
        return;
      }
      if (next >= ids.length) {
        controller.close();
        return;
      }
      const chunk = ids.slice(next, next + chunkSize);
      next += chunk.length;
      const result = await ctx.db.query(
        `SELECT ${select} FROM unnest($1::uuid[]) WITH ORDINALITY AS k(id, n) JOIN ${view} v ON v.id = k.id ORDER BY k.n`,
        [chunk],
      );
      const text = result.rows
        .map((row) => csvLine(columns.map((_, i) => (row[`c${i}`] === null ? null : String(row[`c${i}`])))))
        .join('');
      controller.enqueue(encoder.encode(text));
    },
  });
}
