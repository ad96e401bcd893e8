/**
 * Test support for the record operations (not used by the runtime): a database with the core schema, the
 * four example modules (their generated SQL) and the reference rows of test/db; a Hono app mounting each
 * example module's route table over `recordOperations`; and the test/db fixture rows as API bodies.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Hono } from 'hono';
import { buildLevelSchema } from '../../generators/forms/level-schema.ts';
import { moduleModel } from '../../generators/model/build.ts';
import {
  CORE_MIGRATIONS,
  coreMigrationSql,
  RECORD_MIGRATION_SQL,
} from '../../generators/sql/core/core-migrations.ts';
import { generateSql } from '../../generators/sql/index.ts';
import type { ResolvedProtocol } from '../../protocol-specs/index.ts';
import type { Database as SeedDatabase } from '../../test/db/databases.ts';
import { seedReference } from '../../test/db/seed.ts';
import type { Database } from '../db/database.ts';
import { errorResponse, isHttpError } from './errors.ts';
import { loadModulePlan } from './model/load-module.ts';
import { type ModulePlan, prepareModule } from './model/module-plan.ts';
import { mountModuleRoutes } from './mount.ts';
import { type RecordOperations, type RecordOperationsOptions, recordOperations } from './operations.ts';

export const EXAMPLE_FOLDERS = [
  'amphibiens_mares',
  'chiro_gites',
  'flore_quadrats',
  'oiseaux_points_ecoute',
].map((code) => ({ code, folder: new URL(`../../examples/${code}/generated/`, import.meta.url).pathname }));

/** The seed's database interface over the runtime's. */
const seedDb = (db: Database): SeedDatabase => ({
  name: db.engine === 'pglite' ? 'pglite' : 'postgresql',
  exec: (sql) => db.exec(sql),
  query: async <Row>(sql: string, params: readonly unknown[] = []) => (await db.query<Row>(sql, params)).rows,
  close: () => db.close(),
});

/** Core migrations, the example modules (and `extra` protocols), reference rows; the module plans. */
export async function setUpDatabase(
  db: Database,
  extra: readonly ResolvedProtocol[] = [],
): Promise<Map<string, ModulePlan>> {
  for (const migration of CORE_MIGRATIONS) {
    await db.exec(coreMigrationSql(migration));
    await db.query(RECORD_MIGRATION_SQL, [migration.id]);
  }
  const modules = new Map<string, ModulePlan>();
  for (const { code, folder } of EXAMPLE_FOLDERS) {
    for (const file of ['001-tables.sql', '002-views.sql'])
      await db.exec(readFileSync(join(folder, 'sql', file), 'utf8'));
    modules.set(code, await loadModulePlan(folder));
  }
  for (const protocol of extra) {
    for (const file of generateSql(protocol, { specPath: `${protocol.code}.json` }))
      await db.exec(file.contents);
    const schemas = Object.fromEntries(protocol.levels.map((l) => [l.key, buildLevelSchema(protocol, l)]));
    modules.set(protocol.code, prepareModule(protocol, moduleModel(protocol), schemas));
  }
  await seedReference(
    seedDb(db),
    [...modules.values()].map((m) => m.protocol),
  );
  return modules;
}

/** A Hono app with every example module's routes; HttpErrors answered, anything else a 500. */
export function testApp(
  db: Database,
  modules: ReadonlyMap<string, ModulePlan>,
  options: Omit<RecordOperationsOptions, 'db' | 'modules'> = {},
): { app: Hono; operations: RecordOperations } {
  const operations = recordOperations({ db, modules, ...options });
  const app = new Hono();
  for (const { code } of EXAMPLE_FOLDERS) {
    const plan = modules.get(code);
    if (plan) mountModuleRoutes(app, plan.model, () => operations);
  }
  app.onError((error) => {
    if (isHttpError(error)) return errorResponse(error);
    if (error instanceof SyntaxError)
      return Response.json([{ path: '/body', code: 'malformed_json', message: error.message }], {
        status: 400,
      });
    return Response.json([{ path: '', code: 'internal', message: String(error?.stack ?? error) }], {
      status: 500,
    });
  });
  return { app, operations };
}
