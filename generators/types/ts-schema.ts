/**
 * Prepares a form schema for json-schema-to-typescript. It declares a separate named type for every
 * schema with a `title`, so the French labels would become dozens of aliases (`NumeroDePassage = number`)
 * clashing between levels in one file. Titles are folded into `description`, which becomes the JSDoc.
 * Returns a copy; the input is not touched.
 */
import type { JsonSchema } from '../forms/json-schema.ts';

/** Keywords whose value is a schema, a list of schemas, or a map of schemas (draft-07, as the forms use). */
const SCHEMA_KEYWORDS = new Set(['items', 'additionalProperties', 'not', 'if', 'then', 'else', 'contains']);
const LIST_KEYWORDS = new Set(['oneOf', 'anyOf', 'allOf']);
const MAP_KEYWORDS = new Set(['properties', 'definitions', 'patternProperties']);
/** Meaningful to forms and validators only. */
const DROPPED = new Set(['$schema', '$comment', 'title', 'description']);

const isSchema = (value: unknown): value is JsonSchema =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const mapValues = (map: JsonSchema, f: (v: unknown) => unknown): JsonSchema =>
  Object.fromEntries(Object.entries(map).map(([k, v]) => [k, f(v)]));

export function typeScriptSchema(schema: JsonSchema): JsonSchema {
  const out: JsonSchema = {};
  const doc = [schema.title, schema.description].filter((t): t is string => typeof t === 'string');
  if (doc.length > 0) out.description = doc.join('\n\n');
  for (const [keyword, value] of Object.entries(schema)) {
    if (DROPPED.has(keyword)) continue;
    if (SCHEMA_KEYWORDS.has(keyword) && isSchema(value)) out[keyword] = typeScriptSchema(value);
    else if (LIST_KEYWORDS.has(keyword) && Array.isArray(value))
      out[keyword] = value.map((v) => (isSchema(v) ? typeScriptSchema(v) : v));
    else if (MAP_KEYWORDS.has(keyword) && isSchema(value))
      out[keyword] = mapValues(value, (v) => (isSchema(v) ? typeScriptSchema(v) : v));
    else out[keyword] = value;
  }
  return out;
}
