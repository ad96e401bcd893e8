/**
 * Finding and loading a module's extension. The rule: the extension of the module whose generated
 * folder is `<dir>/generated` is `<dir>/extensions/index.ts` — the generated folder sits in the
 * module's source folder, beside the spec its manifest names (`source`), as `npm run gen` and
 * `suivi generate <dir>/protocol.json --out <dir>/generated` lay it out. No file there: no extension,
 * and the module behaves exactly as without this feature. The generated folder itself holds no code of
 * ours to run: its files are checked against the manifest, an extension is the developer's.
 *
 * A file that does not load, or does not export an extension of this module's levels and events, stops
 * the start with an ExtensionLoadError naming the file and the culprit.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ModuleRuntime } from '../modules/load.ts';
import { WRITE_EVENTS, type WriteEvent } from '../records/hooks.ts';
import type { LoadedExtension } from './types.ts';

export const EXTENSION_ENTRY = join('extensions', 'index.ts');

export class ExtensionLoadError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'ExtensionLoadError';
  }
}

const EVENTS: ReadonlySet<string> = new Set(WRITE_EVENTS);
const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Where the extension of the module in generated folder `folder` would be. */
export const extensionFile = (folder: string): string => join(dirname(folder), EXTENSION_ENTRY);

/** The extension as loaded, checked against the module's levels. */
export function checkExtension(module: ModuleRuntime, file: string, exports: unknown): LoadedExtension {
  const fail = (what: string) => new ExtensionLoadError(`${file} (module ${module.code}): ${what}`);
  const extension = isObject(exports) ? exports.default : undefined;
  if (!isObject(extension))
    throw fail(
      'the default export must be an extension: `export default defineExtension({ routes?, hooks? })`',
    );
  const unknown = Object.keys(extension).filter((k) => k !== 'routes' && k !== 'hooks');
  if (unknown.length > 0) throw fail(`unknown key ${unknown.join(', ')} (an extension has routes and hooks)`);
  if (extension.routes !== undefined && typeof extension.routes !== 'function')
    throw fail('routes must be a function (x) => { x.app.get(…) }');
  const hooks: Record<string, Partial<Record<WriteEvent, (call: object) => unknown>>> = {};
  if (extension.hooks !== undefined && !isObject(extension.hooks))
    throw fail('hooks must map level keys to their hooks: { visit: { beforeCreate() {…} } }');
  for (const [level, events] of Object.entries(extension.hooks ?? {})) {
    if (!module.levels.some((l) => l.key === level))
      throw fail(
        `hooks name the level ${level}, which the module does not have (${module.levels.map((l) => l.key).join(', ')})`,
      );
    if (!isObject(events)) throw fail(`hooks.${level} must be an object of hooks`);
    for (const [event, hook] of Object.entries(events)) {
      if (!EVENTS.has(event))
        throw fail(`hooks.${level}.${event} is not a hook (${WRITE_EVENTS.join(', ')})`);
      if (typeof hook !== 'function') throw fail(`hooks.${level}.${event} must be a function`);
    }
    hooks[level] = events as Partial<Record<WriteEvent, (call: object) => unknown>>;
  }
  return {
    module: module.code,
    file,
    ...(extension.routes ? { routes: extension.routes as LoadedExtension['routes'] } : {}),
    hooks,
  };
}

/** The extensions of `modules` that have one, by module code (TypeScript through the process's loader, tsx). */
export async function loadExtensions(
  modules: readonly ModuleRuntime[],
): Promise<ReadonlyMap<string, LoadedExtension>> {
  const loaded = new Map<string, LoadedExtension>();
  for (const module of modules) {
    const file = extensionFile(module.folder);
    if (!existsSync(file)) continue;
    let exports: unknown;
    try {
      exports = await import(pathToFileURL(file).href);
    } catch (error) {
      throw new ExtensionLoadError(
        `${file} (module ${module.code}) could not be loaded: ${(error as Error).message}`,
        { cause: error },
      );
    }
    loaded.set(module.code, checkExtension(module, file, exports));
  }
  return loaded;
}
