/**
 * A module's dashboard figures, read from its materialized views only (never the record tables), each
 * restricted to the organisations the reader may see: every view is grouped by `organisation_id`, so a
 * scope is one WHERE on it. Species richness counts distinct taxa over the rows kept, so it stays right
 * for any set of organisations (a sum of per-organisation richness would not).
 */
import type { DashboardDescriptor } from '../../generators/model/index.ts';
import { ident, type Queryable, qualified } from '../db/database.ts';

/** Which organisations' rows: all of them, or one (null: the records without an organisation). */
export type FigureScope =
  | { readonly kind: 'all' }
  | { readonly kind: 'organisation'; readonly id: string | null };

export interface DashboardFigures {
  readonly total: number;
  readonly richness: number;
  readonly months: readonly { month: string | null; records: number; sums: Record<string, number | null> }[];
  readonly statuses: readonly { status: string | null; records: number }[];
  readonly dimensions: readonly { field: string; value: string | null; records: number }[];
  readonly sites: readonly {
    site_id: string | null;
    site_label: string | null;
    records: number;
    richness: number;
  }[];
  readonly sums: Record<string, number | null>;
  /** Sites with records; `sites` lists the SITE_ROWS busiest. */
  readonly siteCount: number;
}

/** Rows of the per-site table: the busiest sites. */
export const SITE_ROWS = 50;

/** `WHERE` on organisation_id and its parameters, for the scope. */
function scopeWhere(scope: FigureScope): { sql: string; params: unknown[] } {
  if (scope.kind === 'all') return { sql: 'TRUE', params: [] };
  if (scope.id === null) return { sql: 'organisation_id IS NULL', params: [] };
  return { sql: 'organisation_id = $1::uuid', params: [scope.id] };
}

/** The same scope on the site view, grouped per organisation and over all of them (its `all_organisations`). */
function siteScopeWhere(scope: FigureScope): string {
  // The view's partial indexes are on these two conditions: they give the rows in the page's order.
  if (scope.kind === 'all') return 'all_organisations';
  return `NOT all_organisations AND ${scopeWhere(scope).sql}`;
}

export async function dashboardFigures(
  db: Queryable,
  code: string,
  d: DashboardDescriptor,
  scope: FigureScope,
): Promise<DashboardFigures> {
  const where = scopeWhere(scope);
  const view = (role: keyof DashboardDescriptor['views']) => qualified(code, d.views[role]);
  const q = async <R>(text: string) => (await db.query<R>(text, where.params)).rows;
  const sumColumns = d.measures.map((m) => `sum(${ident(m.column)})::float8 AS ${ident(m.column)}`);
  // The figures are independent reads of small views: on PostgreSQL they run side by side on the
  // pool's connections (PGlite serialises them); only the sites' richness waits for the busiest sites.
  const busiest = async () => {
    // The busiest sites of the scope, read in the site view's scope index: its first rows, and the
    // number of the scope's rows (`scope_rows`) they carry; no grouping of the whole view.
    const scoped = siteScopeWhere(scope);
    const sites = await q<{
      site_id: string | null;
      site_label: string | null;
      records: number;
      scope_rows: number;
    }>(
      `SELECT site_id, site_label, records, scope_rows FROM ${view('site')} WHERE ${scoped} ORDER BY records DESC, site_label, site_id LIMIT ${SITE_ROWS}`,
    );
    const siteIds = sites.flatMap((s) => (s.site_id ? [s.site_id] : []));
    const offset = where.params.length + 1;
    const { rows } = await db.query<{ site_id: string | null; n: number }>(
      `SELECT site_id, count(DISTINCT cd_nom)::integer AS n FROM ${view('siteTaxon')} WHERE ${where.sql} AND (site_id = ANY($${offset}::uuid[]) OR (site_id IS NULL AND $${offset + 1})) GROUP BY site_id`,
      [...where.params, siteIds, sites.some((s) => s.site_id === null)],
    );
    return {
      sites: sites.map(({ scope_rows: _, ...site }) => site),
      siteCount: Number(sites[0]?.scope_rows ?? 0),
      richnessOf: new Map(rows.map((r) => [r.site_id, Number(r.n)])),
    };
  };
  const [months, statuses, dimensions, { sites, siteCount, richnessOf }, [richness]] = await Promise.all([
    q<Record<string, unknown>>(
      `SELECT to_char(month, 'YYYY-MM') AS month, sum(records)::integer AS records${sumColumns.map((c) => `, ${c}`).join('')} FROM ${view('month')} v WHERE ${where.sql} GROUP BY month ORDER BY month NULLS LAST`,
    ),
    q<{ status: string | null; records: number }>(
      `SELECT status, sum(records)::integer AS records FROM ${view('status')} WHERE ${where.sql} GROUP BY status ORDER BY status NULLS LAST`,
    ),
    q<{ field: string; value: string | null; records: number }>(
      `SELECT field, value, sum(records)::integer AS records FROM ${view('dimension')} WHERE ${where.sql} GROUP BY field, value ORDER BY field, value NULLS LAST`,
    ),
    busiest(),
    q<{ n: number }>(`SELECT count(DISTINCT cd_nom)::integer AS n FROM ${view('taxon')} WHERE ${where.sql}`),
  ]);
  const monthRows = months.map((m) => ({
    month: m.month as string | null,
    records: Number(m.records),
    sums: Object.fromEntries(
      d.measures.map((x) => [x.field, m[x.column] === null ? null : Number(m[x.column])]),
    ),
  }));
  const sums = Object.fromEntries(
    d.measures.map((x) => {
      const values = monthRows
        .map((m) => m.sums[x.field])
        .filter((v): v is number => v !== null && v !== undefined);
      return [x.field, values.length > 0 ? values.reduce((a, b) => a + b, 0) : null];
    }),
  );
  return {
    total: monthRows.reduce((a, m) => a + m.records, 0),
    richness: Number(richness?.n ?? 0),
    months: monthRows,
    statuses: statuses.map((s) => ({ ...s, records: Number(s.records) })),
    dimensions: dimensions.map((s) => ({ ...s, records: Number(s.records) })),
    sites: sites.map((s) => ({ ...s, records: Number(s.records), richness: richnessOf.get(s.site_id) ?? 0 })),
    siteCount,
    sums,
  };
}

export interface ImportJobRow {
  readonly level_key: string;
  readonly provider: string;
  readonly file_name: string;
  readonly status: string;
  readonly rows_read: number;
  readonly inserted: number;
  readonly updated: number;
  readonly rejected: number;
  readonly skipped: number;
  readonly created_at: string;
}

/**
 * The module's latest import jobs, when the instance has suivi.import_job (the import feature's core
 * migration); undefined when it has not, so the page shows no section rather than an empty one.
 */
export async function importJobs(
  db: Queryable,
  code: string,
  limit = 20,
): Promise<ImportJobRow[] | undefined> {
  const { rows } = await db.query<{ found: boolean }>(
    "SELECT to_regclass('suivi.import_job') IS NOT NULL AS found",
  );
  if (!rows[0]?.found) return undefined;
  const jobs = await db.query<ImportJobRow>(
    `SELECT level_key, provider, file_name, status, rows_read::integer AS rows_read, inserted::integer AS inserted,
       updated::integer AS updated, rejected::integer AS rejected, skipped::integer AS skipped,
       to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS created_at
     FROM suivi.import_job WHERE module_code = $1 ORDER BY created_at DESC LIMIT $2`,
    [code, limit],
  );
  return jobs.rows;
}
