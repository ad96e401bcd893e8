/**
 * Finding suivi.config.json and loading its generators: clear errors for a missing config, a missing
 * module, a module that is not a generator (builder/cli/generate-config.test.ts: how the CLI prints
 * them). And the runtime's check of a manifest against the config.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Manifest } from '../../generators/model/index.ts';
import { ConfigError, findSuiviConfig, loadCustomGenerators } from './load-config.ts';
import { checkModuleGenerators, ModuleGeneratorsError } from './module-generators.ts';

const dir = mkdtempSync(join(tmpdir(), 'suivi-config-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function project(name: string, config: unknown, modules: Record<string, string> = {}): string {
  const root = join(dir, name);
  mkdirSync(root, { recursive: true });
  writeFileSync(join(root, 'suivi.config.json'), JSON.stringify(config));
  for (const [file, text] of Object.entries(modules)) writeFileSync(join(root, file), text);
  return root;
}

const GOOD = `export default { description: 'one file', generate: (p) => [{ path: 'hello.txt', contents: p.code + '\\n' }] };\n`;

describe('findSuiviConfig and loadCustomGenerators', () => {
  it('finds suivi.config.json in the directory and loads its generators', async () => {
    const root = project('good', { generators: { hello: './hello.mjs' } }, { 'hello.mjs': GOOD });
    const config = await findSuiviConfig({ cwd: root });
    expect(config?.generators).toEqual({ hello: join(root, 'hello.mjs') });
    const generators = await loadCustomGenerators(config);
    expect(generators.hello?.description).toBe('one file');
  });

  it('is none when the directory has none and none is named', async () => {
    mkdirSync(join(dir, 'empty'), { recursive: true });
    expect(await findSuiviConfig({ cwd: join(dir, 'empty') })).toBeUndefined();
    expect(await loadCustomGenerators(undefined)).toEqual({});
  });

  it('refuses a named config that does not exist', async () => {
    await expect(findSuiviConfig({ cwd: dir, configFile: 'nowhere.json' })).rejects.toThrow(
      new ConfigError(`${join(dir, 'nowhere.json')}: cannot read the config file`),
    );
  });

  it('refuses a generator module that does not exist or is not a generator', async () => {
    const missing = await findSuiviConfig({ cwd: project('missing', { generators: { gone: './gone.ts' } }) });
    await expect(loadCustomGenerators(missing)).rejects.toThrow(
      /generator "gone": .*gone\.ts does not exist/,
    );
    const wrong = await findSuiviConfig({
      cwd: project(
        'wrong',
        { generators: { wrong: './wrong.mjs' } },
        { 'wrong.mjs': 'export const x = 1;\n' },
      ),
    });
    await expect(loadCustomGenerators(wrong)).rejects.toThrow(
      /does not export a Generator as its default export/,
    );
    const broken = await findSuiviConfig({
      cwd: project(
        'broken',
        { generators: { broken: './broken.mjs' } },
        { 'broken.mjs': 'export default {\n' },
      ),
    });
    await expect(loadCustomGenerators(broken)).rejects.toThrow(/generator "broken": .* could not be loaded/);
  });
});

describe('checkModuleGenerators', () => {
  const manifest = {
    protocol: { code: 'demo', version: 1, label: 'Demo' },
    files: [
      { path: 'sql/001-tables.sql', sha256: 'x', generator: 'sql', sql: 'install' },
      { path: 'site_summary/002-trigger.sql', sha256: 'y', generator: 'site_summary', sql: 'derived' },
    ],
  } as unknown as Manifest;

  it('accepts a manifest whose custom generators the config registers', () => {
    expect(() =>
      checkModuleGenerators([manifest], {
        file: '/p/suivi.config.json',
        generators: { site_summary: '/p/s.ts' },
      }),
    ).not.toThrow();
  });

  it('refuses one generated with a generator no config registers, saying how to start', () => {
    expect(() => checkModuleGenerators([manifest], undefined)).toThrow(
      new ModuleGeneratorsError(
        'module demo was generated with the custom generator(s) site_summary, which no suivi.config.json registers: start with the config it was generated with (--config <file>)',
      ),
    );
  });
});
