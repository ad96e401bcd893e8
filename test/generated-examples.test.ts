/**
 * The committed generated folders of the examples are what the generators produce now (`npm run gen`
 * rewrites them). `suivi generate --check` runs in-process: it compares in memory with the files on disk.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cli } from '../builder/cli/run-cli.test-helpers.ts';
import { EXAMPLE_CODES } from './helpers/examples.ts';

const temp = mkdtempSync(join(tmpdir(), 'suivi-gen-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

describe('generated example modules', () => {
  it.each(EXAMPLE_CODES)('examples/%s/generated is up to date (npm run gen)', async (code) => {
    const result = await cli(
      'generate',
      `examples/${code}/protocol.json`,
      '--out',
      `examples/${code}/generated`,
      '--check',
    );
    expect(result.stderr).toBe('');
    expect(result.stdout).toMatch(/: up to date \(\d+ files\)\n$/);
    expect(result.code).toBe(0);
  });

  it('examples/extension-demo/nichoirs/generated is up to date, its custom generator included', async () => {
    const result = await cli(
      'generate',
      'examples/extension-demo/nichoirs/protocol.json',
      '--config',
      'examples/extension-demo/suivi.config.json',
      '--out',
      'examples/extension-demo/nichoirs/generated',
      '--check',
    );
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
  });

  it('examples/evolution/papillons_transects/generated is up to date, its migration plan included', async () => {
    const result = await cli(
      'generate',
      'examples/evolution/papillons_transects/protocol.json',
      '--out',
      'examples/evolution/papillons_transects/generated',
      '--check',
    );
    expect(result.stderr).toBe('');
    expect(result.stdout).toMatch(/: up to date \(\d+ files\)\n$/);
    expect(result.code).toBe(0);
  });

  it('--check notices a stale file and generate repairs it', async () => {
    const out = join(temp, 'amphibiens_mares');
    const spec = 'examples/amphibiens_mares/protocol.json';
    expect((await cli('generate', spec, '--out', out)).code).toBe(0);
    expect((await cli('generate', spec, '--out', out, '--check')).code).toBe(0);
    const dictionary = join(out, 'dictionary/dictionary.md');
    writeFileSync(dictionary, `${readFileSync(dictionary, 'utf8')}edited by hand\n`);
    const stale = await cli('generate', spec, '--out', out, '--check');
    expect(stale.code).toBe(1);
    expect(stale.stderr).toContain('dictionary/dictionary.md is stale');
    expect((await cli('generate', spec, '--out', out)).code).toBe(0);
    expect(readFileSync(dictionary, 'utf8')).not.toContain('edited by hand');
  });

  it('refuses an invalid spec and writes nothing', async () => {
    const out = join(temp, 'invalid');
    const result = await cli('generate', 'test/fixtures/ten-mistakes.protocol.json', '--out', out);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('rule-syntax');
    expect(result.stderr).toContain('not generated');
    expect(() => readFileSync(join(out, 'manifest.json'))).toThrow();
  });
});
