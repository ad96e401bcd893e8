/**
 * History bench: what the record-history trigger (core migration 0011, the module's sql/003-history.sql)
 * costs a write. 100k observations of examples/amphibiens_mares inserted in one transaction, in batches
 * of 1,000 rows, with the trigger and without it (dropped), alternately, BENCH_RUNS times each; then the
 * same rows updated (one column) with and without. Prints rows per second (median run), the overhead,
 * and the history table's size per row.
 *
 * Run: `npm run bench:history`. Needs DATABASE_URL (a PostgreSQL with PostGIS available): creates a
 * fresh database `suivi_bench_history`, dropped at the end unless KEEP=1. Env: BENCH_ROWS (default
 * 100000), BENCH_RUNS (default 3).
 */
import pg from 'pg';
import type { Database } from '../runtime/db/database.ts';
import { migrate } from '../runtime/db/migrate.ts';
import { openPostgres } from '../runtime/db/postgres.ts';
import { installModule } from '../runtime/modules/install.ts';
import { seedReference } from '../test/db/seed.ts';
import { exampleProtocol } from '../test/helpers/examples.ts';

const url = process.env.DATABASE_URL;
if (!url) throw new Error('bench/history.ts needs DATABASE_URL (postgres://…), PostgreSQL with PostGIS');
const ROWS = Number(process.env.BENCH_ROWS ?? 100_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const BATCH = 1_000;
const NAME = 'suivi_bench_history';
const S = 'amphibiens_mares';
const IDS = {
  area: '00000000-0000-4000-8000-0000000b0001',
  pond: '00000000-0000-4000-8000-0000000b0002',
  visit: '00000000-0000-4000-8000-0000000b0003',
};

async function admin(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

async function setUp(): Promise<{ db: Database; target: string }> {
  await admin(`DROP DATABASE IF EXISTS ${NAME} WITH (FORCE)`);
  await admin(`CREATE DATABASE ${NAME}`);
  const target = new URL(url as string);
  target.pathname = `/${NAME}`;
  const db = await openPostgres(target.toString(), { max: 2 });
  await migrate(db);
  const protocol = exampleProtocol(S);
  await seedReference(db, [protocol]);
  await installModule(db, new URL(`../examples/${S}/generated`, import.meta.url).pathname);
  await db.query(
    `INSERT INTO ${S}.sites_group (id, sites_group_name, landscape) VALUES ($1, 'Bench', 'BOCAGE')`,
    [IDS.area],
  );
  await db.query(
    `INSERT INTO ${S}.site (id, sites_group_id, geom, base_site_name) VALUES ($1, $2, ST_GeomFromText('POINT(4.8 45.7)', 4326), 'Mare')`,
    [IDS.pond, IDS.area],
  );
  await db.query(
    `INSERT INTO ${S}.visit (id, site_id, visit_date_min, expertise, accessibility, inaccessible_reason, id_dataset) VALUES ($1, $2, '2026-04-01', 'expert', 'Non', 'Clôture', $3)`,
    [IDS.visit, IDS.pond, protocol.datasets[0]],
  );
  return { db, target: target.toString() };
}

/** Inserts ROWS observations in batches; seconds. */
async function insertAll(db: Database): Promise<number> {
  const started = performance.now();
  await db.transaction(async (tx) => {
    for (let done = 0; done < ROWS; done += BATCH) {
      const n = Math.min(BATCH, ROWS - done);
      await tx.query(
        `INSERT INTO ${S}.observation (visit_id, presence, comments)
         SELECT $1::uuid, 'Non', 'bench ' || i FROM generate_series($2::integer, $3::integer) AS i`,
        [IDS.visit, done, done + n - 1],
      );
    }
  });
  return (performance.now() - started) / 1000;
}

async function updateAll(db: Database): Promise<number> {
  const started = performance.now();
  await db.query(`UPDATE ${S}.observation SET comments = comments || ' +'`);
  return (performance.now() - started) / 1000;
}

const TRIGGER_SQL = `CREATE OR REPLACE TRIGGER record_history AFTER INSERT OR UPDATE OR DELETE ON ${S}.observation
  FOR EACH ROW EXECUTE FUNCTION suivi.record_history_trigger('observation', 'id')`;

async function reset(db: Database, withTrigger: boolean): Promise<void> {
  await db.query(`DELETE FROM ${S}.observation`);
  await db.query('TRUNCATE suivi.record_history');
  await db.query(withTrigger ? TRIGGER_SQL : `DROP TRIGGER IF EXISTS record_history ON ${S}.observation`);
  await db.query('VACUUM ANALYZE');
}

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;
const rate = (seconds: number) => Math.round(ROWS / seconds).toLocaleString('en-GB');

async function main(): Promise<void> {
  const { db } = await setUp();
  const times = {
    insert: { on: [] as number[], off: [] as number[] },
    update: { on: [] as number[], off: [] as number[] },
  };
  let historyBytes = 0;
  for (let run = 0; run < RUNS; run++)
    for (const mode of ['on', 'off'] as const) {
      await reset(db, mode === 'on');
      times.insert[mode].push(await insertAll(db));
      times.update[mode].push(await updateAll(db));
      if (mode === 'on') {
        const size = await db.query<{ bytes: string; n: string }>(
          "SELECT pg_total_relation_size('suivi.record_history') AS bytes, count(*) AS n FROM suivi.record_history",
        );
        historyBytes = Number(size.rows[0]?.bytes ?? 0);
        if (Number(size.rows[0]?.n) !== 2 * ROWS)
          throw new Error(`history rows: ${size.rows[0]?.n}, expected ${2 * ROWS}`);
      }
    }
  const line = (what: 'insert' | 'update') => {
    const on = median(times[what].on);
    const off = median(times[what].off);
    return `${what.padEnd(7)} without history ${rate(off).padStart(9)} rows/s (${off.toFixed(2)} s)   with history ${rate(on).padStart(9)} rows/s (${on.toFixed(2)} s)   overhead ${(((on - off) / off) * 100).toFixed(0)}%`;
  };
  console.log(
    `record history bench, PostgreSQL, ${ROWS.toLocaleString('en-GB')} observations, median of ${RUNS} runs`,
  );
  console.log(line('insert'));
  console.log(line('update'));
  console.log(
    `history table: ${(historyBytes / 1024 / 1024).toFixed(1)} MB for ${(2 * ROWS).toLocaleString('en-GB')} rows (${Math.round(historyBytes / (2 * ROWS))} bytes per row, indexes included)`,
  );
  await db.close();
  if (process.env.KEEP !== '1') await admin(`DROP DATABASE IF EXISTS ${NAME} WITH (FORCE)`);
}

await main();
