/**
 * The history of a module's versions (core migration 0007, `suivi.module_version`): each install,
 * reinstall, update and upgrade writes one row holding every file of the generated folder, so the server
 * can go on serving an installed version whose folder has moved on (`loadInstalledModule`), and a diff or
 * an upgrade can say where it starts from. Rows are never deleted.
 *
 * `spec` stays NULL: a generated folder holds the resolved protocol (ir/protocol.resolved.json), not the
 * authored spec, and the generators only ever see the resolved one.
 */
import {
  IR_FILE,
  MANIFEST_PATH,
  type Manifest,
  type MigrationPlan,
  sha256,
} from '../../generators/model/index.ts';
import { coreDb, type ModuleVersionChange } from '../db/core-database.ts';
import type { Queryable } from '../db/database.ts';
import { now } from '../db/sql-time.ts';
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
  // The resolved protocol itself, as `suivi diff installed:<code>` reads it (the file wraps it with a $comment).
  const ir = (JSON.parse(module.files.get(`ir/${IR_FILE}`) ?? 'null') as { protocol?: object } | null)
    ?.protocol;
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

/** Several plans run one after another, as one plan from the first version to the last. */
function joined(chain: readonly MigrationPlan[]): MigrationPlan {
  const first = chain[0] as MigrationPlan;
  const last = chain[chain.length - 1] as MigrationPlan;
  return chain.length === 1 ? first : { ...last, from: first.from, steps: chain.flatMap((p) => p.steps) };
}

/** After an upgrade's plans ran: suivi.module describes the folder's version, and its version row is written. */
export async function recordUpgradedVersion(
  tx: Queryable,
  module: ModuleFolder,
  chain: readonly MigrationPlan[],
  actor: string | undefined,
): Promise<void> {
  const { manifest } = module;
  await coreDb(tx)
    .updateTable('suivi.module')
    .set({
      label: manifest.protocol.label,
      spec_version: manifest.protocol.version,
      generator_version: manifest.generatorVersion,
      manifest: JSON.stringify(manifest),
      installed_at: now,
    })
    .where('code', '=', manifest.protocol.code)
    .execute();
  await recordModuleVersion(tx, module, 'upgrade', {
    plan: joined(chain),
    ...(actor === undefined ? {} : { actor }),
  });
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
