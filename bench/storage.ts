/**
 * Storage bench: the same records in (a) the typed schema generated for examples/amphibiens_mares (core
 * migration + 001-tables.sql + 002-views.sql exactly as generated) and (b) a GeoNature Monitoring layout
 * (every protocol field in one `data jsonb`, bench/storage/geonature-layout.sql); load times, sizes, then
 * the same questions asked of both, timed side by side. The answers must be equal, or the bench fails.
 *
 * Run: `npm run bench:storage`. With DATABASE_URL (e.g. postgres://postgres@127.0.0.1:5432/postgres) it
 * creates a fresh database `suivi_bench` (dropped at the end unless KEEP=1); without, a smaller volume runs
 * on PGlite. Env: BENCH_SITES, BENCH_VISITS, BENCH_OBSERVATIONS, BENCH_GROUPS, BENCH_USERS, BENCH_RUNS
 * (timed runs per query, default 5), EXPLAIN=1 (print each plan once).
 */
import { readFileSync } from 'node:fs';
import {
  CORE_MIGRATIONS,
  coreMigrationSql,
  RECORD_MIGRATION_SQL,
} from '../runtime/db/core-schema/core-migrations.ts';
import type { Database } from '../test/db/databases.ts';
import { seedReference } from '../test/db/seed.ts';
import { exampleProtocol } from '../test/helpers/examples.ts';
import {
  DROP_SOURCES,
  generationSteps,
  geonatureLoadSteps,
  type Step,
  typedLoadSteps,
  type Volumes,
} from './storage/data.ts';
import { type BenchDatabase, openPglite, openPostgres } from './storage/engine.ts';
import { fingerprint, QUERY_PAIRS } from './storage/queries.ts';

const CODE = 'amphibiens_mares';
const GENERATED = new URL(`../examples/${CODE}/generated/sql/`, import.meta.url);
const GEONATURE_DDL = new URL('./storage/geonature-layout.sql', import.meta.url);

function intEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1)
    throw new Error(`${name} must be a positive integer, got ${raw}`);
  return value;
}

const url = process.env.DATABASE_URL;
const RUNS = intEnv('BENCH_RUNS', 5);
const sites = intEnv('BENCH_SITES', url ? 50_000 : 2_500);
const volumes: Volumes = {
  sites,
  groups: intEnv('BENCH_GROUPS', Math.max(1, Math.round(sites / 20))),
  visits: intEnv('BENCH_VISITS', url ? 200_000 : 10_000),
  observations: intEnv('BENCH_OBSERVATIONS', url ? 1_000_000 : 50_000),
  users: intEnv('BENCH_USERS', 100),
};
if (volumes.users < 2) throw new Error('BENCH_USERS must be at least 2 (a visit can have two observers)');

const ms = (t: number) => (t >= 100 ? t.toFixed(0) : t.toFixed(t >= 10 ? 1 : 2));
const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;

async function clock<T>(work: () => Promise<T>): Promise<[T, number]> {
  const t0 = performance.now();
  const result = await work();
  return [result, performance.now() - t0];
}

async function runSteps(db: Database, title: string, steps: readonly Step[]): Promise<number> {
  let total = 0;
  console.log(`\n${title}`);
  for (const step of steps) {
    const [, t] = await clock(() => db.exec(step.sql));
    total += t;
    console.log(`  ${step.label.padEnd(46)} ${ms(t).padStart(9)} ms`);
  }
  console.log(`  ${'total'.padEnd(46)} ${ms(total).padStart(9)} ms`);
  return total;
}

async function install(db: Database): Promise<void> {
  for (const migration of CORE_MIGRATIONS) {
    await db.exec(coreMigrationSql(migration));
    await db.query(RECORD_MIGRATION_SQL, [migration.id]);
  }
  for (const file of ['001-tables.sql', '002-views.sql']) {
    await db.exec(readFileSync(new URL(file, GENERATED), 'utf8'));
  }
  await seedReference(db, [exampleProtocol(CODE)]);
  await db.exec(readFileSync(GEONATURE_DDL, 'utf8'));
}

/** The same record counts in both layouts, before anything is timed. */
async function checkCounts(db: Database): Promise<void> {
  const pairs = [
    ['sites_group', 't_sites_groups'],
    ['site', 't_base_sites'],
    ['visit', 't_base_visits'],
    ['visit__observers', 'cor_visit_observer'],
    ['observation', 't_observations'],
  ] as const;
  for (const [typed, gn] of pairs) {
    const [row] = await db.query<{ a: number; b: number }>(
      `SELECT (SELECT count(*) FROM ${CODE}.${typed})::int AS a, (SELECT count(*) FROM gn_monitoring.${gn})::int AS b`,
    );
    if (!row || row.a !== row.b) throw new Error(`row counts differ: ${typed} ${row?.a} vs ${gn} ${row?.b}`);
  }
}

async function vacuumAnalyze(db: Database, schema: string): Promise<number> {
  const tables = await db.query<{ name: string }>(
    `SELECT quote_ident(schemaname) || '.' || quote_ident(tablename) AS name FROM pg_tables
     WHERE schemaname = $1 ORDER BY tablename`,
    [schema],
  );
  const [, t] = await clock(async () => {
    for (const { name } of tables) await db.exec(`VACUUM (ANALYZE) ${name}`);
  });
  return t;
}

interface Size {
  name: string;
  heap: number;
  idx: number;
  total: number;
  rows: number;
}

async function printSizes(db: Database, title: string, schema: string): Promise<number> {
  const sizes = await db.query<Size>(
    `SELECT c.relname AS name, pg_table_size(c.oid)::float8 AS heap, pg_indexes_size(c.oid)::float8 AS idx,
       pg_total_relation_size(c.oid)::float8 AS total, greatest(c.reltuples, 0)::float8 AS rows
     FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE c.relkind = 'r' AND n.nspname = $1 ORDER BY total DESC, name`,
    [schema],
  );
  const total = sizes.reduce((sum, s) => sum + s.total, 0);
  console.log(`\n${title}: ${mb(total)} MB          table MB  indexes MB   total MB        rows   bytes/row`);
  for (const s of sizes.filter((x) => x.rows > 0)) {
    console.log(
      `  ${s.name.padEnd(30)} ${mb(s.heap).padStart(9)} ${mb(s.idx).padStart(11)} ${mb(s.total).padStart(10)} ${String(Math.round(s.rows)).padStart(11)} ${(s.total / s.rows).toFixed(0).padStart(11)}`,
    );
  }
  return total;
}

interface Result {
  name: string;
  typed: number[];
  jsonb: number[];
  rowsTyped: number;
  rowsJsonb: number;
  mismatch?: string;
}

async function runPairs(db: Database): Promise<Result[]> {
  const results: Result[] = [];
  for (const pair of QUERY_PAIRS) {
    // Warm-up, and the answers compared.
    const a = await db.query(pair.typed);
    const b = await db.query(pair.jsonb);
    const fa = fingerprint(a, pair.compare);
    const fb = fingerprint(b, pair.compare);
    const at = fa.findIndex((row, i) => row !== fb[i]);
    const result: Result = {
      name: pair.name,
      typed: [],
      jsonb: [],
      rowsTyped: a.length,
      rowsJsonb: b.length,
    };
    if (fa.length !== fb.length || at >= 0) {
      const i = at >= 0 ? at : Math.min(fa.length, fb.length);
      result.mismatch = `${pair.name}: ${fa.length} vs ${fb.length} rows; row ${i}: typed ${fa[i]} / jsonb ${fb[i]}`;
    }
    // Alternate the layouts, so neither always runs on the other's cache state.
    for (let run = 0; run < RUNS; run++) {
      result.typed.push((await clock(() => db.query(pair.typed)))[1]);
      result.jsonb.push((await clock(() => db.query(pair.jsonb)))[1]);
    }
    results.push(result);
    if (process.env.EXPLAIN === '1') {
      for (const [side, sql] of [
        ['typed', pair.typed],
        ['jsonb', pair.jsonb],
      ] as const) {
        const plan = await db.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, BUFFERS) ${sql}`);
        console.log(`\n--- ${pair.name} [${side}]\n${plan.map((r) => r['QUERY PLAN']).join('\n')}`);
      }
    }
  }
  return results;
}

function printResults(results: readonly Result[]): void {
  console.log(`\nQueries: median of ${RUNS} runs after one warm-up (min in brackets)\n`);
  const head = ['query', 'typed ms', 'jsonb ms', 'ratio (jsonb/typed)', 'typed min', 'jsonb min', 'rows t/j'];
  const widths = [46, 9, 9, 19, 9, 9, 13];
  const line = (cells: string[]) =>
    `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(' | ')} |`;
  console.log(line(head));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const r of results) {
    const t = median(r.typed);
    const j = median(r.jsonb);
    console.log(
      line([
        r.name,
        ms(t),
        ms(j),
        `${(j / t).toFixed(1)}×`,
        `(${ms(Math.min(...r.typed))})`,
        `(${ms(Math.min(...r.jsonb))})`,
        `${r.rowsTyped}/${r.rowsJsonb}`,
      ]),
    );
  }
}

async function main(): Promise<void> {
  if (!url) {
    console.log(
      'DATABASE_URL is not set: running a small volume on embedded PGlite + PostGIS (figures not representative).\n' +
        'For the real benchmark: DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench:storage',
    );
  }
  const db: BenchDatabase = url ? await openPostgres(url, process.env.KEEP === '1') : await openPglite();
  try {
    console.log(`${db.version}, module ${CODE}`);
    console.log(
      `volumes: ${volumes.groups} sites groups, ${volumes.sites} sites, ${volumes.visits} visits, ` +
        `${volumes.observations} observations, ${volumes.users} observers`,
    );
    await install(db);
    await runSteps(
      db,
      'Generating the source rows (bench.src_*, shared by both loads)',
      generationSteps(volumes),
    );
    const typedLoad = await runSteps(db, `Load (a) typed: ${CODE}`, typedLoadSteps);
    const jsonbLoad = await runSteps(
      db,
      'Load (b) GeoNature-style: gn_monitoring + data jsonb',
      geonatureLoadSteps,
    );
    await checkCounts(db);
    await db.exec(DROP_SOURCES);
    const typedVacuum = await vacuumAnalyze(db, CODE);
    const jsonbVacuum = await vacuumAnalyze(db, 'gn_monitoring');
    console.log(`\nVACUUM (ANALYZE): typed ${ms(typedVacuum)} ms, jsonb ${ms(jsonbVacuum)} ms`);
    const typedSize = await printSizes(db, `Sizes (a) typed ${CODE}`, CODE);
    const jsonbSize = await printSizes(db, 'Sizes (b) gn_monitoring', 'gn_monitoring');
    console.log(
      `\nLoad: typed ${ms(typedLoad)} ms, jsonb ${ms(jsonbLoad)} ms (ratio jsonb/typed ${(jsonbLoad / typedLoad).toFixed(2)}); ` +
        `size: typed ${mb(typedSize)} MB, jsonb ${mb(jsonbSize)} MB (ratio ${(jsonbSize / typedSize).toFixed(2)})`,
    );
    const results = await runPairs(db);
    printResults(results);
    const mismatches = results.flatMap((r) => (r.mismatch ? [r.mismatch] : []));
    if (mismatches.length > 0) {
      throw new Error(`the layouts give different answers:\n  ${mismatches.join('\n  ')}`);
    }
    console.log('\nEvery pair of queries returned the same answer.');
  } finally {
    await db.close();
  }
}

await main();
