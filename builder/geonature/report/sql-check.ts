/**
 * Applies a generated module's SQL on an in-memory PGlite with PostGIS: the core migrations once, then
 * each protocol's `sql/001-*.sql` and `sql/002-*.sql` in a transaction that is rolled back, so protocols
 * are checked one after the other on one database (a PGlite costs seconds to start).
 */
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { postgis } from '@electric-sql/pglite-postgis';

interface Migration {
  readonly id: string;
  readonly file: URL;
}
interface CoreMigrations {
  readonly CORE_MIGRATIONS: readonly Migration[];
  readonly coreMigrationSql: (m: Migration) => string;
}

export interface SqlChecker {
  /** undefined when the SQL applies; else the database's message. */
  check(files: ReadonlyArray<{ path: string; contents: string }>): Promise<string | undefined>;
  close(): Promise<void>;
}

/** The module's SQL files in the order they run: 001-…, 002-…. */
export const moduleSql = (files: ReadonlyArray<{ path: string; contents: string }>) =>
  files.filter((f) => /^sql\/\d{3}-[^/]*\.sql$/.test(f.path)).sort((a, b) => (a.path < b.path ? -1 : 1));

const version = (pkg: string): string =>
  (
    JSON.parse(
      readFileSync(new URL(`../../../node_modules/${pkg}/package.json`, import.meta.url), 'utf8'),
    ) as { version: string }
  ).version;

/**
 * An empty database with PostGIS, as a data-dir tarball cached in the temporary folder: restoring it
 * takes a few seconds where creating PostGIS takes tens. Keyed by the PGlite and PostGIS versions.
 */
async function template(): Promise<Blob> {
  const file = join(
    tmpdir(),
    `suivi-pglite-${version('@electric-sql/pglite')}-postgis-${version('@electric-sql/pglite-postgis')}.tgz`,
  );
  if (!existsSync(file)) {
    const fresh = await PGlite.create({ extensions: { postgis } });
    await fresh.exec('CREATE EXTENSION IF NOT EXISTS postgis');
    const dump = await fresh.dumpDataDir('gzip');
    await fresh.close();
    // Two runs may race to create it: each writes its own file, and the rename is atomic.
    const partial = `${file}.${process.pid}`;
    writeFileSync(partial, new Uint8Array(await dump.arrayBuffer()));
    renameSync(partial, file);
  }
  return new Blob([readFileSync(file)]);
}

export async function openSqlChecker(): Promise<SqlChecker> {
  // Imported here: the core migrations belong to the SQL generator, and a report must still run without it.
  const core = (await import('../../../generators/sql/core/core-migrations.ts')) as CoreMigrations;
  const db = await PGlite.create({ extensions: { postgis }, loadDataDir: await template() });
  await db.exec('CREATE EXTENSION IF NOT EXISTS postgis');
  for (const migration of core.CORE_MIGRATIONS) await db.exec(core.coreMigrationSql(migration));
  return {
    async check(files) {
      const sql = moduleSql(files);
      if (sql.length === 0) return 'no sql/001-*.sql in the generated module';
      await db.exec('BEGIN');
      try {
        for (const file of sql) await db.exec(file.contents);
        return undefined;
      } catch (e) {
        return `${sql.map((f) => f.path).join(', ')}: ${(e as Error).message}`;
      } finally {
        await db.exec('ROLLBACK');
      }
    },
    close: () => db.close(),
  };
}
