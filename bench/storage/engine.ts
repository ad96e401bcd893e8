/**
 * The database the storage bench runs on: a fresh `suivi_bench` database on real PostgreSQL when
 * DATABASE_URL is set (dropped at the end unless KEEP=1), else an in-memory PGlite + PostGIS. Both behind
 * the tests' `Database` interface, so the tests' seed runs unchanged. Queries return rows as the driver
 * parses them: the bench casts what it compares (`::int`, `to_char`) so both engines agree.
 */
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { pgliteTemplate } from '../../runtime/db/pglite-template.ts';
import { slimPostgis } from '../../runtime/db/postgis-bundle.ts';
import type { Database } from '../../test/db/databases.ts';

export const BENCH_DATABASE = 'suivi_bench';

export interface BenchDatabase extends Database {
  /** e.g. "PostgreSQL 15.20 + PostGIS 3.3.2". */
  readonly version: string;
}

async function describe(db: Database): Promise<string> {
  const [row] = await db.query<{ pg: string; gis: string }>(
    "SELECT current_setting('server_version') AS pg, postgis_lib_version() AS gis",
  );
  return `PostgreSQL ${row?.pg ?? '?'} + PostGIS ${row?.gis ?? '?'}`;
}

export async function openPostgres(url: string, keep: boolean): Promise<BenchDatabase> {
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query('SET client_min_messages = warning');
  await admin.query(`DROP DATABASE IF EXISTS ${BENCH_DATABASE} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${BENCH_DATABASE}`);
  const target = new URL(url);
  target.pathname = `/${BENCH_DATABASE}`;
  const client = new pg.Client({ connectionString: target.toString() });
  await client.connect();
  await client.query('SET client_min_messages = warning');
  await client.query('CREATE EXTENSION IF NOT EXISTS postgis');
  const db: Database = {
    name: 'postgresql',
    exec: async (sql) => {
      await client.query(sql);
    },
    query: async <Row>(sql: string, params: readonly unknown[] = []) =>
      (await client.query(sql, [...params])).rows as Row[],
    close: async () => {
      await client.end();
      if (keep) console.log(`KEEP=1: database ${BENCH_DATABASE} kept.`);
      else await admin.query(`DROP DATABASE IF EXISTS ${BENCH_DATABASE} WITH (FORCE)`);
      await admin.end();
    },
  };
  return { ...db, version: await describe(db) };
}

export async function openPglite(): Promise<BenchDatabase> {
  const pglite = await PGlite.create({
    extensions: { postgis: slimPostgis },
    loadDataDir: await pgliteTemplate(),
  });
  await pglite.exec('CREATE EXTENSION IF NOT EXISTS postgis');
  const db: Database = {
    name: 'pglite',
    exec: async (sql) => {
      await pglite.exec(sql);
    },
    query: async <Row>(sql: string, params: readonly unknown[] = []) =>
      (await pglite.query<Row>(sql, [...params])).rows,
    close: () => pglite.close(),
  };
  return { ...db, version: `PGlite, ${await describe(db)}` };
}
