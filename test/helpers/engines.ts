/**
 * The one engine helper of the tests: the database engines a test file runs on, embedded PGlite + PostGIS
 * always and real PostgreSQL + PostGIS when DATABASE_URL is set (required when CI=true). Every `open` is a
 * database of the test file's own, gone on close: PGlite in memory, a fresh PostgreSQL database dropped
 * on close, so reruns and parallel files never see each other's rows.
 *
 * `open()` gives an empty database with PostGIS; `openPrepared(name)` a copy of a prepared one (migrated,
 * modules installed, seeded: database-templates.ts), which costs what opening costs instead of seconds of
 * migrating, installing and seeding in every file.
 */
import pg from 'pg';
import { inject } from 'vitest';
import type { Database } from '../../runtime/db/database.ts';
import { openPGlite } from '../../runtime/db/pglite.ts';
import { pgliteTemplate } from '../../runtime/db/pglite-template.ts';
import { templatesHash } from './template-hash.ts';
import type { TemplateName } from './template-names.ts';
import { pgliteStore, postgresStore, type TemplateStore } from './template-stores.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The content hash the global setup built the database templates for. */
    suiviTemplatesHash: string;
  }
}

export interface RuntimeEngine {
  readonly name: Database['engine'];
  /** An empty database with PostGIS. */
  open(): Promise<Database>;
  /** A copy of the prepared database `name` (database-templates.ts says what each holds). */
  openPrepared(name: TemplateName): Promise<Database>;
}

/** A fresh database on the server of `url`, without PostGIS; returns its URL and a function dropping it. */
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

export { pgliteTemplate };

let hash: string | undefined;
/** The global setup's hash, or this process's own when the run has no such setup. */
function currentHash(): string {
  hash ??= (() => {
    try {
      return inject('suiviTemplatesHash');
    } catch {
      return undefined;
    }
  })();
  hash ??= templatesHash();
  return hash;
}

/**
 * Builds the template when missing: the global setup has built them all, so a run without it or a
 * template wiped meanwhile. The recipes load the spec compiler and the generators: only then.
 */
async function ensure(store: TemplateStore, name: TemplateName): Promise<void> {
  if (await store.has(name)) return;
  const { ensureTemplate } = await import('./database-templates.ts');
  await ensureTemplate(store, name);
}

const pglite = () => pgliteStore(currentHash());
const postgres = (url: string) => postgresStore(url, currentHash());

/**
 * A PGlite data dir on disk holding a copy of the prepared database `template`, for a server of its own
 * (`startSuivi`, `npm start`) to open.
 */
export async function preparedDataDir(template: TemplateName, dataDir: string): Promise<void> {
  await ensure(pglite(), template);
  await (await openPGlite({ dataDir, loadDataDir: await pglite().dump(template) })).close();
}

/** A new database on the DATABASE_URL server holding a copy of the prepared database `template`. */
export async function preparedPostgres(
  url: string,
  template: TemplateName,
): Promise<{ readonly url: string; drop(): Promise<void> }> {
  await ensure(postgres(url), template);
  return postgres(url).copy(template);
}

function engine(name: Database['engine'], store: () => TemplateStore): RuntimeEngine {
  return {
    name,
    open: () => store().open(),
    async openPrepared(template) {
      await ensure(store(), template);
      return store().open(template);
    },
  };
}

function refused(name: Database['engine'], reason: string): RuntimeEngine {
  const fail = () => Promise.reject(new Error(reason));
  return { name, open: fail, openPrepared: fail };
}

let skipReported = false;

export function runtimeEngines(): RuntimeEngine[] {
  const engines = [engine('pglite', pglite)];
  const url = process.env.DATABASE_URL;
  if (url) {
    engines.push(engine('postgres', () => postgres(url)));
  } else if (process.env.CI === 'true') {
    engines.push(refused('postgres', 'CI=true but DATABASE_URL is not set: PostgreSQL tests cannot run'));
  } else if (!skipReported) {
    skipReported = true;
    console.warn('PostgreSQL tests skipped: DATABASE_URL is not set.');
  }
  return engines;
}
