/**
 * The demo records of a module: `examples/<code>/demo/records.json`, beside the protocol whose generated
 * folder is `examples/<code>/generated`. A list of `{ level, owner, record }`: the record is an API body
 * (what `POST /api/modules/<code>/<level>` takes, with an `id`: the file's key for the record, which
 * the seed replaces by a random UUID, demo-record-ids.ts), `owner` the login of the demo
 * account that creates it (its organisation owns the record). The file is read only when the module's
 * tables are empty, so later starts never open it.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ModuleRuntime } from '../modules/load.ts';

export interface DemoRecord {
  readonly level: string;
  /** Login of a demo account (runtime/demo/demo-data.ts). */
  readonly owner: string;
  readonly record: Readonly<Record<string, unknown>>;
}

export const demoRecordsPath = (module: Pick<ModuleRuntime, 'folder'>): string =>
  join(module.folder, '..', 'demo', 'records.json');

export const hasDemoRecords = (module: Pick<ModuleRuntime, 'folder'>): boolean =>
  existsSync(demoRecordsPath(module));

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Each level's distance from the top (a level with no parent is 0, its children 1…). */
function levelDepths(levels: readonly { key: string; parents: readonly string[] }[]): Map<string, number> {
  const depths = new Map<string, number>();
  const depthOf = (key: string): number => {
    const known = depths.get(key);
    if (known !== undefined) return known;
    const parents = levels.find((l) => l.key === key)?.parents ?? [];
    const depth = parents.length === 0 ? 0 : 1 + Math.max(...parents.map(depthOf));
    depths.set(key, depth);
    return depth;
  };
  for (const level of levels) depthOf(level.key);
  return depths;
}

/**
 * The module's demo records, parent levels first (the file's order within a level). A file of the wrong
 * shape throws, naming the file and the entry: it ships with the code, so it is a bug, not bad input.
 */
export function readDemoRecords(module: Pick<ModuleRuntime, 'folder' | 'protocol'>): DemoRecord[] {
  const path = demoRecordsPath(module);
  const parsed: unknown = JSON.parse(readFileSync(path, 'utf8'));
  const entries = isObject(parsed) ? parsed.records : undefined;
  if (!Array.isArray(entries)) throw new Error(`${path}: expected { "records": [...] }`);
  const depth = levelDepths(module.protocol.levels);
  const records = entries.map((entry: unknown, index): DemoRecord => {
    if (
      !isObject(entry) ||
      typeof entry.level !== 'string' ||
      !depth.has(entry.level) ||
      typeof entry.owner !== 'string' ||
      !isObject(entry.record) ||
      typeof entry.record.id !== 'string'
    )
      throw new Error(
        `${path}: records[${index}] is not { level, owner, record: { id, … } } of a known level`,
      );
    return { level: entry.level, owner: entry.owner, record: entry.record };
  });
  // Parents first; the sort is stable, so the file's order holds inside a level.
  return records.sort((a, b) => (depth.get(a.level) ?? 0) - (depth.get(b.level) ?? 0));
}
