/**
 * Test support for the record operations (not used by the runtime): a database with the core schema, the
 * four example modules (their generated SQL) and the reference rows of test/db (`openSetUpDatabase`
 * copies a prepared one); a Hono app mounting each
 * module's generated routes over `recordOperations`; and the test/db fixture rows as API bodies.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Hono } from 'hono';
import * as amphibiens from '../../examples/amphibiens_mares/generated/api/routes.ts';
import * as chiro from '../../examples/chiro_gites/generated/api/routes.ts';
import * as flore from '../../examples/flore_quadrats/generated/api/routes.ts';
import * as oiseaux from '../../examples/oiseaux_points_ecoute/generated/api/routes.ts';
import {
  CORE_MIGRATIONS,
  coreMigrationSql,
  RECORD_MIGRATION_SQL,
} from '../../generators/sql/core/core-migrations.ts';
import { generateSql } from '../../generators/sql/index.ts';
import type { ResolvedProtocol } from '../../protocol-specs/index.ts';
import { seedReference } from '../../test/db/seed.ts';
import { EDGE } from '../../test/helpers/database-templates.ts';
import type { RuntimeEngine } from '../../test/helpers/engines.ts';
import type { Database } from '../db/database.ts';
import { errorResponse, isHttpError } from './errors.ts';
import { loadModulePlan } from './model/load-module.ts';
import { type ModulePlan, prepareModule } from './model/module-plan.ts';
import { type GeneratedRoutes, mountModuleRoutes } from './mount.ts';
import { type RecordOperations, type RecordOperationsOptions, recordOperations } from './operations.ts';

export const EXAMPLE_FOLDERS = [
  'amphibiens_mares',
  'chiro_gites',
  'flore_quadrats',
  'oiseaux_points_ecoute',
].map((code) => ({ code, folder: new URL(`../../examples/${code}/generated/`, import.meta.url).pathname }));

const ROUTES: Readonly<Record<string, GeneratedRoutes>> = {
  amphibiens_mares: amphibiens,
  chiro_gites: chiro,
  flore_quadrats: flore,
  oiseaux_points_ecoute: oiseaux,
};

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
    modules.set(protocol.code, prepareModule(protocol));
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
  for (const protocol of extra) modules.set(protocol.code, prepareModule(protocol));
  return { db, modules };
}

/** A Hono app with every example module's generated routes; HttpErrors answered, anything else a 500. */
export function testApp(
  db: Database,
  modules: ReadonlyMap<string, ModulePlan>,
  options: Omit<RecordOperationsOptions, 'db' | 'modules'> = {},
): { app: Hono; operations: RecordOperations } {
  const operations = recordOperations({ db, modules, ...options });
  const app = new Hono();
  for (const [code, routes] of Object.entries(ROUTES))
    if (modules.has(code)) mountModuleRoutes(app, routes, () => operations);
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

/** Compile-time: the record operations are the `Operations<Response>` each generated routes module declares. */
export function mountsTypeCheck(operations: RecordOperations): void {
  const checks: [
    Parameters<typeof amphibiens.mountRoutes>[1],
    Parameters<typeof chiro.mountRoutes>[1],
    Parameters<typeof flore.mountRoutes>[1],
    Parameters<typeof oiseaux.mountRoutes>[1],
  ] = [operations, operations, operations, operations];
  void checks;
}
