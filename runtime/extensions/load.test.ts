/** A module's extension is checked against its levels and the hook names: a mistake names the file and the culprit. */
import { describe, expect, it } from 'vitest';
import type { ModuleRuntime } from '../modules/load.ts';
import { checkExtension, ExtensionLoadError, extensionFile } from './load.ts';

const module = { code: 'demo', levels: [{ key: 'site' }, { key: 'visit' }] } as unknown as ModuleRuntime;
const check = (extension: unknown) => () =>
  checkExtension(module, '/m/extensions/index.ts', { default: extension });

describe('checkExtension', () => {
  it('keeps routes and hooks by level', () => {
    const beforeCreate = () => {};
    const routes = () => {};
    expect(check({ routes, hooks: { visit: { beforeCreate } } })()).toEqual({
      module: 'demo',
      file: '/m/extensions/index.ts',
      routes,
      hooks: { visit: { beforeCreate } },
    });
  });

  it.each([
    ['no default export', undefined, 'the default export must be an extension'],
    ['an unknown key', { route: () => {} }, 'unknown key route'],
    ['routes that are not a function', { routes: {} }, 'routes must be a function'],
    ['a level the module lacks', { hooks: { observation: {} } }, 'hooks name the level observation'],
    [
      'a misspelt hook',
      { hooks: { visit: { beforeInsert: () => {} } } },
      'hooks.visit.beforeInsert is not a hook',
    ],
    ['a hook that is not a function', { hooks: { visit: { afterCreate: 1 } } }, 'must be a function'],
  ])('refuses %s', (_, extension, expected) => {
    expect(check(extension)).toThrow(ExtensionLoadError);
    expect(check(extension)).toThrow(`/m/extensions/index.ts (module demo): `);
    expect(check(extension)).toThrow(expected);
  });

  it('looks beside the generated folder', () => {
    expect(extensionFile('/src/nichoirs/generated')).toBe('/src/nichoirs/extensions/index.ts');
  });
});
