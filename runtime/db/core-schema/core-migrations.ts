/**
 * The core schema's migrations, in order. The runtime applies each one not yet recorded, in a
 * transaction, then records it: `INSERT INTO suivi.schema_migration (id) VALUES ($1)`.
 */
import { readFileSync } from 'node:fs';

export interface CoreMigration {
  /** Recorded in suivi.schema_migration; never changes once released. */
  readonly id: string;
  readonly file: URL;
}

export const CORE_MIGRATIONS: readonly CoreMigration[] = [
  { id: '0001-core', file: new URL('./migrations/0001-core.sql', import.meta.url) },
  { id: '0002-taxon-search', file: new URL('./migrations/0002-taxon-search.sql', import.meta.url) },
  { id: '0003-accounts', file: new URL('./migrations/0003-accounts.sql', import.meta.url) },
  { id: '0004-media', file: new URL('./migrations/0004-media.sql', import.meta.url) },
  { id: '0005-validation', file: new URL('./migrations/0005-validation.sql', import.meta.url) },
  { id: '0006-login-throttle', file: new URL('./migrations/0006-login-throttle.sql', import.meta.url) },
  { id: '0007-module-versions', file: new URL('./migrations/0007-module-versions.sql', import.meta.url) },
  { id: '0008-builder', file: new URL('./migrations/0008-builder.sql', import.meta.url) },
  { id: '0009-import-jobs', file: new URL('./migrations/0009-import-jobs.sql', import.meta.url) },
  { id: '0010-import-templates', file: new URL('./migrations/0010-import-templates.sql', import.meta.url) },
  { id: '0011-record-history', file: new URL('./migrations/0011-record-history.sql', import.meta.url) },
  { id: '0012-exports', file: new URL('./migrations/0012-exports.sql', import.meta.url) },
  {
    id: '0013-metadata-dashboards',
    file: new URL('./migrations/0013-metadata-dashboards.sql', import.meta.url),
  },
  { id: '0014-offline-replay', file: new URL('./migrations/0014-offline-replay.sql', import.meta.url) },
  {
    id: '0015-dataset-diffusion',
    file: new URL('./migrations/0015-dataset-diffusion.sql', import.meta.url),
  },
];

export const RECORD_MIGRATION_SQL = 'INSERT INTO suivi.schema_migration (id) VALUES ($1)';

/** Migrations not yet applied, in order. Before 0001 there is no suivi.schema_migration: pass an empty set. */
export const pendingCoreMigrations = (applied: ReadonlySet<string>): CoreMigration[] =>
  CORE_MIGRATIONS.filter((m) => !applied.has(m.id));

/** The SQL text of a migration (read by the runtime, which owns file and database access). */
export const coreMigrationSql = (migration: CoreMigration): string => readFileSync(migration.file, 'utf8');
