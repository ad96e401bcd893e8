/**
 * Dashboards on both engines: after inserts, updates and deletes and a refresh, every figure the API
 * gives equals a direct count over the raw tables; a reader with the organisation scope gets their
 * organisation's figures only; writes through the API schedule a refresh.
 */
import type { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runtimeEngines } from '../../test/helpers/engines.ts';
import { type Caller, request, signIn } from '../auth/auth.test-helpers.ts';
import { type Database, ident } from '../db/database.ts';
import { DEMO_ACCOUNTS } from '../demo/demo-data.ts';
import { buildServerApp } from '../server/build-app.ts';
import { dashboardDatabase } from './dashboards.test-helpers.ts';
import type { DashboardFigures } from './figures.ts';
import { type DashboardRefresher, dashboardRefresher, refreshDashboards } from './refresh.ts';

const FROM = `FROM chiro_gites.observation r
  LEFT JOIN chiro_gites.visit v ON v.id = r.visit_id
  LEFT JOIN chiro_gites.site s ON s.id = v.site_id`;

/** The figures computed from the raw tables, in the API's shape, for a WHERE on the observation. */
async function directFigures(db: Database, where: string, params: unknown[]) {
  const q = async (text: string) => (await db.query<Record<string, unknown>>(text, params)).rows;
  const months = await q(
    `SELECT to_char(date_trunc('month', v.visit_date_min), 'YYYY-MM') AS month, count(*)::integer AS records, sum(r.count_total)::float8 AS count_total ${FROM} WHERE ${where} GROUP BY 1 ORDER BY 1 NULLS LAST`,
  );
  const statuses = await q(
    `SELECT r.validation_status AS status, count(*)::integer AS records ${FROM} WHERE ${where} GROUP BY 1 ORDER BY 1 NULLS LAST`,
  );
  const dims = [];
  for (const [field, col] of [
    ['repro_status', 'r.repro_status'],
    ['season', 'v.season'],
    ['visit_method', 'v.visit_method'],
  ])
    dims.push(
      ...(await q(
        `SELECT '${field}' AS field, ${col}::text AS value, count(*)::integer AS records ${FROM} WHERE ${where} GROUP BY 2 ORDER BY 2 NULLS LAST`,
      )),
    );
  const sites = await q(
    `SELECT s.id AS site_id, count(*)::integer AS records, count(DISTINCT r.cd_nom)::integer AS richness ${FROM} WHERE ${where} GROUP BY 1 ORDER BY 1`,
  );
  const [richness] = await q(`SELECT count(DISTINCT r.cd_nom)::integer AS n ${FROM} WHERE ${where}`);
  const [total] = await q(`SELECT count(*)::integer AS n ${FROM} WHERE ${where}`);
  return {
    total: Number(total?.n),
    richness: Number(richness?.n),
    months: months.map((m) => ({ month: m.month, records: m.records, sums: { count_total: m.count_total } })),
    statuses,
    dimensions: dims,
    sites,
  };
}

const figuresOf = (answer: { json: Record<string, unknown> }) => answer.json.figures as DashboardFigures;

const sortSites = (sites: readonly { site_id: unknown; records: unknown; richness: unknown }[]) =>
  sites
    .map((s) => ({ site_id: s.site_id, records: s.records, richness: s.richness }))
    .sort((a, b) => String(a.site_id).localeCompare(String(b.site_id)));

describe.each(runtimeEngines())('dashboards on $name', (engine) => {
  let db: Database;
  let app: Hono;
  let admin: Caller;
  let refresher: DashboardRefresher;

  beforeAll(async () => {
    const built = await dashboardDatabase(engine);
    db = built.db;
    refresher = dashboardRefresher(db, { delayMs: 5 });
    app = buildServerApp({ db, modules: built.modules, logError: () => {}, dashboardRefresher: refresher });
    admin = await signIn(app, 'admin');
  }, 120_000);
  afterAll(async () => db?.close());

  async function expectMatches(caller: Caller, query: string, where: string, params: unknown[]) {
    const res = await caller.call('GET', `/api/dashboards/chiro_gites${query}`);
    expect(res.status, JSON.stringify(res.json)).toBe(200);
    const want = await directFigures(db, where, params);
    const got = figuresOf(res);
    expect(got.total).toBe(want.total);
    expect(got.richness).toBe(want.richness);
    expect(got.months).toEqual(want.months);
    expect(got.statuses).toEqual(want.statuses);
    expect(got.dimensions).toEqual(want.dimensions);
    expect(sortSites(got.sites)).toEqual(sortSites(want.sites as never));
    // The number of sites of the scope, and the busiest first (read from the site view's scope index).
    const wantSites = want.sites as { site_id: unknown }[];
    expect(got.siteCount).toBe(wantSites.filter((s) => s.site_id !== null).length);
    const counts = got.sites.map((s) => s.records);
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
    return got;
  }

  it('has figures equal to direct counts, after inserts, updates, deletes and a refresh', async () => {
    await refreshDashboards(db, 'chiro_gites');
    const before = await expectMatches(admin, '', 'TRUE', []);
    expect(before.total).toBeGreaterThan(0);
    // Changes behind the views' back: copies of observations, a status and a season changed, deletions.
    const { rows: cols } = await db.query<{ c: string }>(
      "SELECT column_name AS c FROM information_schema.columns WHERE table_schema = 'chiro_gites' AND table_name = 'observation' AND is_generated = 'NEVER' AND column_name <> 'id' ORDER BY ordinal_position",
    );
    const list = cols.map((c) => ident(c.c)).join(', ');
    await db.exec(
      `INSERT INTO chiro_gites.observation (${list}) SELECT ${list} FROM chiro_gites.observation`,
    );
    await db.exec(
      "UPDATE chiro_gites.observation SET validation_status = '2' WHERE id IN (SELECT id FROM chiro_gites.observation ORDER BY id LIMIT 3)",
    );
    await db.exec(
      'UPDATE chiro_gites.visit SET season = (SELECT max(season) FROM chiro_gites.visit) WHERE id IN (SELECT id FROM chiro_gites.visit ORDER BY season LIMIT 1)',
    );
    await db.exec(
      'DELETE FROM chiro_gites.observation WHERE id IN (SELECT id FROM chiro_gites.observation ORDER BY id DESC LIMIT 2)',
    );
    // Not yet refreshed: the views still give the old figures (nothing reads the raw tables).
    const stale = await admin.call('GET', '/api/dashboards/chiro_gites');
    expect(figuresOf(stale).total).toBe(before.total);
    await refreshDashboards(db, 'chiro_gites');
    const after = await expectMatches(admin, '', 'TRUE', []);
    expect(after.total).toBe(before.total * 2 - 2);
    expect(after.sums.count_total).toBe(after.months.reduce((a, m) => a + (m.sums.count_total ?? 0), 0));
  });

  it('restricts a partner to their organisation, and lets an administrator pick one', async () => {
    const partner = DEMO_ACCOUNTS.find((a) => a.login === 'partenaire.chiro');
    const { rows } = await db.query<{ org: string | null }>(
      'SELECT organisation_id AS org FROM suivi.app_user WHERE id = $1',
      [partner?.id],
    );
    const org = rows[0]?.org as string;
    const chiro = await signIn(app, 'partenaire.chiro');
    const mine = await expectMatches(chiro, '', 'r.organisation_id = $1', [org]);
    // The organisation asked for is ignored: the scope decides.
    const other = await chiro.call(
      'GET',
      '/api/dashboards/chiro_gites?organisation=00000000-0000-4000-8000-000000000000',
    );
    expect(figuresOf(other).total).toBe(mine.total);
    expect(other.json.imports).toBeUndefined();
    const all = await admin.call('GET', '/api/dashboards/chiro_gites');
    expect(figuresOf(all).total).toBeGreaterThan(mine.total);
    await expectMatches(admin, `?organisation=${org}`, 'r.organisation_id = $1', [org]);
    expect((await request(app, 'GET', '/api/dashboards/chiro_gites')).status).toBe(401);
    expect((await admin.call('GET', '/api/dashboards/chiro_gites?organisation=x')).status).toBe(400);
    expect((await admin.call('GET', '/api/dashboards/nope')).status).toBe(404);
  });

  it('refreshes the views after a write through the API (debounced)', async () => {
    const before = figuresOf(await admin.call('GET', '/api/dashboards/chiro_gites')).total as number;
    const { rows } = await db.query<{ id: string }>(
      'SELECT id FROM chiro_gites.observation ORDER BY id LIMIT 1',
    );
    const id = rows[0]?.id as string;
    const res = await admin.call('DELETE', `/api/modules/chiro_gites/observation/${id}`);
    expect(res.status, JSON.stringify(res.json)).toBe(204);
    await refresher.flush();
    const after = figuresOf(await admin.call('GET', '/api/dashboards/chiro_gites')).total;
    expect(after).toBe(before - 1);
  });

  it("lists the module's import jobs, and no other module's", async () => {
    expect((await admin.call('GET', '/api/dashboards/chiro_gites')).json.imports).toEqual([]);
    await db.query(
      `INSERT INTO suivi.import_job (module_code, level_key, provider, template, file_name, file_sha256, mode, atomicity,
         status, rows_read, inserted, rejected)
       VALUES ('chiro_gites', 'observation', 'csv', '{}', 'gites.csv', 'a', 'insert', 'valid_rows', 'done', 12, 10, 2),
              ('other', 'x', 'csv', '{}', 'x.csv', 'b', 'insert', 'valid_rows', 'done', 1, 1, 0)`,
    );
    const jobs = (await admin.call('GET', '/api/dashboards/chiro_gites')).json.imports;
    expect(jobs).toMatchObject([
      { file_name: 'gites.csv', rows_read: 12, inserted: 10, rejected: 2, status: 'done' },
    ]);
    await db.exec('DELETE FROM suivi.import_job');
  });
});
