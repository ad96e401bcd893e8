/**
 * API bench: the real Hono app (`app.request`, in process: no socket, but every route, parser, validator
 * and query of a served request) over one example module (chiro_gites) holding 100k sites, 300k visits
 * and 1M observations, and a full-size taxon table (600k names). Prints p50/p95 beside the targets of
 * issue 4: p95 < 100 ms for a 50-row list page filtered on a protocol field and for a taxon search,
 * < 1 s for the GeoJSON of ~20k sites in a bounding box; and a create with validation (an observation).
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench:api   # database suivi_bench_api
 *   npm run bench:api                                                            # small PGlite run
 *
 * On PostgreSQL it creates a fresh database `suivi_bench_api` (PostGIS), dropped at the end unless KEEP=1.
 * Env: BENCH_SITES, BENCH_VISITS, BENCH_OBSERVATIONS, BENCH_TAXA, BENCH_REQUESTS (per measure, default 200).
 */
import { join } from 'node:path';
import pg from 'pg';
import type { ResolvedProtocol } from '../protocol-specs/index.ts';
import type { Database } from '../runtime/db/database.ts';
import { migrate } from '../runtime/db/migrate.ts';
import { IN_MEMORY, openPGlite } from '../runtime/db/pglite.ts';
import { openPostgres } from '../runtime/db/postgres.ts';
import { seedDemo } from '../runtime/demo/seed.ts';
import { EXAMPLES_ROOT } from '../runtime/modules/folders.ts';
import { installModule } from '../runtime/modules/install.ts';
import { loadModules } from '../runtime/modules/load.ts';
import { buildServerApp } from '../runtime/server/build-app.ts';
import { searchTaxa } from '../runtime/server/taxa-routes.ts';
import { EXTENT, recordSteps, runSteps, searchPrefixes, taxaStep, type Volumes } from './api/seed.ts';

const DATABASE = 'suivi_bench_api';
const FOLDER = join(EXAMPLES_ROOT, 'chiro_gites', 'generated');

function intEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1)
    throw new Error(`${name} must be a positive integer, got ${raw}`);
  return value;
}

const url = process.env.DATABASE_URL;
const volumes: Volumes = {
  sites: intEnv('BENCH_SITES', url ? 100_000 : 5_000),
  visits: intEnv('BENCH_VISITS', url ? 300_000 : 15_000),
  observations: intEnv('BENCH_OBSERVATIONS', url ? 1_000_000 : 50_000),
  taxa: intEnv('BENCH_TAXA', url ? 600_000 : 60_000),
};
const REQUESTS = intEnv('BENCH_REQUESTS', 200);

async function openTarget(): Promise<{ db: Database; label: string; drop(): Promise<void> }> {
  if (!url) {
    console.log(
      'DATABASE_URL is not set: a SMALL run on in-memory PGlite (figures are not the targets’ volume).\n' +
        'For the real bench: DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench:api\n',
    );
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
  const db = await openPostgres(target.toString()); // CREATE EXTENSION IF NOT EXISTS postgis on open
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

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] ?? NaN;
const ms = (t: number) => (t >= 100 ? t.toFixed(0) : t.toFixed(1));

/** Times `n` calls of `run(i)` (after `warm` untimed ones); prints p50/p95 and the target. */
async function measure(
  label: string,
  n: number,
  target: number | undefined,
  run: (i: number) => Promise<void>,
) {
  for (let i = 0; i < Math.min(5, n); i++) await run(n + i);
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await run(i);
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  const p95 = percentile(times, 95);
  const verdict = target === undefined ? '' : `target p95 < ${target} ms: ${p95 < target ? 'met' : 'MISSED'}`;
  console.log(
    `  ${label.padEnd(52)} n=${String(n).padStart(4)}  p50 ${ms(percentile(times, 50)).padStart(6)} ms  p95 ${ms(p95).padStart(6)} ms  ${verdict}`,
  );
}

async function expectOk(response: Response, status = 200): Promise<Response> {
  if (response.status !== status)
    throw new Error(`${response.status}: ${(await response.text()).slice(0, 500)}`);
  return response;
}

const started = performance.now();
const target = await openTarget();
const { db } = target;
try {
  console.log(`${target.label}; volumes: ${JSON.stringify(volumes)}`);
  let t = performance.now();
  await migrate(db);
  await installModule(db, FOLDER);
  const modules = await loadModules(db, [FOLDER]);
  await seedDemo(db, modules);
  console.log(
    `migrate, install chiro_gites, demo data: ${((performance.now() - t) / 1000).toFixed(1)} s\nload (INSERT … SELECT generate_series):`,
  );
  t = performance.now();
  await db.transaction((tx) => runSteps(tx, [...recordSteps(volumes), taxaStep(volumes.taxa)], console.log));
  await db.exec('VACUUM ANALYZE');
  console.log(
    `  total with VACUUM ANALYZE           ${((performance.now() - t) / 1000).toFixed(1).padStart(6)} s`,
  );

  const app = buildServerApp({ db, modules });
  const base = '/api/modules/chiro_gites';
  // Signed in as the demo administrator (every action on every record), as the web app would be.
  const login = await expectOk(
    await app.request('/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ login: 'admin', password: 'suivi-admin' }),
    }),
  );
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const call = (path: string, init: RequestInit = {}) =>
    app.request(path, { ...init, headers: { ...(init.headers as Record<string, string>), cookie } });

  console.log(`\nrequests through app.request (${target.label}):`);
  const statuses = ['GESTATION', 'BIRTHS', 'YOUNG_FLIGHTLESS', 'YOUNG_FLYING'];
  await measure('observation list, 50 rows, repro_status=…, pages 1–5', REQUESTS, 100, async (i) => {
    const r = await expectOk(
      await call(`${base}/observation?repro_status=${statuses[i % 4]}&page=${1 + (i % 5)}&page_size=50`),
    );
    const page = (await r.json()) as { items: unknown[] };
    if (page.items.length !== 50) throw new Error(`a page of ${page.items.length} rows`);
  });
  await measure('visit list, 50 rows, season=summer&visit_method=PHOTO', REQUESTS, 100, async (i) => {
    await expectOk(await call(`${base}/visit?season=summer&visit_method=PHOTO&page=${1 + (i % 5)}`));
  });
  // A fifth of the extent's width: ~20% of the sites (~20k of 100k).
  const width = (EXTENT.maxx - EXTENT.minx) / 5;
  let features = 0;
  await measure(
    'site GeoJSON in a bounding box (~20% of the sites)',
    Math.max(10, Math.round(REQUESTS / 10)),
    1000,
    async (i) => {
      const minx = EXTENT.minx + (i % 4) * width;
      const r = await expectOk(
        await call(`${base}/site.geojson?bbox=${minx},${EXTENT.miny},${minx + width},${EXTENT.maxy}`),
      );
      features = ((await r.json()) as { features: unknown[] }).features.length;
    },
  );
  console.log(`  (last GeoJSON: ${features.toLocaleString('en-US')} features)`);

  const prefixes = searchPrefixes();
  let hits = 0;
  await measure('taxon search, all names (varied prefixes)', REQUESTS, 100, async (i) => {
    const r = await expectOk(
      await call(`/api/taxa?q=${encodeURIComponent(prefixes[i % prefixes.length]!)}&limit=20`),
    );
    hits += ((await r.json()) as { items: unknown[] }).items.length;
  });
  console.log(`  (${(hits / (REQUESTS + 5)).toFixed(1)} names per answer on average)`);
  await measure('taxon search, module=chiro_gites (a list of 12)', REQUESTS, 100, async (i) => {
    await expectOk(
      await call(`/api/taxa?q=${['pip', 'myo', 'murin', 'grand', 'noc'][i % 5]}&module=chiro_gites`),
    );
  });
  // Group scopes of other protocols, through the same function (the bench installs one module).
  for (const [rank, name] of [
    ['group2_inpn', 'Oiseaux'],
    ['regne', 'Plantae'],
  ] as const) {
    const protocol = { taxonomy: { scope: 'group', rank, name } } as unknown as ResolvedProtocol;
    await measure(`taxon search, group ${rank}=${name} (searchTaxa)`, REQUESTS, 100, async (i) => {
      await searchTaxa(db, prefixes[i % prefixes.length]!, protocol, 20);
    });
  }

  const visit = await db.query<{ id: string }>(
    "SELECT id FROM chiro_gites.visit WHERE season = 'summer' LIMIT 1",
  );
  const visitId = visit.rows[0]!.id;
  await measure('create an observation (validation, rules, insert)', REQUESTS, undefined, async (i) => {
    await expectOk(
      await call(`${base}/observation`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          visit_id: visitId,
          cd_nom: 60418,
          count_adults: i % 50,
          count_juveniles: i % 7,
          repro_status: 'BIRTHS',
        }),
      }),
      201,
    );
  });
  console.log(`\ndone in ${((performance.now() - started) / 1000).toFixed(0)} s`);
} finally {
  await db.close();
  await target.drop();
}
