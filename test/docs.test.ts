/**
 * docs/spec.md is the reference of the spec format: it must name (in backticks) every validation rule,
 * every field kind and every key the JSON Schema accepts, so a new rule or key cannot ship undocumented.
 */
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { JsonSchema } from '../protocol-specs/schema/common.ts';
import { FIELD_KINDS, fieldBranches } from '../protocol-specs/schema/field-schemas.ts';
import { protocolSchema } from '../protocol-specs/schema/protocol-schema.ts';
import { validationRules } from '../protocol-specs/validate/index.ts';

const SPEC_DOC = new URL('../docs/spec.md', import.meta.url);
const RULES_DOC = new URL('../docs/rules.md', import.meta.url);
const spec = readFileSync(SPEC_DOC, 'utf8');

/** Names the document does not show as `name`. */
const undocumented = (names: Iterable<string>): string[] =>
  [...new Set(names)].filter((n) => !spec.includes(`\`${n}\``));

const child = (schema: JsonSchema, ...path: string[]): JsonSchema =>
  path.reduce<JsonSchema>((node, key) => {
    const next = node[key];
    if (typeof next !== 'object' || next === null) throw new Error(`protocolSchema has no ${path.join('.')}`);
    return next as JsonSchema;
  }, schema);

const propertyNames = (schema: JsonSchema): string[] => Object.keys(child(schema, 'properties'));

describe('docs/spec.md', () => {
  it('names every validation rule', () => {
    const rules = Object.keys(validationRules());
    expect(rules.length).toBeGreaterThan(0);
    expect(undocumented(rules)).toEqual([]);
  });

  it('names the rules reported before the semantic checks', () => {
    const early = [
      'json-syntax',
      'json-duplicate-key',
      'shape-unknown-key',
      'shape-required',
      'shape-type',
      'shape-field-kind',
    ];
    expect(undocumented(early)).toEqual([]);
  });

  it('names every field kind', () => {
    expect(undocumented(FIELD_KINDS)).toEqual([]);
  });

  it('names every key of every field kind', () => {
    const missing = FIELD_KINDS.flatMap((kind) =>
      undocumented(propertyNames(fieldBranches[kind])).map((key) => `${kind}.${key}`),
    );
    expect(missing).toEqual([]);
  });

  it('names every top-level key', () => {
    expect(undocumented(propertyNames(protocolSchema))).toEqual([]);
  });

  it('names every key of a level', () => {
    const level = child(protocolSchema, 'properties', 'levels', 'items');
    expect(undocumented(propertyNames(level))).toEqual([]);
  });

  it('names every attribute of the occurrence mapping', () => {
    const occurrence = child(protocolSchema, 'properties', 'occurrence');
    expect(undocumented(propertyNames(occurrence))).toEqual([]);
  });

  it('names every key of vocabularies, their values and field sets', () => {
    const vocabulary = child(protocolSchema, 'properties', 'vocabularies', 'items');
    const value = child(vocabulary, 'properties', 'values', 'items');
    const fieldSet = child(
      protocolSchema,
      'properties',
      'levels',
      'items',
      'properties',
      'fieldSets',
      'items',
    );
    const names = [...propertyNames(vocabulary), ...propertyNames(value), ...propertyNames(fieldSet)];
    expect(undocumented(names)).toEqual([]);
  });

  it('links to the rule language, which exists', () => {
    expect(spec).toContain('(rules.md)');
    expect(existsSync(RULES_DOC)).toBe(true);
  });
});
