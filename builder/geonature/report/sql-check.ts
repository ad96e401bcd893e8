/**
 * Applies a generated module's SQL on an in-memory PGlite with PostGIS: the core migrations once, then
 * each protocol's `sql/001-*.sql` and `sql/002-*.sql` in a transaction that is rolled back, so protocols
 * are checked one after the other on one database (a PGlite costs seconds to start).
 */
import { PGlite } from '@electric-sql/pglite';
import { pgliteTemplate } from '../../../runtime/db/pglite-template.ts';
import { slimPostgis } from '../../../runtime/db/postgis-bundle.ts';

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

export async function openSqlChecker(): Promise<SqlChecker> {
  // Imported here: the core migrations belong to the SQL generator, and a report must still run without it.
  const core = (await import('../../../runtime/db/core-schema/core-migrations.ts')) as CoreMigrations;
  const db = await PGlite.create({
    extensions: { postgis: slimPostgis },
    loadDataDir: await pgliteTemplate(),
  });
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
