/**
 * Stage 2: config.json `tree` → the levels and their parents. An object may sit under several parents
 * (RHOMEO: a site under a group and directly under the module); the module itself is the protocol, not a
 * level. Object files that the tree does not name are inactive in GeoNature: reported and skipped.
 */
import type { Collector } from './collector.ts';
import { DEFAULT_TREE, GENERIC_OBJECTS } from './generic-objects.ts';
import { isObject, type JsonObject } from './read-files.ts';

export interface TreeLevel {
  /** GeoNature object type, also the name of its file (`site` → site.json). */
  readonly object: string;
  /** Parent object types, the module left out. */
  readonly parents: readonly string[];
  /** Also placed directly under the module: GeoNature lets such records have no parent. */
  readonly alsoRoot: boolean;
}

/** Object types GeoNature Monitoring knows; a file named after one of them configures a level. */
const OBJECT_FILES = new Set([...Object.keys(GENERIC_OBJECTS), 'individual', 'marking']);

export function readTree(
  config: JsonObject,
  files: ReadonlyMap<string, JsonObject>,
  collector: Collector,
): TreeLevel[] {
  let tree: unknown = config.tree;
  if (tree === undefined) {
    collector.warn(
      'config.json',
      '',
      "no tree: using GeoNature's default tree (module > sites_group > site > visit > observation)",
    );
    tree = DEFAULT_TREE;
  } else if (!isObject(tree)) {
    collector.warn('config.json', '/tree', "the tree is not an object: using GeoNature's default tree");
    tree = DEFAULT_TREE;
  }
  const root = isObject(tree) && isObject(tree.module) ? tree.module : tree;
  const found = new Map<string, { parents: Set<string>; alsoRoot: boolean }>();
  const walk = (children: unknown, parent: string, path: string, ancestors: readonly string[]) => {
    if (children === null || children === undefined) return;
    if (!isObject(children)) {
      collector.warn('config.json', path, 'expected an object of child levels (or null): ignored');
      return;
    }
    for (const [name, grandChildren] of Object.entries(children)) {
      const at = `${path}/${name}`;
      if (ancestors.includes(name) || name === 'module') {
        collector.warn('config.json', at, `${name} is its own ancestor in the tree: ignored`);
        continue;
      }
      const level = found.get(name) ?? { parents: new Set<string>(), alsoRoot: false };
      found.set(name, level);
      if (parent === 'module') level.alsoRoot = true;
      else level.parents.add(parent);
      walk(grandChildren, name, at, [...ancestors, name]);
    }
  };
  walk(root, 'module', '/tree/module', []);
  for (const path of files.keys()) {
    const name = path.replace(/\.json$/, '');
    if (OBJECT_FILES.has(name) && !found.has(name)) {
      collector.warn(path, '', `${name} is not in the tree, so GeoNature does not use this file: skipped`);
    }
  }
  return [...found].map(([object, { parents, alsoRoot }]) => ({
    object,
    parents: [...parents],
    alsoRoot: alsoRoot && parents.size > 0,
  }));
}
