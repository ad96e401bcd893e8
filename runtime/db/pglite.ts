/**
 * Embedded PostgreSQL (PGlite, WASM) with PostGIS: the default database, no server to install. The data
 * directory holds the PostgreSQL files and `suivi.lock`; `memory://` opens a throwaway in-memory instance
 * (tests), which needs no lock.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite, type Transaction } from '@electric-sql/pglite';
import { DEFAULT_DATA_DIR, IN_MEMORY } from './data-dir.ts';
import type { Database, Queryable, QueryResult } from './database.ts';
import { acquireDataDirLock } from './lock-file.ts';
import { saveTemplate } from './pglite-template.ts';
import { slimPostgis } from './postgis-bundle.ts';
import { SCALAR_PARSERS } from './value-parsers.ts';

export { DEFAULT_DATA_DIR, IN_MEMORY } from './data-dir.ts';

export interface PGliteOptions {
  /** Defaults to ./data; `memory://` for an in-memory database. */
  readonly dataDir?: string;
  /** A tarball from `dumpDataDir`, restored when the data dir is new (much faster than a fresh initdb). */
  readonly loadDataDir?: Blob;
  /** When the data dir is created here, keep it as the cached template (pglite-template.ts). */
  readonly saveTemplate?: boolean;
}

type Runner = Pick<PGlite | Transaction, 'query' | 'exec'>;

function queryable(runner: Runner): Queryable {
  return {
    async query<Row>(text: string, params: readonly unknown[] = []): Promise<QueryResult<Row>> {
      const result = await runner.query<Row>(text, [...params]);
      return { rows: result.rows, rowCount: result.rowCount ?? result.affectedRows ?? result.rows.length };
    },
    async exec(script: string): Promise<void> {
      await runner.exec(script);
    },
  };
}

export async function openPGlite(
  options: PGliteOptions = {},
): Promise<Database & { readonly pglite: PGlite }> {
  const dataDir = options.dataDir ?? DEFAULT_DATA_DIR;
  const inMemory = dataDir === IN_MEMORY;
  const isNew = inMemory || !existsSync(join(dataDir, 'PG_VERSION'));
  if (!inMemory) mkdirSync(dataDir, { recursive: true });
  const lock = inMemory ? undefined : acquireDataDirLock(dataDir);
  let pglite: PGlite;
  try {
    pglite = await PGlite.create({
      ...(inMemory ? {} : { dataDir }),
      ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}),
      extensions: { postgis: slimPostgis },
      parsers: SCALAR_PARSERS,
    });
    await pglite.exec('CREATE EXTENSION IF NOT EXISTS postgis');
    // A data dir created here (not restored) becomes the template the next new ones restore (~1 s more).
    if (isNew && !inMemory && !options.loadDataDir && options.saveTemplate)
      await saveTemplate(await pglite.dumpDataDir('gzip'));
  } catch (error) {
    lock?.release();
    throw error;
  }
  return {
    engine: 'pglite',
    pglite,
    ...queryable(pglite),
    transaction: (work) => pglite.transaction((tx) => work(queryable(tx))),
    async close() {
      try {
        if (!pglite.closed) await pglite.close();
      } finally {
        lock?.release();
      }
    },
  };
}
