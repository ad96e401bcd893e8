import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import type { GeneratedFile } from '../../generators/core/generated-file.ts';
import { MANIFEST_PATH } from '../../generators/core/manifest.ts';
import { MIGRATIONS_FOLDER } from '../../generators/migrations/index.ts';
import { MigrationPlanError } from '../../generators/migrations/plan.ts';
import { generateModule } from '../../generators/module.ts';
import { GENERATORS } from '../../generators/registry.ts';
import { compileProtocol, hasErrors, loadJsonText } from '../../protocol-specs/index.ts';
import { ConfigError, findSuiviConfig, loadCustomGenerators } from '../../runtime/config/load-config.ts';
import { checkEvolution, inOutputFolder } from './evolution-check.ts';
import { PreviousGenerationError, readPreviousGeneration } from './previous-generation.ts';

interface Output {
  write(text: string): unknown;
}

export interface GenerateCommandOptions {
  readonly out: string;
  /** Compare with what is on disk instead of writing; stale or missing files make it fail. */
  readonly check: boolean;
  /** A `suivi.config.json` of custom generators; without it, the current directory's, if any. */
  readonly config?: string;
  readonly stdout: Output;
  readonly stderr: Output;
}

/** Generates a module folder from a spec; returns the exit code. */
export async function generateCommand(specFile: string, options: GenerateCommandOptions): Promise<number> {
  const text = await readFile(specFile, 'utf8').catch(() => undefined);
  if (text === undefined) {
    options.stderr.write(`${specFile}: cannot read the file\n`);
    return 1;
  }
  const loaded = loadJsonText(text);
  const result = loaded.value === undefined ? undefined : compileProtocol(loaded.value);
  // What the output folder holds is the version this spec replaces: an upgrade must be one.
  const evolution = result?.ok ? await checkEvolution(result.protocol, inOutputFolder(options.out)) : [];
  const diagnostics = [...loaded.diagnostics, ...(result?.diagnostics ?? []), ...evolution];
  for (const d of diagnostics) {
    const at = loaded.locate(d);
    options.stderr.write(`${specFile}:${at.line}:${at.column} ${d.severity} ${d.rule} ${d.message}\n`);
  }
  if (!result?.ok || hasErrors(evolution)) {
    options.stderr.write(
      `${specFile}: not generated, fix the errors above (npx suivi validate ${specFile})\n`,
    );
    return 1;
  }
  // The banner and manifest name the spec by a stable, relative, slash-separated path: output must not depend on the machine.
  const specPath = relative(process.cwd(), specFile).split(sep).join('/');
  const generators = await withCustomGenerators(options);
  if (!generators) return 1;
  let files: GeneratedFile[];
  try {
    const previous = await readPreviousGeneration(options.out, dirname(specFile));
    files = await generateModule(result.protocol, { specPath, specText: text, previous }, generators);
  } catch (error) {
    if (!(error instanceof MigrationPlanError || error instanceof PreviousGenerationError)) throw error;
    options.stderr.write(`${specFile}: not generated, ${error.message}\n`);
    return 1;
  }
  return options.check ? check(files, options) : write(files, options);
}

/** The built-in generators and the config's; undefined (and the reason on stderr) when the config is wrong. */
async function withCustomGenerators(options: GenerateCommandOptions) {
  try {
    const config = await findSuiviConfig(options.config === undefined ? {} : { configFile: options.config });
    return { ...GENERATORS, ...(await loadCustomGenerators(config)) };
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    options.stderr.write(`${error.message}\n`);
    return undefined;
  }
}

async function check(
  files: ReadonlyArray<{ path: string; contents: string }>,
  options: GenerateCommandOptions,
): Promise<number> {
  const stale: string[] = [];
  for (const file of files) {
    const onDisk = await readFile(join(options.out, file.path), 'utf8').catch(() => undefined);
    if (onDisk !== file.contents) stale.push(file.path);
  }
  const previous = await readManifestPaths(options.out);
  const extra = previous.filter((p) => !files.some((f) => f.path === p));
  for (const path of stale) options.stderr.write(`${join(options.out, path)} is stale\n`);
  for (const path of extra) options.stderr.write(`${join(options.out, path)} is no longer generated\n`);
  const unlisted = await unlistedPlans(files, options.out);
  for (const path of unlisted)
    options.stderr.write(
      `${join(options.out, path)} is not in the manifest: the next generation would lose this migration plan (restore the manifest that listed it, then generate again)\n`,
    );
  const problems = stale.length + extra.length + unlisted.length;
  if (problems === 0) options.stdout.write(`${options.out}: up to date (${files.length} files)\n`);
  return problems === 0 ? 0 : 1;
}

/**
 * Migration plans on disk that this generation does not list. Earlier plans are history the generator
 * keeps only through the manifest (previous-generation.ts reads them from it), so a manifest that lost
 * one, say in a merge, silently drops a step of the upgrade path: `--check` says so.
 */
async function unlistedPlans(files: ReadonlyArray<{ path: string }>, out: string): Promise<string[]> {
  const names = await readdir(join(out, MIGRATIONS_FOLDER)).catch(() => [] as string[]);
  return names
    .map((name) => `${MIGRATIONS_FOLDER}/${name}`)
    .filter((path) => !files.some((f) => f.path === path))
    .sort();
}

async function write(
  files: ReadonlyArray<{ path: string; contents: string }>,
  options: GenerateCommandOptions,
): Promise<number> {
  // Files the previous generation listed and this one does not are removed; anything else in the folder is left alone.
  for (const path of await readManifestPaths(options.out)) {
    if (!files.some((f) => f.path === path)) await rm(join(options.out, path), { force: true });
  }
  for (const file of files) {
    const target = join(options.out, file.path);
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, file.contents);
  }
  options.stdout.write(`${options.out}: ${files.length} files written\n`);
  return 0;
}

async function readManifestPaths(folder: string): Promise<string[]> {
  try {
    const manifest = JSON.parse(await readFile(join(folder, MANIFEST_PATH), 'utf8')) as {
      files?: Array<{ path?: unknown }>;
    };
    return [
      MANIFEST_PATH,
      ...(manifest.files ?? []).flatMap((f) =>
        typeof f.path === 'string' && !f.path.includes('..') ? [f.path] : [],
      ),
    ];
  } catch {
    return [];
  }
}
