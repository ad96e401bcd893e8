/**
 * Where module folders are: every `<root>/<name>/generated` holding a manifest.json, sorted by name; a
 * root that does not exist (yet) has none.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { MANIFEST_PATH } from '../../generators/model/index.ts';

export function generatedModuleFolders(root: string): string[] {
  if (!existsSync(root)) return [];
  return readdirSync(root, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => join(resolve(root), entry.name, 'generated'))
    .filter((folder) => existsSync(join(folder, MANIFEST_PATH)))
    .sort();
}

/** The example modules shipped in this repository (examples/*\/generated). */
export const EXAMPLES_ROOT = new URL('../../examples/', import.meta.url).pathname;

/** The module code a folder's manifest names; undefined when it cannot be read (the start reports it). */
function folderCode(folder: string): string | undefined {
  try {
    const manifest = JSON.parse(readFileSync(join(folder, MANIFEST_PATH), 'utf8')) as {
      protocol?: { code?: unknown };
    };
    return typeof manifest.protocol?.code === 'string' ? manifest.protocol.code : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The folders a server serves: the published modules (the builder's, `<modules dir>/<code>/generated`)
 * and the examples, an example left out when a published folder has its code. A module the builder
 * published from an example has moved on from it; serving both would list its code twice.
 */
export function servedModuleFolders(published: readonly string[], examples: readonly string[]): string[] {
  const taken = new Set(published.map(folderCode).filter((c) => c !== undefined));
  return [...published, ...examples.filter((f) => !taken.has(folderCode(f) ?? ''))];
}

/** Where the builder publishes modules unless told otherwise (SUIVI_MODULES_DIR, --modules-dir). */
export const DEFAULT_MODULES_DIR = './modules';
