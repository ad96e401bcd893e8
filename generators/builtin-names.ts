/**
 * The names of the built-in generators, without their code: what a config file may not reuse
 * (config/suivi-config.ts) and what the runtime accepts in a manifest besides the config's own. The
 * registry (registry.ts) `satisfies` a record over exactly these names, so the two cannot drift.
 */
export const BUILTIN_GENERATOR_NAMES = [
  'api',
  'dashboards',
  'dictionary',
  'forms',
  'ir',
  'model',
  'openapi',
  'sql',
  'types',
] as const;

export type BuiltinGeneratorName = (typeof BUILTIN_GENERATOR_NAMES)[number];

const BUILTIN: ReadonlySet<string> = new Set(BUILTIN_GENERATOR_NAMES);

export const isBuiltinGenerator = (name: string): name is BuiltinGeneratorName => BUILTIN.has(name);
