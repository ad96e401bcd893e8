/**
 * A generated module folder, read and checked: its manifest.json, and every file the manifest lists,
 * verified against its sha256. A file edited by hand or a half-regenerated folder is refused before
 * anything touches the database or the runtime.
 */
import { readFile } from 'node:fs/promises';
import { resolve, sep } from 'node:path';
import {
  isBuiltinGenerator,
  MANIFEST_PATH,
  type Manifest,
  type SqlKind,
  sha256,
} from '../../generators/model/index.ts';

export type { Manifest };

const SQL_KINDS: readonly unknown[] = ['install', 'derived', 'migration'] satisfies readonly SqlKind[];

export class ModuleFolderError extends Error {
  constructor(
    readonly folder: string,
    message: string,
  ) {
    super(`${folder}: ${message}`);
    this.name = 'ModuleFolderError';
  }
}

export interface ModuleFolder {
  /** Absolute path; for a module read back from the database, `suivi.module_version#<id>` (module-version.ts). */
  readonly folder: string;
  readonly manifest: Manifest;
  /** manifest.json as written, kept with the other files in each version row. */
  readonly manifestText: string;
  /** Verified contents of every listed file, by manifest path. */
  readonly files: ReadonlyMap<string, string>;
}

function checkShape(folder: string, value: unknown): Manifest {
  const m = value as Partial<Manifest> | null;
  const ok =
    typeof m === 'object' &&
    m !== null &&
    typeof m.protocol?.code === 'string' &&
    Number.isInteger(m.protocol.version) &&
    typeof m.protocol.label === 'string' &&
    typeof m.generatorVersion === 'string' &&
    Array.isArray(m.files) &&
    m.files.every(
      (f) =>
        typeof f?.path === 'string' &&
        typeof f.sha256 === 'string' &&
        (f.sql === undefined || SQL_KINDS.includes(f.sql)),
    );
  if (!ok) throw new ModuleFolderError(folder, `${MANIFEST_PATH} is not a Suivi module manifest`);
  return m as Manifest;
}

/**
 * A module folder from its manifest's text and a reader of its files (the disk, or the files a version
 * row stored): every listed file must be there with the manifest's sha256, or the folder is refused,
 * naming the files. `regenerate` says how to fix it.
 */
export async function verifiedModuleFolder(
  folder: string,
  manifestText: string,
  read: (path: string) => Promise<string | undefined>,
  regenerate: (manifest: Manifest) => string,
): Promise<ModuleFolder> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(manifestText);
  } catch (error) {
    throw new ModuleFolderError(folder, `${MANIFEST_PATH} is not JSON (${(error as Error).message})`);
  }
  const manifest = checkShape(folder, parsed);
  const files = new Map<string, string>();
  const problems: string[] = [];
  for (const entry of manifest.files) {
    const contents = await read(entry.path);
    if (contents === undefined) problems.push(`${entry.path} is missing`);
    else if (sha256(contents) !== entry.sha256) problems.push(`${entry.path} differs from the manifest`);
    else files.set(entry.path, contents);
  }
  if (problems.length > 0)
    throw new ModuleFolderError(folder, `${problems.join('; ')}. ${regenerate(manifest)}`);
  return { folder, manifest, manifestText, files };
}

export async function readModuleFolder(path: string): Promise<ModuleFolder> {
  const folder = resolve(path);
  const text = await readFile(resolve(folder, MANIFEST_PATH), 'utf8').catch(() => undefined);
  if (text === undefined) {
    throw new ModuleFolderError(folder, `no ${MANIFEST_PATH}: is this a generated module folder?`);
  }
  return verifiedModuleFolder(
    folder,
    text,
    async (entry) => {
      const file = resolve(folder, entry);
      // A manifest naming ../../etc/passwd reads nothing outside the folder.
      if (!file.startsWith(folder + sep)) return undefined;
      return readFile(file, 'utf8').catch(() => undefined);
    },
    (manifest) => `Regenerate the folder: npx suivi generate ${manifest.source ?? '<spec>'} --out ${path}`,
  );
}

/**
 * The SQL files of one kind the manifest lists (generators/core/generated-file.ts, SqlKind): the built-in
 * generators' in path order, then the custom generators' (suivi.config.json) in path order, since these
 * build on the module's tables (`site_summary/…` would otherwise sort before `sql/…`).
 */
export const sqlFiles = (module: ModuleFolder, kind: SqlKind): string[] => {
  const files = module.manifest.files.filter((f) => f.sql === kind);
  const paths = (builtin: boolean) =>
    files
      .filter((f) => isBuiltinGenerator(f.generator) === builtin)
      .map((f) => f.path)
      .sort();
  return [...paths(true), ...paths(false)];
};

/** What a fresh install runs: every `install` file, then every `derived` one. */
export const installSqlFiles = (module: ModuleFolder): string[] => [
  ...sqlFiles(module, 'install'),
  ...sqlFiles(module, 'derived'),
];

/**
 * Whether two manifests describe the same generated module. Compared field by field, not as text: a
 * manifest read back from jsonb has its keys reordered.
 */
export function sameModule(
  a: Manifest,
  b: Manifest,
  only?: (file: Manifest['files'][number]) => boolean,
): boolean {
  const files = (m: Manifest) =>
    m.files
      .filter((f) => only?.(f) ?? true)
      .map((f) => `${f.path} ${f.sha256}`)
      .sort()
      .join('\n');
  return (
    a.protocol.code === b.protocol.code &&
    a.protocol.version === b.protocol.version &&
    a.generatorVersion === b.generatorVersion &&
    files(a) === files(b)
  );
}

/**
 * Whether two manifests describe the same tables: the same protocol version and the same SQL files. The
 * generator version is left out: it moves with any change of output (a type, a form: docs/generators.md),
 * and a module holding data must not need a migration for SQL that did not change.
 */
export const sameSchema = (a: Manifest, b: Manifest): boolean =>
  sameModule(a, { ...b, generatorVersion: a.generatorVersion }, (file) => file.sql !== undefined);

/**
 * Whether two manifests describe the same tables, their derived SQL (views, history triggers) aside:
 * a new generator that only changes derived objects re-runs them on a module holding data, no
 * migration needed (install.ts).
 */
export const sameTables = (a: Manifest, b: Manifest): boolean =>
  sameModule(
    a,
    { ...b, generatorVersion: a.generatorVersion },
    (file) => file.sql !== undefined && file.sql !== 'derived',
  );
