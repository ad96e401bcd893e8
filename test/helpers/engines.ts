/**
 * The runtime's Database on every engine a test file runs on: in-memory PGlite + PostGIS always, and
 * PostgreSQL when DATABASE_URL is set (required when CI=true). Each PostgreSQL open works in a fresh
 * database of its own, dropped on close. A fresh PGlite + PostGIS takes ~10 s; restored from a template
 * (a `dumpDataDir` tarball cached in the temp dir, keyed by the PGlite and PostGIS versions) ~3 s. Still,
 * open one per test file.
 */
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { postgis } from '@electric-sql/pglite-postgis';
import pg from 'pg';
import type { Database } from '../../runtime/db/database.ts';
import { IN_MEMORY, openPGlite } from '../../runtime/db/pglite.ts';
import { openPostgres } from '../../runtime/db/postgres.ts';

export interface RuntimeEngine {
  readonly name: Database['engine'];
  open(): Promise<Database>;
}

/** A fresh database on the server of `url`, with PostGIS; returns its URL and a function dropping it. */
export async function scratchDatabase(url: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `suivi_rt_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const target = new URL(url);
  target.pathname = `/${name}`;
  return {
    url: target.toString(),
    async drop() {
      const again = new pg.Client({ connectionString: url });
      await again.connect();
      try {
        await again.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await again.end();
      }
    },
  };
}

async function openScratchPostgres(url: string): Promise<Database> {
  const scratch = await scratchDatabase(url);
  const db = await openPostgres(scratch.url);
  return {
    ...db,
    async close() {
      await db.close();
      await scratch.drop();
    },
  };
}

const version = (pkg: string): string =>
  JSON.parse(readFileSync(new URL(`../../node_modules/${pkg}/package.json`, import.meta.url), 'utf8'))
    .version;

/** An empty PGlite data dir with PostGIS created, as a tarball; made once per machine and versions. */
export async function pgliteTemplate(): Promise<Blob> {
  const file = join(
    tmpdir(),
    `suivi-pglite-${version('@electric-sql/pglite')}-postgis-${version('@electric-sql/pglite-postgis')}.tgz`,
  );
  if (!existsSync(file)) {
    const fresh = await PGlite.create({ extensions: { postgis } });
    await fresh.exec('CREATE EXTENSION IF NOT EXISTS postgis');
    const dump = await fresh.dumpDataDir('gzip');
    await fresh.close();
    // Parallel test files may race to create it: each writes its own file, the rename is atomic.
    const partial = `${file}.${process.pid}`;
    writeFileSync(partial, new Uint8Array(await dump.arrayBuffer()));
    renameSync(partial, file);
  }
  return new Blob([readFileSync(file)]);
}

let skipReported = false;

export function runtimeEngines(): RuntimeEngine[] {
  const engines: RuntimeEngine[] = [
    {
      name: 'pglite',
      open: async () => openPGlite({ dataDir: IN_MEMORY, loadDataDir: await pgliteTemplate() }),
    },
  ];
  const url = process.env.DATABASE_URL;
  if (url) {
    engines.push({ name: 'postgres', open: () => openScratchPostgres(url) });
  } else if (process.env.CI === 'true') {
    engines.push({
      name: 'postgres',
      open: () =>
        Promise.reject(new Error('CI=true but DATABASE_URL is not set: PostgreSQL tests cannot run')),
    });
  } else if (!skipReported) {
    skipReported = true;
    console.warn('PostgreSQL tests skipped: DATABASE_URL is not set.');
  }
  return engines;
}
