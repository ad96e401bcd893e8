/**
 * The package as a user installs it for production: in a copy of the working tree, `npm install` leaves
 * package-lock.json as committed, and after `npm ci --omit=dev` (no devDependency at all) `npx suivi
 * generate` writes the same module as the committed example. Slow (an install), so done once. Packages
 * come from npm's cache when it has them; without them and without the registry, the test is skipped
 * with the reason, except under CI=true, where it fails.
 */
import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const ROOT = join(dirname(new URL(import.meta.url).pathname), '..');
const temp = mkdtempSync(join(tmpdir(), 'suivi-install-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

/** The repository's files as they are now (committed or not, ignored ones left out), copied to `target`. */
async function copyWorkingTree(target: string): Promise<void> {
  const { stdout } = await run('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], {
    cwd: ROOT,
    maxBuffer: 16 * 1024 * 1024,
  });
  for (const file of stdout.split('\0')) {
    // node_modules may be a symbolic link in a worktree, which the ignore rule (a folder) does not match.
    if (file === '' || file.split('/')[0] === 'node_modules' || !existsSync(join(ROOT, file))) continue;
    mkdirSync(dirname(join(target, file)), { recursive: true });
    cpSync(join(ROOT, file), join(target, file));
  }
}

const NETWORK_ERROR = /\b(ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENETUNREACH|EHOSTUNREACH)\b/;

/** Runs npm; undefined when it succeeds, the reason when the registry could not be reached; else throws. */
async function npm(cwd: string, args: string[]): Promise<string | undefined> {
  try {
    await run('npm', [...args, '--prefer-offline', '--no-audit', '--no-fund'], {
      cwd,
      maxBuffer: 16 * 1024 * 1024,
    });
    return undefined;
  } catch (error) {
    const { stderr = '', message } = error as { stderr?: string; message: string };
    const network = NETWORK_ERROR.exec(stderr);
    if (network && process.env.CI !== 'true') return `npm registry unreachable (${network[1]})`;
    throw new Error(`npm ${args.join(' ')} failed: ${message}\n${stderr}`);
  }
}

const files = (folder: string): string[] =>
  readdirSync(folder, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => relative(folder, join(e.parentPath, e.name)))
    .sort();

describe('production install', () => {
  it('npm install keeps the lockfile; npx suivi generate works after npm ci --omit=dev', {
    timeout: 600_000,
  }, async (context) => {
    const copy = join(temp, 'suivi');
    await copyWorkingTree(copy);
    const skip = async (reason: string | undefined) => {
      if (reason === undefined) return;
      console.warn(`production install test skipped: ${reason}`);
      context.skip(reason);
    };

    const lockfile = readFileSync(join(copy, 'package-lock.json'), 'utf8');
    await skip(await npm(copy, ['install', '--package-lock-only', '--ignore-scripts']));
    expect(readFileSync(join(copy, 'package-lock.json'), 'utf8')).toBe(lockfile);

    await skip(await npm(copy, ['ci', '--omit=dev']));
    expect(existsSync(join(copy, 'node_modules/commander'))).toBe(true);
    expect(existsSync(join(copy, 'node_modules/vitest'))).toBe(false);

    const out = join(temp, 'chiro_gites');
    const spec = 'examples/chiro_gites/protocol.json';
    const generated = await run('npx', ['--no', 'suivi', 'generate', spec, '--out', out], { cwd: copy });
    expect(generated.stdout).toMatch(/files written/);
    const committed = join(ROOT, 'examples/chiro_gites/generated');
    expect(files(out)).toEqual(files(committed));
    for (const file of files(out))
      expect(readFileSync(join(out, file), 'utf8'), file).toBe(readFileSync(join(committed, file), 'utf8'));
  });
});
