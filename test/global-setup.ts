/**
 * Vitest's global setup, run once before the test workers start, for what many test files would
 * otherwise each redo or wait for:
 * - the prepared test databases (test/helpers/database-templates.ts) for this content hash, on PGlite
 *   and, with DATABASE_URL, on PostgreSQL, unless a previous run built them; their hash goes to the workers;
 * - the web app's build, which the browser tests and `npm start` serve;
 * - the static checks (types, lint, dependency rules), started in child processes that run beside the
 *   workers; test/project-checks.test.ts reports their verdicts.
 * Each only when the run's files need it (a run of a few files pays for nothing else).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import type { TestProject } from 'vitest/node';
import { ensureWebBuild } from '../runtime/web/build.ts';
import { ROOT, startChecks } from './helpers/project-checks.ts';
import { templatesHash } from './helpers/template-hash.ts';
import { TEMPLATE_NAMES, type TemplateName } from './helpers/template-names.ts';
import { pgliteStore, postgresStore } from './helpers/template-stores.ts';

/** The test files of this run: every file, or those the command line's filters select. */
async function selectedFiles(project: TestProject): Promise<string[]> {
  // Vitest keeps the command line's filters here (not in its public API); none means every file.
  const filters = (project.vitest as unknown as { filenamePattern?: string[] }).filenamePattern ?? [];
  return (await project.globTestFiles(filters)).testFiles.map((f) => relative(ROOT, f));
}

/** Files that open databases go through one of these helpers (a file missed here builds what it needs). */
const USES_DATABASES = /helpers\/engines\.ts|db\/databases\.ts|\.test-helpers\.ts/;
const USES_WEB_BUILD = /\.browser\.test\.ts$|^runtime\/server\/start\.test\.ts$/;

/**
 * Builds the missing templates. A failure (a broken migration, an unreachable server) is printed and not
 * thrown: the files that need a template then build it themselves and report the error as their own
 * failure, while the other files run.
 */
async function prepareDatabases(hash: string): Promise<void> {
  const started = performance.now();
  const url = process.env.DATABASE_URL;
  const stores = [pgliteStore(hash), ...(url ? [postgresStore(url, hash)] : [])];
  try {
    await Promise.all(
      stores.map(async (store) => {
        await store.prune(1);
        const missing: TemplateName[] = [];
        for (const name of TEMPLATE_NAMES) if (!(await store.has(name))) missing.push(name);
        // The recipes load the spec compiler and the generators (~2 s): only when there is work.
        if (missing.length === 0) return;
        const { ensureTemplates } = await import('./helpers/database-templates.ts');
        await ensureTemplates(store, missing);
      }),
    );
  } catch (error) {
    console.error(`Could not prepare the test databases: ${(error as Error).message}`);
    return;
  }
  const seconds = (performance.now() - started) / 1000;
  if (seconds > 2) console.log(`Prepared the test databases in ${seconds.toFixed(1)} s (${hash}).`);
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const files = await selectedFiles(project);
  const checksDir = files.includes('test/project-checks.test.ts')
    ? mkdtempSync(join(tmpdir(), 'suivi-checks-'))
    : undefined;
  const checks = checksDir ? startChecks(checksDir) : undefined;
  project.provide('suiviChecksDir', checksDir);
  const stop = async () => {
    checks?.stop();
    if (checksDir) rmSync(checksDir, { recursive: true, force: true });
  };

  try {
    const hash = templatesHash();
    project.provide('suiviTemplatesHash', hash);
    const databases = files.some((f) => USES_DATABASES.test(readFileSync(join(ROOT, f), 'utf8')));
    await Promise.all([
      databases ? prepareDatabases(hash) : undefined,
      files.some((f) => USES_WEB_BUILD.test(f))
        ? // A failed build is the browser tests' failure, which build again (and say why).
          ensureWebBuild().catch((error: Error) =>
            console.error(`Could not build the web app: ${error.message}`),
          )
        : undefined,
    ]);
  } catch (error) {
    await stop();
    throw error;
  }
  return stop;
}
