/**
 * A generated module folder held in memory: the files `generateModule` returned, checked against their
 * manifest as a folder on disk would be (runtime/modules/module-folder.ts), so the runtime builds the
 * preview's forms, installs and upgrades from exactly what gets written.
 */
import { MANIFEST_PATH, MIGRATIONS_FOLDER } from '../../generators/model/index.ts';
import type { ResolvedProtocol } from '../../protocol-specs/index.ts';
import { type ModuleFolder, verifiedModuleFolder } from '../../runtime/modules/module-folder.ts';

export interface FileText {
  readonly path: string;
  readonly contents: string;
}

/** `files` (the manifest among them) as the module folder `folder` (the path it is, or will be, written to). */
export async function moduleFolderOf(folder: string, files: readonly FileText[]): Promise<ModuleFolder> {
  const byPath = new Map(files.map((f) => [f.path, f.contents]));
  return verifiedModuleFolder(
    folder,
    byPath.get(MANIFEST_PATH) ?? '',
    async (path) => byPath.get(path),
    () => 'The builder generated an inconsistent folder: report it.',
  );
}

/** Which version a folder continues from, as `generate` reads it from disk (builder/cli/previous-generation.ts). */
export interface PreviousVersion {
  readonly protocol: ResolvedProtocol;
  /** The installed folder's `migrations/` files (paths inside it): the plans made so far. */
  readonly migrations: readonly FileText[];
  /** The author's resolutions, by transition name (`v1-to-v2`). */
  readonly resolutions: Readonly<Record<string, unknown>>;
}

/** The previous generation of a module from its installed folder (a version row's files). */
export function previousOf(
  installed: ModuleFolder,
  protocol: ResolvedProtocol,
  resolutions: Readonly<Record<string, unknown>>,
): PreviousVersion {
  const prefix = `${MIGRATIONS_FOLDER}/`;
  const migrations = [...installed.files]
    .filter(([path]) => path.startsWith(prefix))
    .map(([path, contents]) => ({ path: path.slice(prefix.length), contents }));
  return { protocol, migrations, resolutions };
}
