/**
 * Dashboards bench: amphibiens_mares with BENCH_OBSERVATIONS observations (default 1M on PostgreSQL,
 * 50k on PGlite) in its generated tables (the storage bench's synthetic data, bench/storage/data.ts),
 * then: the time to build the dashboards' materialized views (as an install or upgrade does), to
 * REFRESH them CONCURRENTLY (after writes) and plainly, and the dashboard query's latency (the API's
 * `dashboardFigures`, all organisations and one), p50/p95 over BENCH_RUNS runs.
 *
 * Run: `node --import tsx bench/dashboards.ts`. With DATABASE_URL (a server URL, e.g.
 * postgres://postgres@127.0.0.1:5432/postgres) it creates a fresh database `suivi_dash_bench`, dropped
 * at the end unless KEEP=1.
 */
import { readFileSync } from 'node:fs';
import pg from 'pg';
import type { DashboardDescriptor } from '../generators/model/index.ts';
import { dashboardFigures } from '../runtime/dashboards/figures.ts';
import { refreshDashboards } from '../runtime/dashboards/refresh.ts';
import type { Database } from '../runtime/db/database.ts';
import { migrate } from '../runtime/db/migrate.ts';
import { IN_MEMORY, openPGlite } from '../runtime/db/pglite.ts';
import { openPostgres } from '../runtime/db/postgres.ts';
import { rowsDatabase } from '../test/db/databases.ts';
import { seedReference } from '../test/db/seed.ts';
import { exampleProtocol } from '../test/helpers/examples.ts';
import { DROP_SOURCES, generationSteps, typedLoadSteps } from './storage/data.ts';

const CODE = 'amphibiens_mares';
const GENERATED = new URL(`../examples/${CODE}/generated/`, import.meta.url);
const DATABASE = 'suivi_dash_bench';
const url = process.env.DATABASE_URL;
const RUNS = Number(process.env.BENCH_RUNS ?? 40);
const observations = Number(process.env.BENCH_OBSERVATIONS ?? (url ? 1_000_000 : 50_000));
const sites = Math.max(100, Math.round(observations / 20));
const volumes = {
  sites,
  groups: Math.max(1, Math.round(sites / 20)),
  visits: Math.round(observations / 5),
  observations,
  users: 100,
};

const ms = (t: number) => t.toFixed(t >= 100 ? 0 : 1);
async function clock(work: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  await work();
  return performance.now() - t0;
}
const percentile = (values: number[], p: number) =>
  [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(values.length * p))] ?? NaN;

async function open(): Promise<{ db: Database; drop: () => Promise<void> }> {
  if (!url) return { db: await openPGlite({ dataDir: IN_MEMORY }), drop: async () => {} };
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query('SET client_min_messages = warning');
  await admin.query(`DROP DATABASE IF EXISTS ${DATABASE} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${DATABASE}`);
  const target = new URL(url);
  target.pathname = `/${DATABASE}`;
  const db = await openPostgres(target.toString());
  await db.exec('CREATE EXTENSION IF NOT EXISTS postgis');
  return {
    db,
    drop: async () => {
      if (process.env.KEEP !== '1') await admin.query(`DROP DATABASE IF EXISTS ${DATABASE} WITH (FORCE)`);
      await admin.end();
    },
  };
}

async function main(): Promise<void> {
  const { db, drop } = await open();
  try {
    console.log(
      `dashboards bench on ${db.engine}: ${observations} observations, ${volumes.visits} visits, ${sites} sites`,
    );
    await migrate(db);
    for (const file of ['sql/001-tables.sql', 'sql/002-views.sql'])
      await db.exec(readFileSync(new URL(file, GENERATED), 'utf8'));
    await seedReference(rowsDatabase(db), [exampleProtocol(CODE)]);
    const load = await clock(async () => {
      for (const step of [...generationSteps(volumes), ...typedLoadSteps]) await db.exec(step.sql);
      await db.exec(DROP_SOURCES);
      await db.exec(`ANALYZE ${CODE}.observation; ANALYZE ${CODE}.visit; ANALYZE ${CODE}.site`);
    });
    console.log(`  data loaded                              ${ms(load).padStart(8)} ms`);
    const build = await clock(() =>
      db.exec(readFileSync(new URL('dashboards/dashboards.sql', GENERATED), 'utf8')),
    );
    console.log(`  views built (install / upgrade)          ${ms(build).padStart(8)} ms`);
    const concurrent: number[] = [];
    for (let i = 0; i < 3; i++) concurrent.push(await clock(() => refreshDashboards(db, CODE)));
    console.log(
      `  REFRESH … CONCURRENTLY, all views        ${ms(percentile(concurrent, 0.5)).padStart(8)} ms (median of 3)`,
    );
    const views = ['dash_month', 'dash_status', 'dash_site_taxon', 'dash_dimension'];
    for (const view of views) {
      const t = await clock(() => db.exec(`REFRESH MATERIALIZED VIEW CONCURRENTLY ${CODE}.${view}`));
      const { rows } = await db.query<{ n: number }>(`SELECT count(*)::integer AS n FROM ${CODE}.${view}`);
      console.log(`    ${view.padEnd(20)} ${String(rows[0]?.n).padStart(8)} rows ${ms(t).padStart(8)} ms`);
    }
    const plain = await clock(async () => {
      for (const view of views) await db.exec(`REFRESH MATERIALIZED VIEW ${CODE}.${view}`);
    });
    console.log(`  REFRESH (not concurrent), all views      ${ms(plain).padStart(8)} ms`);
    const descriptor = JSON.parse(
      readFileSync(new URL('dashboards/dashboards.json', GENERATED), 'utf8'),
    ) as DashboardDescriptor;
    const { rows: orgs } = await db.query<{ id: string }>(
      `SELECT organisation_id AS id FROM ${CODE}.dash_status WHERE organisation_id IS NOT NULL LIMIT 1`,
    );
    for (const [label, scope] of [
      ['all organisations', { kind: 'all' } as const],
      ['one organisation', { kind: 'organisation', id: orgs[0]?.id ?? null } as const],
    ] as const) {
      const times: number[] = [];
      let total = 0;
      for (let i = 0; i < RUNS; i++)
        times.push(
          await clock(async () => (total = (await dashboardFigures(db, CODE, descriptor, scope)).total)),
        );
      console.log(
        `  dashboard query, ${label.padEnd(18)}  p50 ${ms(percentile(times, 0.5))} ms, p95 ${ms(percentile(times, 0.95))} ms (${RUNS} runs, ${total} records)`,
      );
    }
  } finally {
    await db.close();
    await drop();
  }
}

await main();
