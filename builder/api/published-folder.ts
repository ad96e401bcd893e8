/**
 * The published modules' directory, which the server owns: `<dir>/<code>/protocol.json` (the authored
 * spec, to download and keep in git) and `<dir>/<code>/generated/` (the module folder, served again at
 * the next start: runtime/server/main.ts lists these folders beside the examples).
 *
 * A publish writes the new folder beside the old one first (`.staging-…`), installs or upgrades from
 * it, and only then swaps it in (two renames), so a refused upgrade leaves the directory as it was, and
 * the folder always matches the installed version.
 */
import { randomUUID } from 'node:crypto';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { MANIFEST_PATH } from '../../generators/model/index.ts';
import type { ModuleFolder } from '../../runtime/modules/module-folder.ts';
import type { Spec } from './drafts-store.ts';

export const GENERATED_FOLDER = 'generated';
export const SPEC_FILE = 'protocol.json';

/** Writes the module's files (its manifest included) into a new staging folder; its path. */
export async function stageFolder(modulesDir: string, module: ModuleFolder): Promise<string> {
  const code = module.manifest.protocol.code;
  const staged = join(modulesDir, code, `.staging-${randomUUID()}`);
  const files: [string, string][] = [[MANIFEST_PATH, module.manifestText], ...module.files];
  for (const [path, contents] of files) {
    const target = join(staged, ...path.split('/'));
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, contents);
  }
  return staged;
}

export const discardStaged = (staged: string) => rm(staged, { recursive: true, force: true });

/** The staged folder becomes `<dir>/<code>/generated`; the spec is written beside it. */
export async function putInPlace(
  modulesDir: string,
  code: string,
  staged: string,
  spec: Spec,
): Promise<void> {
  const target = join(modulesDir, code, GENERATED_FOLDER);
  const old = join(modulesDir, code, `.old-${randomUUID()}`);
  await rename(target, old).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== 'ENOENT') throw error;
  });
  await rename(staged, target);
  await rm(old, { recursive: true, force: true });
  await writeFile(join(modulesDir, code, SPEC_FILE), `${JSON.stringify(spec, null, 2)}\n`);
}
