/**
 * `suivi.config.json`: generators written outside this repository, registered by name beside the
 * built-in ones. Read by the CLI (`suivi generate`) and by the runtime (`npm start`), so that both
 * agree on which generators made a module folder.
 *
 * ```json
 * { "generators": { "site_summary": "./generators/site-summary.ts" } }
 * ```
 *
 * A name is also the folder its files go to; a path is resolved from the config file's folder, and the
 * module there exports the generator as its default export. This file only reads values (the text of
 * the config, a module's exports): finding and importing files is the caller's (runtime/config).
 */
import { dirname, resolve } from 'node:path';
import { BUILTIN_GENERATOR_NAMES, isBuiltinGenerator } from '../builtin-names.ts';
import type { Generator } from '../core/generated-file.ts';

export const CONFIG_FILE = 'suivi.config.json';

export interface SuiviConfig {
  /** Absolute path of the config file, for messages. */
  readonly file: string;
  /** Custom generator name → absolute path of its module. */
  readonly generators: Readonly<Record<string, string>>;
}

/** A config that cannot be used; the message names the file and the culprit, and is all a user needs. */
export class ConfigError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'ConfigError';
  }
}

/** A generator name is a folder of every module folder: lower case, digits, `_` and `-`. */
const NAME = /^[a-z][a-z0-9_-]{0,62}$/;
const KNOWN_KEYS: ReadonlySet<string> = new Set(['$schema', '$comment', 'generators']);

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** The config in `text`, read from `file` (absolute): paths resolved, names checked. */
export function parseSuiviConfig(text: string, file: string): SuiviConfig {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new ConfigError(`${file}: not JSON (${(error as Error).message})`);
  }
  if (!isObject(value)) throw new ConfigError(`${file}: expected an object such as { "generators": {…} }`);
  const unknown = Object.keys(value).filter((k) => !KNOWN_KEYS.has(k));
  if (unknown.length > 0)
    throw new ConfigError(
      `${file}: unknown key ${unknown.map((k) => `"${k}"`).join(', ')} (known: generators)`,
    );
  const generators = value.generators ?? {};
  if (!isObject(generators))
    throw new ConfigError(
      `${file}: "generators" must map names to module paths, e.g. { "mine": "./mine.ts" }`,
    );
  const resolved: Record<string, string> = {};
  for (const [name, path] of Object.entries(generators).sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (isBuiltinGenerator(name))
      throw new ConfigError(
        `${file}: generator "${name}" is a built-in generator and cannot be replaced: choose another name (built-in: ${BUILTIN_GENERATOR_NAMES.join(', ')})`,
      );
    if (!NAME.test(name))
      throw new ConfigError(
        `${file}: generator name "${name}" is not a folder name (lower-case letters, digits, _ and -, starting with a letter)`,
      );
    if (typeof path !== 'string' || path === '')
      throw new ConfigError(
        `${file}: generator "${name}" must name a module file, e.g. "./generators/${name}.ts"`,
      );
    resolved[name] = resolve(dirname(file), path);
  }
  return { file, generators: resolved };
}

/** The generator a custom module exports as its default, or a ConfigError saying what it lacks. */
export function asGenerator(config: SuiviConfig, name: string, exports: unknown): Generator {
  const candidate = isObject(exports) ? exports.default : undefined;
  if (
    isObject(candidate) &&
    typeof candidate.description === 'string' &&
    typeof candidate.generate === 'function'
  )
    return candidate as unknown as Generator;
  throw new ConfigError(
    `${config.file}: generator "${name}": ${config.generators[name]} does not export a Generator as its default export ` +
      '(`export default { description: "…", generate(protocol, context) { return [{ path, contents }]; } }`)',
  );
}
