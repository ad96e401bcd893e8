/**
 * Map bench: the real Hono app (`app.request`, in process) over chiro_gites holding 100k sites spread
 * over France, asked for map views as the web app asks: one request per 256-pixel tile of a 1400×900
 * window, at three zooms (country 6, department 9, commune 13), over many random windows. Prints the
 * p50/p95 server time of one tile request (target p95 < 100 ms, issue 11) computed (no kept answer, as a
 * fresh server answers) and as served (answers kept while the records are unchanged, map-cache.ts), of a
 * whole window asked in one request, and of the tiles of a window one after the other; then with a list
 * filter and as a partner (organisation scope).
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench:map   # database suivi_bench_map
 *   npm run bench:map                                                            # small PGlite run
 *
 * On PostgreSQL it creates a fresh database `suivi_bench_map` (PostGIS), dropped at the end unless KEEP=1.
 * Env: BENCH_SITES (default 100 000; 10 000 on PGlite), BENCH_VIEWS (random windows per zoom, default 40).
 */
import { join } from 'node:path';
import pg from 'pg';
import type { Database } from '../runtime/db/database.ts';
import { migrate } from '../runtime/db/migrate.ts';
import { IN_MEMORY, openPGlite } from '../runtime/db/pglite.ts';
import { openPostgres } from '../runtime/db/postgres.ts';
import { seedDemo } from '../runtime/demo/seed.ts';
import { EXAMPLES_ROOT } from '../runtime/modules/folders.ts';
import { installModule } from '../runtime/modules/install.ts';
import { loadModules } from '../runtime/modules/load.ts';
import { clearMapCache } from '../runtime/records/operations/map-cache.ts';
import { buildServerApp } from '../runtime/server/build-app.ts';
import { EXTENT, recordSteps, runSteps } from './api/seed.ts';
import { random, randomViews, tileBbox, type View } from './map/views.ts';

const DATABASE = 'suivi_bench_map';
const FOLDER = join(EXAMPLES_ROOT, 'chiro_gites', 'generated');
const url = process.env.DATABASE_URL;

function intEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1)
    throw new Error(`${name} must be a positive integer, got ${raw}`);
  return value;
}

const SITES = intEnv('BENCH_SITES', url ? 100_000 : 10_000);
const VIEWS = intEnv('BENCH_VIEWS', 40);
const ZOOMS = [
  { name: 'country', zoom: 6 },
  { name: 'department', zoom: 9 },
  { name: 'commune', zoom: 13 },
] as const;

async function openTarget(): Promise<{ db: Database; label: string; drop(): Promise<void> }> {
  if (!url) {
    console.log('DATABASE_URL is not set: a SMALL run on in-memory PGlite (not the target volume).\n');
    return {
      db: await openPGlite({ dataDir: IN_MEMORY }),
      label: 'PGlite (in memory)',
      drop: async () => {},
    };
  }
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query('SET client_min_messages = warning');
  await admin.query(`DROP DATABASE IF EXISTS ${DATABASE} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${DATABASE}`);
  const target = new URL(url);
  target.pathname = `/${DATABASE}`;
  const db = await openPostgres(target.toString());
  const version = (
    await db.query<{ v: string; g: string }>(
      "SELECT current_setting('server_version') AS v, postgis_lib_version() AS g",
    )
  ).rows[0];
  return {
    db,
    label: `PostgreSQL ${version?.v} + PostGIS ${version?.g}`,
    async drop() {
      if (process.env.KEEP === '1') console.log(`KEEP=1: database ${DATABASE} kept.`);
      else await admin.query(`DROP DATABASE IF EXISTS ${DATABASE} WITH (FORCE)`);
      await admin.end();
    },
  };
}

const percentile = (sorted: readonly number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] ?? Number.NaN;
const ms = (t: number) => (t >= 100 ? t.toFixed(0) : t.toFixed(1));

function report(label: string, times: number[], target?: number, extra = '') {
  const sorted = [...times].sort((a, b) => a - b);
  const p95 = percentile(sorted, 95);
  const verdict = target === undefined ? '' : `target p95 < ${target} ms: ${p95 < target ? 'met' : 'MISSED'}`;
  console.log(
    `  ${label.padEnd(46)} n=${String(times.length).padStart(4)}  p50 ${ms(percentile(sorted, 50)).padStart(6)} ms  p95 ${ms(p95).padStart(6)} ms  ${verdict}${extra}`,
  );
}

interface MapAnswer {
  total: number;
  clusters: unknown[];
  features: unknown[];
}

const started = performance.now();
const target = await openTarget();
const { db } = target;
try {
  console.log(
    `${target.label}; ${SITES.toLocaleString('en-US')} sites; ${VIEWS} random 1400×900 windows per zoom`,
  );
  const t = performance.now();
  await migrate(db);
  await installModule(db, FOLDER);
  const modules = await loadModules(db, [FOLDER]);
  await seedDemo(db, modules);
  const [sites] = recordSteps({ sites: SITES, visits: 0, observations: 0, taxa: 0 });
  await db.transaction((tx) => runSteps(tx, [sites!], console.log));
  await db.exec('VACUUM ANALYZE');
  console.log(`set up in ${((performance.now() - t) / 1000).toFixed(1)} s`);

  const app = buildServerApp({ db, modules });
  const signIn = async (login: string, password: string) => {
    const res = await app.request('/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ login, password }),
    });
    if (res.status !== 200) throw new Error(`sign-in ${login}: ${res.status}`);
    return (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  };
  const adminCookie = await signIn('admin', 'suivi-admin');
  const partnerCookie = await signIn('partenaire.cen', 'suivi-cen');
  const base = '/api/modules/chiro_gites/site/map';
  const ask = async (bbox: readonly number[], zoom: number, extra = '', cookie = adminCookie) => {
    const t0 = performance.now();
    const res = await app.request(
      `${base}?bbox=${bbox.map((n) => n.toFixed(6)).join(',')}&zoom=${zoom}${extra}`,
      {
        headers: { cookie },
      },
    );
    const answer = (await res.json()) as MapAnswer;
    if (res.status !== 200) throw new Error(`${res.status}: ${JSON.stringify(answer).slice(0, 300)}`);
    return { time: performance.now() - t0, answer };
  };
  // Warm the caches and the plans.
  for (const view of randomViews(3, 6, random(1))) await ask(view.bbox, 6);

  const run = async (label: string, zoom: number, views: View[], extra = '', cookie = adminCookie) => {
    // First as a fresh server answers each tile (no kept answer: the query runs), then as the app
    // serves them in turn, keeping answers (operations/map-cache.ts) as the windows overlap.
    const coldTimes: number[] = [];
    for (const view of views)
      for (const tile of view.tiles) {
        clearMapCache(db);
        coldTimes.push((await ask(tileBbox(tile), zoom, extra, cookie)).time);
      }
    clearMapCache(db);
    const tileTimes: number[] = [];
    const windowTimes: number[] = [];
    const oneRequest: number[] = [];
    let clusters = 0;
    let features = 0;
    for (const view of views) {
      let sum = 0;
      for (const tile of view.tiles) {
        const { time, answer } = await ask(tileBbox(tile), zoom, extra, cookie);
        tileTimes.push(time);
        sum += time;
        clusters += answer.clusters.length;
        features += answer.features.length;
      }
      windowTimes.push(sum);
      oneRequest.push((await ask(view.bbox, zoom, extra, cookie)).time);
    }
    const perTile = ` (per tile: ${(clusters / tileTimes.length).toFixed(0)} clusters, ${(features / tileTimes.length).toFixed(0)} features)`;
    report(`${label}: one tile request, computed`, coldTimes, 100);
    report(`${label}: one tile request, as served`, tileTimes, 100, perTile);
    report(`${label}: the whole window, one request`, oneRequest);
    report(`${label}: all tiles of a window, in turn`, windowTimes);
  };

  console.log(`\nmap requests through app.request (${target.label}), admin (no scope):`);
  // The floor on this machine: the same route over an empty view (sign-in check, parsing, one query).
  const empty: number[] = [];
  for (let i = 0; i < VIEWS * 10; i++) empty.push((await ask([-40, 30 + (i % 10) * 0.01, -39, 31], 9)).time);
  report('empty view (mid-Atlantic): the floor', empty);
  for (const { name, zoom } of ZOOMS)
    await run(`${name} (zoom ${zoom})`, zoom, randomViews(VIEWS, zoom, random(zoom)));
  console.log('\nwith a list filter, and as a partner (organisation scope: half the sites):');
  await run('country, roost_type=CAVE', 6, randomViews(VIEWS, 6, random(60)), '&roost_type=CAVE');
  await run('country, partenaire.cen', 6, randomViews(VIEWS, 6, random(61)), '', partnerCookie);
  console.log(
    `\nFrance: ${JSON.stringify(EXTENT)}; done in ${((performance.now() - started) / 1000).toFixed(0)} s`,
  );
} finally {
  await db.close();
  await target.drop();
}
