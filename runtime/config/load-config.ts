/**
 * Finding and loading `suivi.config.json` (generators/config/suivi-config.ts says what it holds): the
 * file named by `--config`, else `suivi.config.json` in the current directory, else none. The CLI loads
 * the custom generators it registers; the runtime checks module folders against it (module-generators.ts).
 * Every failure is a ConfigError whose message names the file and the culprit: callers print the
 * message, never a stack trace.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  asGenerator,
  CONFIG_FILE,
  ConfigError,
  type Generator,
  parseSuiviConfig,
  type SuiviConfig,
} from '../../generators/model/index.ts';

export { ConfigError, type SuiviConfig };

export interface FindConfigOptions {
  /** A config file named explicitly (`--config`): it must exist. */
  readonly configFile?: string;
  /** Where `suivi.config.json` is looked for without one (default: the current directory). */
  readonly cwd?: string;
}

/** The config the options name or the current directory holds; undefined when there is none. */
export async function findSuiviConfig(options: FindConfigOptions = {}): Promise<SuiviConfig | undefined> {
  const cwd = options.cwd ?? process.cwd();
  const file = resolve(cwd, options.configFile ?? CONFIG_FILE);
  const text = await readFile(file, 'utf8').catch(() => undefined);
  if (text === undefined) {
    if (options.configFile === undefined) return undefined;
    throw new ConfigError(`${file}: cannot read the config file`);
  }
  return parseSuiviConfig(text, file);
}

/** Imports every custom generator of `config` (TypeScript through the process's loader, tsx). */
export async function loadCustomGenerators(
  config: SuiviConfig | undefined,
): Promise<Record<string, Generator>> {
  const generators: Record<string, Generator> = {};
  if (!config) return generators;
  for (const [name, path] of Object.entries(config.generators)) {
    if (!existsSync(path))
      throw new ConfigError(`${config.file}: generator "${name}": ${path} does not exist`);
    let exports: unknown;
    try {
      exports = await import(pathToFileURL(path).href);
    } catch (error) {
      throw new ConfigError(
        `${config.file}: generator "${name}": ${path} could not be loaded (${(error as Error).message})`,
        { cause: error },
      );
    }
    generators[name] = asGenerator(config, name, exports);
  }
  return generators;
}
