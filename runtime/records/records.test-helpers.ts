/**
 * Test support for the record operations (not used by the runtime): a database with the core schema, the
 * four example modules (their generated SQL) and the reference rows of test/db (`openSetUpDatabase`
 * copies a prepared one); a Hono app mounting each
 * example module's route table over `recordOperations`; and the test/db fixture rows as API bodies.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Hono } from 'hono';
import { buildLevelSchema } from '../../generators/forms/level-schema.ts';
import { moduleModel } from '../../generators/model/build.ts';
import { generateSql } from '../../generators/sql/index.ts';
import type { ResolvedProtocol } from '../../protocol-specs/index.ts';
import { seedReference } from '../../test/db/seed.ts';
import { EDGE } from '../../test/helpers/database-templates.ts';
import type { RuntimeEngine } from '../../test/helpers/engines.ts';
import {
  CORE_MIGRATIONS,
  coreMigrationSql,
  RECORD_MIGRATION_SQL,
} from '../db/core-schema/core-migrations.ts';
import type { Database } from '../db/database.ts';
import { errorResponse, isHttpError, requestLanguage } from '../http/errors.ts';
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

/** A protocol's module plan built here, as the generators would emit it (test/db's modules have no folder). */
function prepareExtra(protocol: ResolvedProtocol): ModulePlan {
  const schemas = Object.fromEntries(protocol.levels.map((l) => [l.key, buildLevelSchema(protocol, l)]));
  return prepareModule(protocol, moduleModel(protocol), schemas);
}

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
    modules.set(protocol.code, prepareExtra(protocol));
  }
  await seedReference(
    db,
    [...modules.values()].map((m) => m.protocol),
  );
  return modules;
}

/**
 * What `setUpDatabase(db, extra)` makes, on a database of its own: a copy of the prepared `reference`
 * database when `extra` is at most test/db's edge-case module (the copy holds it either way, and the
 * modules are recorded in suivi.module), else made here.
 */
export async function openSetUpDatabase(
  engine: RuntimeEngine,
  extra: readonly ResolvedProtocol[] = [],
): Promise<{ db: Database; modules: Map<string, ModulePlan> }> {
  if (extra.some((p) => JSON.stringify(p) !== JSON.stringify(EDGE))) {
    const db = await engine.open();
    return { db, modules: await setUpDatabase(db, extra) };
  }
  const db = await engine.openPrepared('reference');
  const modules = new Map<string, ModulePlan>();
  for (const { code, folder } of EXAMPLE_FOLDERS) modules.set(code, await loadModulePlan(folder));
  for (const protocol of extra) modules.set(protocol.code, prepareExtra(protocol));
  return { db, modules };
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
  // As the server's error handler (server/error-handler.ts): a problem's own words in the request's language.
  app.onError((error, c) => {
    if (isHttpError(error)) return errorResponse(error, requestLanguage(c.req.header('accept-language')));
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
