/**
 * The generator registry: a plain object, name → generator. A generator's files go under a folder named
 * after it. To add one, write `(protocol, context) => files` in its own folder and register it here
 * (docs/generators.md walks through the data-dictionary example). Generators outside this repository
 * are registered in a config file instead (config/suivi-config.ts), under names that are not these.
 */
import { apiGenerator } from './api/index.ts';
import type { BuiltinGeneratorName } from './builtin-names.ts';
import type { Generator } from './core/generated-file.ts';
import { dashboardsGenerator } from './dashboards/index.ts';
import { dictionaryGenerator } from './dictionary/index.ts';
import { formsGenerator } from './forms/index.ts';
import { irGenerator } from './ir/index.ts';
import { modelGenerator } from './model/generator.ts';
import { openapiGenerator } from './openapi/index.ts';
import { sqlGenerator } from './sql/index.ts';
import { typesGenerator } from './types/index.ts';

export const GENERATORS = {
  api: apiGenerator,
  dashboards: dashboardsGenerator,
  dictionary: dictionaryGenerator,
  forms: formsGenerator,
  ir: irGenerator,
  model: modelGenerator,
  openapi: openapiGenerator,
  sql: sqlGenerator,
  types: typesGenerator,
} as const satisfies Readonly<Record<BuiltinGeneratorName, Generator>>;

export type GeneratorName = keyof typeof GENERATORS;
