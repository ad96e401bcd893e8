/**
 * What the runtime checks of a module folder against the config: every file of its manifest comes from
 * a built-in generator or from one the config registers. A folder generated with a custom generator the
 * running config does not know was made by another setup (and `suivi generate --check` here would call
 * it stale): say so at start rather than serve it half-understood.
 */
import { isBuiltinGenerator, type Manifest, type SuiviConfig } from '../../generators/model/index.ts';

export class ModuleGeneratorsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ModuleGeneratorsError';
  }
}

/**
 * Files `generate` writes itself rather than through a registered generator: the migration from the
 * previous version (generators/migrations), present in every module past its first version.
 */
const GENERATE_OWN: ReadonlySet<string> = new Set(['migrations']);

/** Generator names of `manifest`'s files that neither the built-ins nor `config` register, sorted. */
export function unknownGenerators(manifest: Manifest, config: SuiviConfig | undefined): string[] {
  const custom = new Set(Object.keys(config?.generators ?? {}));
  const names = new Set(manifest.files.map((f) => f.generator));
  return [...names].filter((n) => !isBuiltinGenerator(n) && !GENERATE_OWN.has(n) && !custom.has(n)).sort();
}

/** Throws, naming the module and the generators, when a manifest needs generators `config` lacks. */
export function checkModuleGenerators(manifests: readonly Manifest[], config: SuiviConfig | undefined): void {
  for (const manifest of manifests) {
    const unknown = unknownGenerators(manifest, config);
    if (unknown.length === 0) continue;
    const where = config ? `${config.file} does not register` : 'no suivi.config.json registers';
    throw new ModuleGeneratorsError(
      `module ${manifest.protocol.code} was generated with the custom generator(s) ${unknown.join(', ')}, which ${where}: ` +
        'start with the config it was generated with (--config <file>)',
    );
  }
}
