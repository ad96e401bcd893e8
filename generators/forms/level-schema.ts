/**
 * A level's record as one JSON Schema (draft-07): what its form edits and what its API accepts. The types
 * generator compiles the same schema to TypeScript, so forms, validation and types cannot disagree.
 */
import type { ResolvedLevel, ResolvedProtocol } from '../../protocol-specs/index.ts';
import { objectSchema } from './field-schema.ts';
import { geometrySchema } from './geometry-schema.ts';
import { JSON_SCHEMA_DIALECT, type JsonSchema } from './json-schema.ts';

/**
 * The property holding the level's own geometry. Field keys may not be `geometry` (it names the level's
 * geometry in rules and mappings), so it can never clash with a field.
 */
export const LEVEL_GEOMETRY_KEY = 'geometry';
const LEVEL_GEOMETRY_TITLE = 'Localisation';

/** The record schema of one level, without banner: callers add their own `$comment`. */
export function buildLevelSchema(protocol: ResolvedProtocol, level: ResolvedLevel): JsonSchema {
  const { kind, required } = level.geometry;
  const geometry: Record<string, JsonSchema> =
    kind === 'none' ? {} : { [LEVEL_GEOMETRY_KEY]: { title: LEVEL_GEOMETRY_TITLE, ...geometrySchema(kind) } };
  return {
    $schema: JSON_SCHEMA_DIALECT,
    title: level.label.fr,
    ...objectSchema(
      level.fields,
      protocol,
      geometry,
      kind !== 'none' && required ? [LEVEL_GEOMETRY_KEY] : [],
    ),
  };
}
