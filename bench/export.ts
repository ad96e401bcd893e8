/**
 * Export bench: the real Hono app (`app.request`, in process) over chiro_gites holding 100k sites, 300k
 * visits and 1M observations (bench/api/seed.ts), exporting the observation level with the whole tree
 * joined (each row with its visit's and site's columns) as CSV, then the module as a GeoPackage (three
 * layers, 1.4M features). Prints rows per second and the process's peak RSS (sampled every 50 ms)
 * beside issue 14's target: RSS under 300 MB.
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench:export   # database suivi_bench_export
 *   npm run bench:export                                                            # small PGlite run
 *
 * On PostgreSQL it creates a fresh database `suivi_bench_export`, dropped at the end unless KEEP=1;
 * REUSE=1 exports from the one a KEEP=1 run left (loading 1.4M records takes minutes); BENCH_DATABASE
 * names another database (dropped and created likewise).
 * Env: BENCH_SITES, BENCH_VISITS, BENCH_OBSERVATIONS; BENCH_FORMATS=csv,gpkg (default both);
 * BENCH_GPKG_LEVEL=site|visit|observation writes one layer only; BENCH_TAXON=<cd_nom> exports the
 * observations of one taxon (a list filter).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { IN_MEMORY } from '../runtime/db/data-dir.ts';
import type { Database } from '../runtime/db/database.ts';
import { migrate } from '../runtime/db/migrate.ts';
import { openPostgres } from '../runtime/db/postgres.ts';
import { EXAMPLES_ROOT } from '../runtime/modules/folders.ts';
import { installModule } from '../runtime/modules/install.ts';
import { loadModules } from '../runtime/modules/load.ts';
import { buildServerApp } from '../runtime/server/build-app.ts';
import type { Volumes } from './api/seed.ts';

/** BENCH_DATABASE names another database (an engineer's own, on a shared server). */
const DATABASE = process.env.BENCH_DATABASE ?? 'suivi_bench_export';
if (!/^[a-z_][a-z0-9_]*$/.test(DATABASE))
  throw new Error(`BENCH_DATABASE must be a plain name, got ${DATABASE}`);
const FOLDER = join(EXAMPLES_ROOT, 'chiro_gites', 'generated');
const RSS_TARGET_MB = 300;
const REUSE = process.env.REUSE === '1';
const FORMATS = (process.env.BENCH_FORMATS ?? 'csv,gpkg').split(',');
const GPKG_LEVEL = process.env.BENCH_GPKG_LEVEL;
/** Only the observations of one taxon (a list filter, as the web app sends it), for a shorter run. */
const TAXON = process.env.BENCH_TAXON;
const filter = TAXON ? `&cd_nom=${encodeURIComponent(TAXON)}` : '';

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
  sites: intEnv('BENCH_SITES', url ? 100_000 : 2_000),
  visits: intEnv('BENCH_VISITS', url ? 300_000 : 6_000),
  observations: intEnv('BENCH_OBSERVATIONS', url ? 1_000_000 : 20_000),
  taxa: 0,
};
const GPKG_ROWS: Readonly<Record<string, number>> = {
  site: volumes.sites,
  visit: volumes.visits,
  observation: volumes.observations,
};

async function openTarget(): Promise<{ db: Database; label: string; drop(): Promise<void> }> {
  if (!url) {
    console.log('DATABASE_URL is not set: a SMALL run on in-memory PGlite (not the target volume).\n');
    // Imported only here (as the server does, runtime/db/open.ts): on PostgreSQL, PGlite's engine would
    // sit in the baseline the export's peak RSS is measured over.
    const { openPGlite } = await import('../runtime/db/pglite.ts');
    return {
      db: await openPGlite({ dataDir: IN_MEMORY }),
      label: 'PGlite (in memory)',
      drop: async () => {},
    };
  }
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query('SET client_min_messages = warning');
  if (!REUSE) {
    await admin.query(`DROP DATABASE IF EXISTS ${DATABASE} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${DATABASE}`);
  }
  const target = new URL(url);
  target.pathname = `/${DATABASE}`;
  const db = await openPostgres(target.toString());
  const v = (await db.query<{ v: string }>("SELECT current_setting('server_version') AS v")).rows[0]?.v;
  return {
    db,
    label: `PostgreSQL ${v}`,
    async drop() {
      if (process.env.KEEP === '1') console.log(`KEEP=1: database ${DATABASE} kept.`);
      else await admin.query(`DROP DATABASE IF EXISTS ${DATABASE} WITH (FORCE)`);
      await admin.end();
    },
  };
}

/** Peak RSS while `work` runs, sampled every 50 ms. */
async function withPeakRss<T>(work: () => Promise<T>): Promise<{ result: T; peakMb: number }> {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 50);
  try {
    const result = await work();
    peak = Math.max(peak, process.memoryUsage().rss);
    return { result, peakMb: peak / 1024 / 1024 };
  } finally {
    clearInterval(timer);
  }
}

/** CPU seconds the database's server processes have used (Linux /proc, a local server); undefined otherwise. */
async function serverCpuSeconds(db: Database): Promise<number | undefined> {
  if (db.engine !== 'postgres') return undefined;
  const { rows } = await db.query<{ pid: number }>(
    'SELECT pid FROM pg_stat_activity WHERE datname = current_database()',
  );
  let ticks = 0;
  for (const { pid } of rows) {
    try {
      // Fields 14 and 15 (utime, stime), counted after the command name's closing parenthesis.
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      return undefined;
    }
  }
  return ticks / 100; // USER_HZ
}

const target = await openTarget();
const { db } = target;
try {
  console.log(`${target.label}; volumes: ${JSON.stringify(volumes)}`);
  let t = performance.now();
  if (!REUSE) {
    // The demo seed and the volume generator only when loading: a REUSE=1 run's baseline is the server's.
    const { seedDemo } = await import('../runtime/demo/seed.ts');
    const { recordSteps, runSteps } = await import('./api/seed.ts');
    await migrate(db);
    await installModule(db, FOLDER);
    await seedDemo(db, await loadModules(db, [FOLDER]));
    await db.transaction((tx) => runSteps(tx, recordSteps(volumes), console.log));
    await db.exec('VACUUM ANALYZE');
    console.log(`  load with VACUUM ANALYZE ${((performance.now() - t) / 1000).toFixed(1)} s`);
  } else {
    // The folder may hold newer derived SQL (export views) than the kept database: install reruns it.
    const { status } = await installModule(db, FOLDER);
    console.log(`  module ${status} in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  }
  const modules = await loadModules(db, [FOLDER]);
  const app = buildServerApp({ db, modules });
  const login = await app.request('/api/auth/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ login: 'admin', password: 'suivi-admin' }),
  });
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  global.gc?.();
  console.log(
    `\nexports through app.request (${target.label}), RSS before: ${(process.memoryUsage().rss / 1024 / 1024).toFixed(0)} MB`,
  );

  const runs: [label: string, path: string, rows: number][] = [
    [
      'observation CSV, whole tree',
      `/api/exports/chiro_gites?format=csv&level=observation${filter}`,
      volumes.observations,
    ],
    GPKG_LEVEL
      ? [
          `${GPKG_LEVEL} GeoPackage`,
          `/api/exports/chiro_gites?format=gpkg&level=${GPKG_LEVEL}${GPKG_LEVEL === 'observation' ? filter : ''}`,
          GPKG_ROWS[GPKG_LEVEL] ?? 0,
        ]
      : [
          'module GeoPackage (3 layers)',
          '/api/exports/chiro_gites?format=gpkg',
          volumes.sites + volumes.visits + volumes.observations,
        ],
  ];
  if (TAXON) {
    const { rows: found } = await db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM chiro_gites.observation WHERE cd_nom = $1',
      [Number(TAXON)],
    );
    for (const run of runs) if (run[1].includes('level=observation')) run[2] = found[0]?.n ?? 0;
  }
  for (const [label, path, rows] of runs) {
    if (!FORMATS.some((f) => path.includes(`format=${f}`))) continue;
    t = performance.now();
    const cpuBefore = process.cpuUsage();
    const serverBefore = await serverCpuSeconds(db);
    const { result: bytes, peakMb } = await withPeakRss(async () => {
      const res = await app.request(path, { headers: { cookie } });
      if (res.status !== 200 || !res.body) throw new Error(`${res.status}: ${await res.text()}`);
      let n = 0;
      const reader = res.body.getReader();
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        n += value.length;
      }
      return n;
    });
    const seconds = (performance.now() - t) / 1000;
    const cpu = process.cpuUsage(cpuBefore);
    const serverAfter = await serverCpuSeconds(db);
    const server =
      serverBefore === undefined || serverAfter === undefined
        ? 'n/a'
        : `${(serverAfter - serverBefore).toFixed(0)} s`;
    console.log(
      `  ${label.padEnd(30)} ${rows.toLocaleString('en-US').padStart(10)} rows  ${seconds.toFixed(1).padStart(6)} s  ${Math.round(
        rows / seconds,
      )
        .toLocaleString('en-US')
        .padStart(
          8,
        )} rows/s  ${(bytes / 1024 / 1024).toFixed(0).padStart(5)} MB  peak RSS ${peakMb.toFixed(0)} MB (target < ${RSS_TARGET_MB} MB: ${peakMb < RSS_TARGET_MB ? 'met' : 'MISSED'})`,
    );
    // On a shared machine the wall time depends on the load; CPU time does not.
    console.log(
      `  ${''.padEnd(30)} CPU: this process ${((cpu.user + cpu.system) / 1e6).toFixed(0)} s, the database server ${server}; load average ${readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')}`,
    );
    global.gc?.();
  }
} finally {
  await db.close();
  await target.drop();
}
