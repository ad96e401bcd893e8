/**
 * test/db's database interface (queries return their rows), over the one engine helper,
 * test/helpers/engines.ts: the same engines, the same fresh database per `open`, the runtime's value
 * parsers (dates and times as printed, int8 and numeric as numbers, timestamptz in ISO 8601 UTC).
 * Kept for the tests and benches written against it; new tests use `runtimeEngines()` directly.
 */
import type { Database as RuntimeDatabase } from '../../runtime/db/database.ts';
import { runtimeEngines } from '../helpers/engines.ts';
import type { TemplateName } from '../helpers/template-names.ts';
import type { Database } from './rows-database.ts';

export type { Database, DbFailure } from './rows-database.ts';
export { failureOf } from './rows-database.ts';

export interface Engine {
  readonly name: Database['name'];
  open(): Promise<Database>;
  /** A copy of a prepared database (test/helpers/database-templates.ts). */
  openPrepared(name: TemplateName): Promise<Database>;
}

/** The runtime's database as test/db's interface. */
export function rowsDatabase(db: RuntimeDatabase): Database {
  return {
    name: db.engine === 'pglite' ? 'pglite' : 'postgresql',
    exec: (sql) => db.exec(sql),
    query: async <Row>(sql: string, params: readonly unknown[] = []) =>
      (await db.query<Row>(sql, params)).rows,
    close: () => db.close(),
  };
}

/** PGlite, plus PostgreSQL when DATABASE_URL is set; with CI=true a missing DATABASE_URL fails the file. */
export function testEngines(): Engine[] {
  return runtimeEngines().map((engine) => ({
    name: engine.name === 'pglite' ? 'pglite' : 'postgresql',
    open: async () => rowsDatabase(await engine.open()),
    openPrepared: async (name) => rowsDatabase(await engine.openPrepared(name)),
  }));
}
