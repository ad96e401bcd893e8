/** The runtime's database layer: one interface over embedded PGlite + PostGIS or PostgreSQL + PostGIS. */
export type { Database, Queryable, QueryResult } from './database.ts';
export { ident, qualified } from './database.ts';
export { type DbFailure, dbFailureOf } from './errors.ts';
export { DataDirLockedError, LOCK_FILE } from './lock-file.ts';
export { lockSchemaChanges, MigrationError, migrate } from './migrate.ts';
export { describeDatabase, type OpenDatabaseOptions, openDatabase } from './open.ts';
export { DEFAULT_DATA_DIR, IN_MEMORY, openPGlite, type PGliteOptions } from './pglite.ts';
export { openPostgres } from './postgres.ts';
export { timestamptzToIso } from './value-parsers.ts';
