/**
 * The database engines a test file runs on, behind one tiny interface: embedded PGlite + PostGIS always,
 * and real PostgreSQL + PostGIS when DATABASE_URL is set (required when CI=true). Each PostgreSQL
 * connection works in a fresh database of its own, dropped on close, so reruns and parallel files never
 * see each other's schemas. PGlite is restored from the cached PostGIS template (runtime/db).
 */
import { PGlite } from '@electric-sql/pglite';
import { postgis } from '@electric-sql/pglite-postgis';
import pg from 'pg';
import { pgliteTemplate } from '../../runtime/db/pglite-template.ts';

export interface Database {
  readonly name: 'pglite' | 'postgresql';
  /** Runs one or more statements, without parameters. */
  exec(sql: string): Promise<void>;
  query<Row = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<Row[]>;
  close(): Promise<void>;
}

export interface Engine {
  readonly name: Database['name'];
  open(): Promise<Database>;
}

/** What a failed statement says, the same on both drivers (both carry PostgreSQL's error fields). */
export interface DbFailure {
  readonly code?: string;
  readonly constraint?: string;
  readonly column?: string;
  readonly message: string;
}

export function failureOf(error: unknown): DbFailure {
  const e = error as { code?: string; constraint?: string; column?: string; message?: string };
  return {
    ...(e.code ? { code: e.code } : {}),
    ...(e.constraint ? { constraint: e.constraint } : {}),
    ...(e.column ? { column: e.column } : {}),
    message: e.message ?? String(error),
  };
}

/**
 * Values come back alike on both drivers: dates, times, timestamps and numerics as PostgreSQL prints
 * them, bigints as numbers (tests stay far below 2^53).
 */
const TEXT = (v: string) => v;
const PARSERS: Readonly<Record<number, (v: string) => unknown>> = {
  20: Number, // int8
  1082: TEXT, // date
  1083: TEXT, // time
  1114: TEXT, // timestamp
  1184: TEXT, // timestamptz
  1700: TEXT, // numeric
};

async function openPglite(): Promise<Database> {
  // Restored from the cached PostGIS template (seconds) rather than creating PostGIS again (~15 s).
  const db = await PGlite.create({
    extensions: { postgis },
    parsers: PARSERS,
    loadDataDir: await pgliteTemplate(),
  });
  await db.exec('CREATE EXTENSION IF NOT EXISTS postgis');
  return {
    name: 'pglite',
    exec: async (sql) => {
      await db.exec(sql);
    },
    query: async <Row>(sql: string, params: readonly unknown[] = []) =>
      (await db.query<Row>(sql, [...params])).rows,
    close: () => db.close(),
  };
}

async function openPostgres(url: string): Promise<Database> {
  const name = `suivi_test_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const target = new URL(url);
  target.pathname = `/${name}`;
  const types = {
    getTypeParser: (oid: number, format?: 'text' | 'binary') =>
      PARSERS[oid] ?? pg.types.getTypeParser(oid, format ?? 'text'),
  };
  const client = new pg.Client({ connectionString: target.toString(), types });
  await client.connect();
  await client.query('SET client_min_messages = warning');
  await client.query('CREATE EXTENSION IF NOT EXISTS postgis');
  return {
    name: 'postgresql',
    exec: async (sql) => {
      await client.query(sql);
    },
    query: async <Row>(sql: string, params: readonly unknown[] = []) =>
      (await client.query(sql, [...params])).rows as Row[],
    close: async () => {
      await client.end();
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    },
  };
}

let skipReported = false;

/** PGlite, plus PostgreSQL when DATABASE_URL is set; with CI=true a missing DATABASE_URL fails the file. */
export function testEngines(): Engine[] {
  const engines: Engine[] = [{ name: 'pglite', open: openPglite }];
  const url = process.env.DATABASE_URL;
  if (url) {
    engines.push({ name: 'postgresql', open: () => openPostgres(url) });
  } else if (process.env.CI === 'true') {
    engines.push({
      name: 'postgresql',
      open: () =>
        Promise.reject(new Error('CI=true but DATABASE_URL is not set: PostgreSQL tests cannot run')),
    });
  } else if (!skipReported) {
    skipReported = true;
    console.warn(
      'PostgreSQL tests skipped: DATABASE_URL is not set (e.g. DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres).',
    );
  }
  return engines;
}
