/** Reading suivi.config.json: paths resolved from its folder, every mistake a ConfigError naming the culprit. */
import { describe, expect, it } from 'vitest';
import { BUILTIN_GENERATOR_NAMES } from '../builtin-names.ts';
import { GENERATORS } from '../registry.ts';
import { asGenerator, ConfigError, parseSuiviConfig } from './suivi-config.ts';

const FILE = '/project/suivi.config.json';
const parse = (value: unknown) => parseSuiviConfig(JSON.stringify(value), FILE);
const refusal = (run: () => unknown): string => {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('expected a ConfigError');
};

describe('parseSuiviConfig', () => {
  it('resolves each generator module from the config file’s folder', () => {
    expect(parse({ generators: { site_summary: './gen/site.ts', other: '../x.ts' } })).toEqual({
      file: FILE,
      generators: { other: '/x.ts', site_summary: '/project/gen/site.ts' },
    });
    expect(parse({})).toEqual({ file: FILE, generators: {} });
  });

  it('refuses a built-in name, naming the conflict', () => {
    const message = refusal(() => parse({ generators: { sql: './my-sql.ts' } }));
    expect(message).toContain(FILE);
    expect(message).toContain('generator "sql" is a built-in generator and cannot be replaced');
  });

  it.each([
    ['not JSON', '{ generators: ', 'not JSON'],
    ['an array', '[]', 'expected an object'],
    ['a typo in a key', '{"generator": {}}', 'unknown key "generator"'],
    ['generators as a list', '{"generators": ["./a.ts"]}', '"generators" must map names'],
    ['a name that is not a folder name', '{"generators": {"../up": "./a.ts"}}', 'is not a folder name'],
    ['a path that is not text', '{"generators": {"mine": 3}}', 'must name a module file'],
  ])('refuses %s', (_, text, expected) => {
    const message = refusal(() => parseSuiviConfig(text, FILE));
    expect(message.startsWith(`${FILE}: `)).toBe(true);
    expect(message).toContain(expected);
  });

  it('knows the registry’s names as the built-in ones', () => {
    expect([...BUILTIN_GENERATOR_NAMES].sort()).toEqual(Object.keys(GENERATORS).sort());
  });
});

describe('asGenerator', () => {
  const config = parse({ generators: { mine: './mine.ts' } });
  it('takes a default export with a description and generate()', () => {
    const generator = { description: 'd', generate: () => [] };
    expect(asGenerator(config, 'mine', { default: generator })).toBe(generator);
  });

  it.each([
    ['no default export', { mine: { description: 'd', generate: () => [] } }],
    ['a default without generate()', { default: { description: 'd' } }],
    ['a function', { default: () => [] }],
  ])('refuses %s, naming the module', (_, exports) => {
    const message = refusal(() => asGenerator(config, 'mine', exports));
    expect(message).toContain('generator "mine": /project/mine.ts does not export a Generator');
  });
});
