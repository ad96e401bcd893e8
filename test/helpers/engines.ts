import pg from 'pg';
import type { Database } from '../../runtime/db/database.ts';
import { IN_MEMORY, openPGlite } from '../../runtime/db/pglite.ts';
import { pgliteTemplate } from '../../runtime/db/pglite-template.ts';
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

export { pgliteTemplate };

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
