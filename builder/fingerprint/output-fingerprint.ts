/**
 * Enforcing GENERATOR_VERSION: `generators/output-fingerprint.json` records, for the current version, a
 * hash of the example specs (the generators' input) and one of what the built-in generators made of
 * them (every file the committed module folders list, manifest.json aside). When the output changes
 * while the specs and the version do not, a generator changed its output: the version must be bumped.
 *
 * `npm run gen` refreshes the file last (refresh.ts) and refuses to when that rule is broken; the test
 * (test/output-fingerprint.test.ts) fails when the committed file is not the current one.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { isBuiltinGenerator, MANIFEST_PATH, type Manifest } from '../../generators/model/index.ts';

export const FINGERPRINT_PATH = 'generators/output-fingerprint.json';

export interface OutputFingerprint {
  readonly generatorVersion: string;
  /** sha256 of every example spec, by path. */
  readonly specs: string;
  /** sha256 of every file the built-in generators wrote into the examples' module folders, by path. */
  readonly output: string;
}

const SKIPPED = new Set(['node_modules', 'generated', 'demo', 'demo-data']);

/** Module folders under `examples/`: `<dir>/generated` beside a `protocol.json`, at any depth. */
export function exampleModules(root: string): { spec: string; folder: string }[] {
  const found: { spec: string; folder: string }[] = [];
  const visit = (dir: string) => {
    const spec = join(dir, 'protocol.json');
    if (existsSync(spec) && existsSync(join(dir, 'generated', MANIFEST_PATH)))
      found.push({ spec, folder: join(dir, 'generated') });
    for (const entry of readdirSync(dir, { withFileTypes: true }))
      if (entry.isDirectory() && !SKIPPED.has(entry.name)) visit(join(dir, entry.name));
  };
  visit(join(root, 'examples'));
  return found.sort((a, b) => (a.spec < b.spec ? -1 : 1));
}

function hashFiles(root: string, paths: readonly string[]): string {
  const hash = createHash('sha256');
  for (const path of paths) hash.update(`${relative(root, path)}\0${readFileSync(path, 'utf8')}\0`);
  return hash.digest('hex');
}

/** The fingerprint of the committed examples under `root` (the repository), for `generatorVersion`. */
export function currentFingerprint(root: string, generatorVersion: string): OutputFingerprint {
  const modules = exampleModules(root);
  const output = modules.flatMap(({ folder }) => {
    const manifest = JSON.parse(readFileSync(join(folder, MANIFEST_PATH), 'utf8')) as Manifest;
    // Custom generators (examples/extension-demo) are example code, not the generators versioned here.
    return manifest.files.filter((f) => isBuiltinGenerator(f.generator)).map((f) => join(folder, f.path));
  });
  return {
    generatorVersion,
    specs: hashFiles(
      root,
      modules.map((m) => m.spec),
    ),
    output: hashFiles(root, output.sort()),
  };
}

export type Verdict =
  | { readonly kind: 'same' }
  /** Refresh the recorded fingerprint: the version moved, or the specs explain the new output. */
  | { readonly kind: 'refresh' }
  /** The output changed for the same specs under the same version. */
  | { readonly kind: 'bump' };

export function verdict(recorded: OutputFingerprint | undefined, current: OutputFingerprint): Verdict {
  if (
    recorded?.generatorVersion === current.generatorVersion &&
    recorded.specs === current.specs &&
    recorded.output === current.output
  )
    return { kind: 'same' };
  if (
    recorded?.generatorVersion === current.generatorVersion &&
    recorded.specs === current.specs &&
    recorded.output !== current.output
  )
    return { kind: 'bump' };
  return { kind: 'refresh' };
}

export const BUMP_MESSAGE =
  'Generated output changed for the same example specs, but GENERATOR_VERSION did not: bump it in ' +
  'generators/core/manifest.ts (installed modules record it), then run `npm run gen`, which regenerates ' +
  `the examples and refreshes ${FINGERPRINT_PATH}.`;

export function readFingerprint(root: string): OutputFingerprint | undefined {
  const path = join(root, FINGERPRINT_PATH);
  return existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as OutputFingerprint) : undefined;
}
