/**
 * The SINP export and the sync feed read a dataset's diffusion level and sensitivity per record's
 * dataset (a record without one gets the defaults: diffusion-levels.ts); the admin routes check a
 * body's codes.
 */
import { type RawBuilder, sql } from 'kysely';
import { has, invalidField } from '../admin/fields.ts';
import type { Body } from '../auth/request-body.ts';
import { columnOf } from '../records/sql/dynamic.ts';
import { DEFAULT_DIFFUSION_LEVEL, DEFAULT_SENSITIVITY_LEVEL, type LevelChoice } from './diffusion-levels.ts';

export { DIFFUSION_LEVELS, SENSITIVITY_LEVELS } from './diffusion-levels.ts';

/** The levels of the dataset joined as `alias` (left joined: no dataset gives the defaults), as SQL text. */
export const diffusionLevelOf = (alias: string): RawBuilder<string> =>
  sql<string>`COALESCE(${columnOf(alias, 'diffusion_level')}, ${DEFAULT_DIFFUSION_LEVEL}::text)`;
export const sensitivityLevelOf = (alias: string): RawBuilder<string> =>
  sql<string>`COALESCE(${columnOf(alias, 'sensitivity_level')}, ${DEFAULT_SENSITIVITY_LEVEL}::text)`;

/** The code `key` sets, undefined when absent; a 422 naming the field when it is not one of `allowed`. */
export function levelCode(body: Body, key: string, allowed: readonly LevelChoice[]): string | undefined {
  if (!has(body, key)) return undefined;
  const value = body[key];
  const codes = allowed.map((c) => c.code);
  if (typeof value !== 'string' || !codes.includes(value))
    throw invalidField(key, 'invalid', `« ${key} » : un des codes ${codes.join(', ')} attendu.`);
  return value;
}
