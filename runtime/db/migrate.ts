/**
 * Applies the core schema migrations (runtime/db/core-schema) not yet recorded in suivi.schema_migration,
 * in order, each in its own transaction with its record: a failed migration leaves nothing behind, and
 * running migrate again resumes where it stopped.
 */
import {
  CORE_MIGRATIONS,
  type CoreMigration,
  coreMigrationSql,
  RECORD_MIGRATION_SQL,
} from './core-schema/core-migrations.ts';
import type { Database, Queryable } from './database.ts';

/**
 * Serialises schema changes (migrations, module installs) between processes sharing one PostgreSQL:
 * two servers starting at once would otherwise both see a migration as pending. Held until the
 * transaction ends. The key is arbitrary but fixed ('Suiv').
 */
export async function lockSchemaChanges(tx: Queryable): Promise<void> {
  await tx.query('SELECT pg_advisory_xact_lock($1)', [0x53756976]);
}

async function appliedMigrations(q: Queryable): Promise<Set<string>> {
  const table = await q.query<{ found: boolean }>(
    "SELECT to_regclass('suivi.schema_migration') IS NOT NULL AS found",
  );
  if (!table.rows[0]?.found) return new Set();
  const rows = await q.query<{ id: string }>('SELECT id FROM suivi.schema_migration');
  return new Set(rows.rows.map((r) => r.id));
}

export class MigrationError extends Error {
  constructor(
    readonly migration: string,
    cause: unknown,
  ) {
    super(`core migration ${migration} failed: ${(cause as Error).message ?? String(cause)}`, { cause });
    this.name = 'MigrationError';
  }
}

/** Returns the ids it applied (empty when the schema was up to date). */
export async function migrate(
  db: Database,
  migrations: readonly CoreMigration[] = CORE_MIGRATIONS,
): Promise<string[]> {
  const applied: string[] = [];
  const known = await appliedMigrations(db);
  for (const migration of migrations) {
    if (known.has(migration.id)) continue;
    const sql = coreMigrationSql(migration);
    const ran = await db
      .transaction(async (tx) => {
        await lockSchemaChanges(tx);
        // Another process may have applied it while we waited for the lock.
        if ((await appliedMigrations(tx)).has(migration.id)) return false;
        await tx.exec(sql);
        await tx.query(RECORD_MIGRATION_SQL, [migration.id]);
        return true;
      })
      .catch((error: unknown) => {
        throw new MigrationError(migration.id, error);
      });
    if (ran) applied.push(migration.id);
  }
  return applied;
}
