/** Picks the engine: PostgreSQL when a URL is given (or DATABASE_URL is set), else embedded PGlite. */

import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_DATA_DIR } from './data-dir.ts';
import type { Database } from './database.ts';
import { openPostgres } from './postgres.ts';

export interface OpenDatabaseOptions {
  /** PGlite data directory (default ./data); ignored when a PostgreSQL URL is used. */
  readonly dataDir?: string;
  /** postgres://…; defaults to the DATABASE_URL environment variable. */
  readonly url?: string;
}

export async function openDatabase(options: OpenDatabaseOptions = {}): Promise<Database> {
  const url = options.url ?? process.env.DATABASE_URL;
  if (url) return openPostgres(url);
  // Imported here, not at the top: PGlite's module and its PostGIS bundle keep ~50 MB resident, for
  // nothing on PostgreSQL (measured with process.memoryUsage(), docs/exports.md's figures).
  const { openPGlite } = await import('./pglite.ts');
  const { cachedPgliteTemplate } = await import('./pglite-template.ts');
  // A new data dir restores the cached PostGIS template when this machine has one (prepared by npm
  // install), else is created and then kept as that template.
  const dataDir = options.dataDir ?? DEFAULT_DATA_DIR;
  const template = existsSync(join(dataDir, 'PG_VERSION')) ? undefined : cachedPgliteTemplate();
  return openPGlite({ dataDir, ...(template ? { loadDataDir: template } : { saveTemplate: true }) });
}

/** Where the data lives, for messages; never prints a password. */
export function describeDatabase(options: OpenDatabaseOptions = {}): string {
  const url = options.url ?? process.env.DATABASE_URL;
  if (!url) return `PGlite in ${options.dataDir ?? './data'}`;
  try {
    const u = new URL(url);
    return `PostgreSQL ${u.hostname}${u.port ? `:${u.port}` : ''}${u.pathname}`;
  } catch {
    return 'PostgreSQL';
  }
}
