/**
 * The history of a module's versions (core migration 0007, `suivi.module_version`): each install,
 * reinstall, update and upgrade writes one row holding every file of the generated folder, so the server
 * can go on serving an installed version whose folder has moved on (`loadInstalledModule`), and a diff or
 * an upgrade can say where it starts from. Rows are never deleted.
 *
 * `spec` stays NULL: a generated folder holds the resolved protocol (ir/protocol.resolved.json), not the
 * authored spec, and the generators only ever see the resolved one.
 */
import { IR_FILE, MANIFEST_PATH, type Manifest, sha256 } from '../../generators/model/index.ts';
import { coreDb, type ModuleVersionChange } from '../db/core-database.ts';
import type { Queryable } from '../db/database.ts';
import { buildModuleRuntime, ModuleLoadError, type ModuleRuntime } from './load.ts';
import { type ModuleFolder, verifiedModuleFolder } from './module-folder.ts';

/** sha256 of the sorted `path sha256` lines of the manifest: the same folder, the same hash. */
export const contentHash = (manifest: Manifest): string =>
  sha256(
    manifest.files
      .map((f) => `${f.path} ${f.sha256}`)
      .sort()
      .join('\n'),
  );

export interface VersionOptions {
  /** The account installing (suivi.app_user id); none from the command line or at start. */
  readonly actor?: string;
  /** The migration plan that led there, for an upgrade. */
  readonly plan?: object;
}

/** Writes the version row of `module` and points `suivi.module.version_id` at it; the row's id. */
export async function recordModuleVersion(
  tx: Queryable,
  module: ModuleFolder,
  change: ModuleVersionChange,
  options: VersionOptions = {},
): Promise<number> {
  const { manifest } = module;
  const ir = JSON.parse(module.files.get(`ir/${IR_FILE}`) ?? 'null') as object | null;
  if (!ir) throw new ModuleLoadError(`${module.folder}: the manifest does not list ir/${IR_FILE}`);
  const files = { ...Object.fromEntries(module.files), [MANIFEST_PATH]: module.manifestText };
  const { id } = await coreDb(tx)
    .insertInto('suivi.module_version')
    .values({
      code: manifest.protocol.code,
      version: manifest.protocol.version,
      generator_version: manifest.generatorVersion,
      content_hash: contentHash(manifest),
      spec: null,
      ir: JSON.stringify(ir),
      files: JSON.stringify(files),
      change,
      plan: options.plan === undefined ? null : JSON.stringify(options.plan),
      installed_by: options.actor ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await coreDb(tx)
    .updateTable('suivi.module')
    .set({ version_id: id })
    .where('code', '=', manifest.protocol.code)
    .execute();
  return id;
}

/** Where a version row's folder "is", in messages and in `ModuleRuntime.folder`. */
export const versionFolderName = (id: number) => `suivi.module_version#${id}`;

export class NoVersionRowError extends ModuleLoadError {
  constructor(readonly code: string) {
    super(
      `module ${code} was installed before version history (core migration 0007): its installed files are not in the database`,
    );
    this.name = 'NoVersionRowError';
  }
}

/** The folder of the version a module serves, rebuilt from its row, every file checked against its manifest. */
export async function installedModuleFolder(q: Queryable, code: string): Promise<ModuleFolder> {
  const row = await coreDb(q)
    .selectFrom('suivi.module as m')
    .leftJoin('suivi.module_version as v', 'v.id', 'm.version_id')
    .select(['m.code', 'v.id', 'v.files'])
    .where('m.code', '=', code)
    .executeTakeFirst();
  if (!row) throw new ModuleLoadError(`module ${code} is not installed`);
  if (row.id === null || row.files === null) throw new NoVersionRowError(code);
  const files = row.files as Record<string, string>;
  const name = versionFolderName(row.id);
  const text = (path: string) => (Object.hasOwn(files, path) ? files[path] : undefined);
  return verifiedModuleFolder(
    name,
    text(MANIFEST_PATH) ?? '',
    async (path) => text(path),
    () => 'The stored version is damaged: reinstall the module from its folder.',
  );
}

/** The runtime of the version `suivi.module.version_id` names, built from the database alone. */
export async function loadInstalledModule(q: Queryable, code: string): Promise<ModuleRuntime> {
  return buildModuleRuntime(await installedModuleFolder(q, code));
}
