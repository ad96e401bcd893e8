/** The static checks run as part of the one test command: types, lint and format, dependency direction. */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const root = new URL('..', import.meta.url).pathname;
const npx = (args: string[]) =>
  run('npx', args, { cwd: root, maxBuffer: 10 * 1024 * 1024 }).then(
    (r) => ({ code: 0, output: r.stdout + r.stderr }),
    (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, output: e.stdout + e.stderr }),
  );

describe('project checks', () => {
  it('type-checks under strict TypeScript', { timeout: 180_000 }, async () => {
    const result = await npx(['tsc', '--noEmit', '-p', 'tsconfig.json']);
    expect(result.output).toBe('');
    expect(result.code).toBe(0);
  });

  it('passes the linter and formatter', { timeout: 60_000 }, async () => {
    const result = await npx(['biome', 'check', '.']);
    expect(result.code, result.output).toBe(0);
  });

  it('keeps dependencies pointing one way, with no cycles', { timeout: 60_000 }, async () => {
    const result = await run('npm', ['run', '--silent', 'deps'], { cwd: root }).then(
      (r) => ({ code: 0, output: r.stdout }),
      (e: { code: number; stdout: string; stderr: string }) => ({
        code: e.code,
        output: e.stdout + e.stderr,
      }),
    );
    expect(result.code, result.output).toBe(0);
  });
});
