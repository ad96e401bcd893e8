/**
 * A level as CSV (RFC 4180: header row, CRLF, fields quoted when they hold a comma, a quote or a line
 * break) from its generated export view `v_<level>_export`: labels beside codes, ancestors' fields,
 * geometries as WKT (the view's binary and GeoJSON geometry columns are left out). The matching ids
 * are read first, in order; rows then follow in chunks as the response is read, each chunk a short
 * query, so no transaction stays open while a client downloads.
 */
import { sql } from 'kysely';
import type { Queryable } from '../../db/database.ts';
import type { LevelPlan } from '../model/module-plan.ts';
import { type ExportQuery, listConditions, orderBy } from '../query/list-sql.ts';
import { instantText } from '../sql/column-sql.ts';
import { allOf, bound, columnOf, ordered, recordsDb, tableAs } from '../sql/dynamic.ts';
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

/** The view's columns, geometries but their WKT left out, and the English labels. */
async function readViewColumns(db: Queryable, plan: LevelPlan): Promise<ViewColumn[]> {
  // The catalog is no table of ours: a query of its own, the view's schema and name bound (and quoted
  // by the database: format's %I).
  const { schema, name } = plan.exportView;
  const view = sql`to_regclass(format('%I.%I', ${bound(schema, 'text')}, ${bound(name, 'text')}))`;
  const { rows } = await sql<ViewColumn>`
    SELECT a.attname AS name, format_type(a.atttypid, a.atttypmod) AS type
      FROM pg_attribute a WHERE a.attrelid = ${view} AND a.attnum > 0 AND NOT a.attisdropped
     ORDER BY a.attnum`.execute(recordsDb(db));
  // The English labels (`<code>_label_en`) are the export's (runtime/exports); the list's CSV keeps the
  // French labels beside the codes.
  const names = new Set(rows.map((c) => c.name));
  return rows.filter(
    (c) =>
      !c.type.startsWith('geometry') &&
      c.name !== 'geom_geojson' &&
      !(c.name.endsWith('_label_en') && names.has(c.name.slice(0, -'_en'.length))),
  );
}

/** A view column as text: booleans as true/false, dates and instants in ISO 8601. */
function cellSql(column: ViewColumn) {
  const c = columnOf('v', column.name);
  if (column.type === 'boolean') return sql`CASE WHEN ${c} THEN 'true' WHEN NOT ${c} THEN 'false' END`;
  if (/^(date|time|timestamp)/.test(column.type)) return instantText(c);
  return sql`${c}::text`;
}

export async function csvStream(
  ctx: RequestContext,
  plan: LevelPlan,
  query: ExportQuery,
  chunkSize = 1000,
): Promise<ReadableStream<Uint8Array>> {
  const columns = await viewColumns(ctx.db, plan);
  const db = recordsDb(ctx.db);
  const where = [...listConditions(plan, query), scopeOf(ctx, plan, 'export')];
  const rows = await ordered(
    db
      .selectFrom(tableAs(plan.shape.table, 'r'))
      .select(columnOf<string>('r', 'id').as('id'))
      .where(allOf(where)),
    orderBy(plan, query.sort),
  ).execute();
  const ids = rows.map((r) => r.id);
  const select = columns.map((c, i) => cellSql(c).as(`c${i}`));
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
      // The chunk's ids in their order (unnest … WITH ORDINALITY), each joined to its view row.
      const keys = sql`unnest(${chunk}::uuid[]) WITH ORDINALITY`.as<'k'>(sql`k(id, n)`);
      const result = await db
        .selectFrom(keys)
        .innerJoin(tableAs(plan.exportView, 'v'), (join) =>
          join.on(columnOf('v', 'id'), '=', columnOf('k', 'id')),
        )
        .select(select)
        .orderBy(columnOf('k', 'n'))
        .execute();
      const text = result
        .map((row) => csvLine(columns.map((_, i) => (row[`c${i}`] === null ? null : String(row[`c${i}`])))))
        .join('');
      controller.enqueue(encoder.encode(text));
    },
  });
}
