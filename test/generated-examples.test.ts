/** The committed generated folders of the examples are what the generators produce now (npm run gen). */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const root = new URL('..', import.meta.url).pathname;
const settle = (p: Promise<{ stdout: string; stderr: string }>) =>
  p.then(
    (r) => ({ code: 0, out: r.stdout + r.stderr }),
    (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, out: e.stdout + e.stderr }),
  );

describe('generated example modules', () => {
  it('are up to date (npm run gen:check)', { timeout: 120_000 }, async () => {
    const result = await settle(run('npm', ['run', '--silent', 'gen:check'], { cwd: root }));
    expect(result.out).not.toContain('stale');
    expect(result.code).toBe(0);
  });

  it('--check notices a stale file and generate repairs it', { timeout: 60_000 }, async () => {
    const out = mkdtempSync(join(tmpdir(), 'suivi-gen-'));
    const cli = (...args: string[]) => settle(run('node', ['builder/cli/bin.mjs', ...args], { cwd: root }));
    const spec = 'examples/amphibiens_mares/protocol.json';
    expect((await cli('generate', spec, '--out', out)).code).toBe(0);
    expect((await cli('generate', spec, '--out', out, '--check')).code).toBe(0);
    const dictionary = join(out, 'dictionary/dictionary.md');
    writeFileSync(dictionary, `${readFileSync(dictionary, 'utf8')}edited by hand\n`);
    const stale = await cli('generate', spec, '--out', out, '--check');
    expect(stale.code).toBe(1);
    expect(stale.out).toContain('dictionary/dictionary.md is stale');
    expect((await cli('generate', spec, '--out', out)).code).toBe(0);
    expect(readFileSync(dictionary, 'utf8')).not.toContain('edited by hand');
  });

  it('refuses an invalid spec and writes nothing', { timeout: 60_000 }, async () => {
    const out = mkdtempSync(join(tmpdir(), 'suivi-gen-'));
    const result = await settle(
      run(
        'node',
        ['builder/cli/bin.mjs', 'generate', 'test/fixtures/ten-mistakes.protocol.json', '--out', out],
        { cwd: root },
      ),
    );
    expect(result.code).toBe(1);
    expect(result.out).toContain('rule-syntax');
    expect(result.out).toContain('not generated');
  });
});
