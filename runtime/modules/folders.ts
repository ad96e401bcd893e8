/** Where module folders are: every `<root>/<name>/generated` holding a manifest.json, sorted by name. */
import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { MANIFEST_PATH } from '../../generators/model/index.ts';

export function generatedModuleFolders(root: string): string[] {
  return readdirSync(root, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => join(resolve(root), entry.name, 'generated'))
    .filter((folder) => existsSync(join(folder, MANIFEST_PATH)))
    .sort();
}

/** The example modules shipped in this repository (examples/*\/generated). */
export const EXAMPLES_ROOT = new URL('../../examples/', import.meta.url).pathname;
