/**
 * Installs a generated module: its SQL files in order and its row in suivi.module, in ONE transaction,
 * so a failure leaves the database as it was.
 *
 * Reinstalling:
 * - the same manifest: nothing happens (`unchanged`);
 * - the same schema (same spec version, same SQL files) but other files or the generator version changed
 *   (forms, types, docs): the recorded manifest is updated (`updated`), data or not;
 * - another schema: while the module holds no row in any of its tables, its schema is dropped and
 *   recreated (`reinstalled`), the quick loop of someone writing a spec; once it holds data, refused,
 *   because moving data between schema versions is the migration generator's job, not a DROP's.
 *   Protocol vocabulary values the new version no longer lists stay in ref.vocabulary (other modules
 *   may share the type; unused values are harmless). The refusal is a `ModuleNeedsUpgradeError`: the
 *   server keeps serving the installed version and lists the folder as a pending upgrade.
 *
 * Every install, reinstall and update writes a version row (module-version.ts) and points
 * `suivi.module.version_id` at it; `unchanged` writes none, except for a module installed before
 * version history (no row yet), whose row is written then, as `install`: its files are the folder's.
 */

import type { ModuleVersionChange } from '../db/core-database.ts';
import { coreDb } from '../db/core-database.ts';
import type { Database, Queryable } from '../db/database.ts';
import { ident } from '../db/database.ts';
import { lockSchemaChanges } from '../db/migrate.ts';
import { now } from '../db/sql-time.ts';
import {
  installSqlFiles,
  type Manifest,
  type ModuleFolder,
  readModuleFolder,
  sameModule,
  sameSchema,
  sameTables,
  sqlFiles,
} from './module-folder.ts';
import { recordModuleVersion, type VersionOptions } from './module-version.ts';
import { planChain } from './upgrade.ts';

export type InstallStatus = 'installed' | 'unchanged' | 'updated' | 'reinstalled';

export interface InstallResult {
  readonly code: string;
  readonly version: number;
  readonly status: InstallStatus;
}

export class ModuleInstallError extends Error {
  constructor(
    readonly code: string,
    message: string,
    options?: ErrorOptions,
  ) {
    super(`module ${code}: ${message}`, options);
    this.name = 'ModuleInstallError';
  }
}

/** The folder changes the schema of a module that holds data: a migration plan must run (an upgrade). */
export class ModuleNeedsUpgradeError extends ModuleInstallError {
  constructor(
    code: string,
    readonly installedVersion: number,
    readonly folderVersion: number,
    message: string,
  ) {
    super(code, message);
    this.name = 'ModuleNeedsUpgradeError';
  }
}

async function hasData(tx: Queryable, schema: string): Promise<boolean> {
  const tables = await tx.query<{ table_name: string }>(
    "SELECT table_name FROM information_schema.tables WHERE table_schema = $1 AND table_type = 'BASE TABLE'",
    [schema],
  );
  for (const { table_name } of tables.rows) {
    const found = await tx.query(`SELECT 1 FROM ${ident(schema)}.${ident(table_name)} LIMIT 1`);
    if (found.rows.length > 0) return true;
  }
  return false;
}

async function applySql(tx: Queryable, module: ModuleFolder): Promise<void> {
  const code = module.manifest.protocol.code;
  for (const path of installSqlFiles(module)) {
    try {
      await tx.exec(module.files.get(path)!);
    } catch (error) {
      throw new ModuleInstallError(code, `${path}: ${(error as Error).message}`, { cause: error });
    }
  }
}

async function record(tx: Queryable, manifest: Manifest, existing: boolean): Promise<void> {
  const row = {
    label: manifest.protocol.label,
    spec_version: manifest.protocol.version,
    generator_version: manifest.generatorVersion,
    manifest: JSON.stringify(manifest),
  };
  if (existing) {
    await coreDb(tx)
      .updateTable('suivi.module')
      .set({ ...row, installed_at: now })
      .where('code', '=', manifest.protocol.code)
      .execute();
  } else {
    await coreDb(tx)
      .insertInto('suivi.module')
      .values({ code: manifest.protocol.code, ...row })
      .execute();
  }
}

const VERSION_CHANGE = {
  installed: 'install',
  reinstalled: 'reinstall',
  updated: 'update',
  unchanged: undefined,
} as const satisfies Record<InstallStatus, ModuleVersionChange | undefined>;

async function install(tx: Queryable, module: ModuleFolder): Promise<InstallStatus> {
  const { manifest } = module;
  const code = manifest.protocol.code;
  await lockSchemaChanges(tx);
  const core = await tx.query<{ ok: boolean }>("SELECT to_regclass('suivi.module') IS NOT NULL AS ok");
  if (!core.rows[0]?.ok) throw new ModuleInstallError(code, 'the core schema is missing: migrate first');
  const found = await coreDb(tx)
    .selectFrom('suivi.module')
    .select('manifest')
    .where('code', '=', code)
    .forUpdate()
    .executeTakeFirst();
  // Written by `record` from a checked folder's manifest.
  const installed = found?.manifest as Manifest | undefined;
  if (!installed) {
    const schema = await tx.query('SELECT 1 FROM pg_namespace WHERE nspname = $1', [code]);
    if (schema.rows.length > 0) {
      throw new ModuleInstallError(code, `a schema named ${code} exists but is not an installed module`);
    }
    await applySql(tx, module);
    await record(tx, manifest, false);
    return 'installed';
  }
  if (sameModule(installed, manifest)) return 'unchanged';
  if (sameSchema(installed, manifest)) {
    await record(tx, manifest, true);
    return 'updated';
  }
  if (sameTables(installed, manifest)) {
    await rerunDerived(tx, module);
    await record(tx, manifest, true);
    return 'updated';
  }
  if (await hasData(tx, code)) {
    if (planChain(module, installed.protocol.version, manifest.protocol.version))
      throw new ModuleNeedsUpgradeError(
        code,
        installed.protocol.version,
        manifest.protocol.version,
        `version ${installed.protocol.version} is installed and holds data; this folder has version ${manifest.protocol.version} ` +
          `and its migration plan: upgrade with npx suivi migrate apply ${module.folder} (or from the admin page)`,
      );
    throw new ModuleNeedsUpgradeError(
      code,
      installed.protocol.version,
      manifest.protocol.version,
      `version ${installed.protocol.version} (generator ${installed.generatorVersion}) is installed and holds data; ` +
        `this folder has version ${manifest.protocol.version} (generator ${manifest.generatorVersion}) with another schema. ` +
        "Changing the schema of a module with data needs a migration plan: raise the spec's version and generate over this folder (docs/migrations.md).",
    );
  }
  await tx.exec(`DROP SCHEMA ${ident(code)} CASCADE`);
  await applySql(tx, module);
  await record(tx, manifest, true);
  return 'reinstalled';
}

/**
 * Only the derived SQL changed (views, record-history triggers: a newer generator): the module's views
 * are dropped, as an upgrade's first step does, and the derived files run again over the same tables.
 */
async function rerunDerived(tx: Queryable, module: ModuleFolder): Promise<void> {
  const schema = module.manifest.protocol.code;
  const views = await tx.query<{ name: string; materialized: boolean }>(
    `SELECT c.relname AS name, c.relkind = 'm' AS materialized FROM pg_class c
       JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = $1 AND c.relkind IN ('v', 'm')`,
    [schema],
  );
  for (const v of views.rows)
    await tx.exec(
      `DROP ${v.materialized ? 'MATERIALIZED VIEW' : 'VIEW'} IF EXISTS ${ident(schema)}.${ident(v.name)} CASCADE`,
    );
  for (const path of sqlFiles(module, 'derived')) await tx.exec(module.files.get(path) ?? '');
}

/** Whether the module has a version row (installed since core migration 0007). */
async function hasVersionRow(tx: Queryable, code: string): Promise<boolean> {
  const row = await coreDb(tx)
    .selectFrom('suivi.module')
    .select('version_id')
    .where('code', '=', code)
    .executeTakeFirst();
  return row?.version_id !== null && row?.version_id !== undefined;
}

/**
 * Installs the module in `folder` (a generated folder with its manifest.json, or one already read) and
 * records its version; `actor` is who installs (an administrator through the admin API).
 */
export async function installModule(
  db: Database,
  folder: string | ModuleFolder,
  options: Pick<VersionOptions, 'actor'> = {},
): Promise<InstallResult> {
  const module = typeof folder === 'string' ? await readModuleFolder(folder) : folder;
  const status = await db.transaction(async (tx) => {
    const status = await install(tx, module);
    const change = VERSION_CHANGE[status];
    if (change) await recordModuleVersion(tx, module, change, options);
    else if (!(await hasVersionRow(tx, module.manifest.protocol.code)))
      await recordModuleVersion(tx, module, 'install', options);
    return status;
  });
  return { code: module.manifest.protocol.code, version: module.manifest.protocol.version, status };
}
