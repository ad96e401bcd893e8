/**
 * The JSON Schema dialect the forms are written in, and small helpers shared by the schema builders.
 *
 * Draft-07, not 2020-12: @rjsf/validator-ajv8 builds a plain `new Ajv()`, which knows draft-07 (and
 * ajv-formats) out of the box; 2020-12 needs `customizeValidator({ AjvClass: Ajv2020 })` in every app that
 * renders a form. RJSF's own schema utilities also speak draft-07 (`definitions`, `dependencies`).
 */

export const JSON_SCHEMA_DIALECT = 'http://json-schema.org/draft-07/schema#';

/** A JSON Schema as plain data. Builders return fresh objects; nothing here is shared or mutated later. */
export type JsonSchema = { [keyword: string]: unknown };

/** A JSON Schema `pattern` is unanchored; a spec pattern must match the whole value. */
export function anchoredPattern(pattern: string): string {
  const anchored = pattern.startsWith('^') && /(^|[^\\])\$$/.test(pattern) && !pattern.includes('|');
  return anchored ? pattern : `^(?:${pattern})$`;
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The MIME types a media field accepts (`image/jpeg`, `audio/*`) as one anchored pattern. */
export function mimeTypePattern(accept: readonly string[]): string {
  const alternatives = accept.map((type) =>
    type.endsWith('/*') ? `${escapeRegExp(type.slice(0, -1))}[^/]+` : escapeRegExp(type),
  );
  return `^(?:${alternatives.join('|')})$`;
}
