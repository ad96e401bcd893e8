/** `suivi generate --config`: custom generators' files in the folder and the manifest; a config mistake is one line, no stack trace. */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Manifest } from '../../generators/model/index.ts';
import { cli } from './run-cli.test-helpers.ts';

const dir = mkdtempSync(join(tmpdir(), 'suivi-gen-config-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function project(name: string, config: unknown, modules: Record<string, string> = {}): string {
  const root = join(dir, name);
  mkdirSync(root, { recursive: true });
  writeFileSync(join(root, 'suivi.config.json'), JSON.stringify(config));
  for (const [file, text] of Object.entries(modules)) writeFileSync(join(root, file), text);
  return root;
}

const GOOD = `export default { description: 'one file', generate: (p) => [{ path: 'hello.txt', contents: p.code + '\\n' }] };\n`;

describe('suivi generate --config', () => {
  const spec = 'examples/extension-demo/nichoirs/protocol.json';

  it('prints a config mistake as one line and exits 1, writing nothing', async () => {
    const root = project('cli', { generators: { sql: './x.ts' } });
    const out = join(dir, 'cli-out');
    const result = await cli('generate', spec, '--out', out, '--config', join(root, 'suivi.config.json'));
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      `${join(root, 'suivi.config.json')}: generator "sql" is a built-in generator and cannot be replaced: choose another name (built-in: api, dashboards, dictionary, forms, ir, model, openapi, sql, types)\n`,
    );
    const missing = await cli('generate', spec, '--out', out, '--config', join(dir, 'none.json'));
    expect(missing.code).toBe(1);
    expect(missing.stderr).toBe(`${join(dir, 'none.json')}: cannot read the config file\n`);
  });

  it('adds the custom generator’s files, in its folder and the manifest', async () => {
    const root = project('cli-good', { generators: { hello: './hello.mjs' } }, { 'hello.mjs': GOOD });
    const out = join(dir, 'cli-good-out');
    const result = await cli('generate', spec, '--out', out, '--config', join(root, 'suivi.config.json'));
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as Manifest;
    expect(manifest.files.find((f) => f.generator === 'hello')).toMatchObject({ path: 'hello/hello.txt' });
  });
});
