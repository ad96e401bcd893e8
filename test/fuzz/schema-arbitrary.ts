/**
 * fast-check arbitraries from the JSON Schemas of an OpenAPI document: `validValue` follows the schema
 * (types, enums, formats, patterns, bounds, required properties), mixing in the values the instance
 * itself holds under the same property name; `boundaryValue` sits on and just past each bound; the
 * mutations of `mutatedObject` break one thing at a time in an otherwise valid body.
 */
import fc from 'fast-check';
import { hostileValue } from './hostile-values.ts';
import { deref, type Json, type OpenApiDocument } from './openapi-walk.ts';
import type { Samples } from './samples.ts';

export interface SchemaContext {
  readonly root: OpenApiDocument;
  readonly samples: Samples;
}

const MAX_DEPTH = 8;
const list = (value: unknown): readonly unknown[] => (Array.isArray(value) ? value : []);
export const types = (schema: Json): string[] =>
  Array.isArray(schema.type)
    ? (schema.type as string[])
    : typeof schema.type === 'string'
      ? [schema.type]
      : [];
const num = (value: unknown): number | undefined => (typeof value === 'number' ? value : undefined);

/** The schema with its `$ref` followed and its `allOf` folded in (properties and required merged). */
export function flatten(ctx: SchemaContext, schema: Json): Json {
  const own = deref(ctx.root, schema);
  const parts = list(own.allOf).map((s) => flatten(ctx, s as Json));
  if (parts.length === 0) return own;
  const { allOf: _allOf, ...rest } = own;
  const merged: Record<string, unknown> = {};
  const properties: Record<string, unknown> = {};
  const required = new Set<unknown>();
  for (const part of [...parts, rest]) {
    Object.assign(merged, part);
    Object.assign(properties, part.properties);
    for (const key of list(part.required)) required.add(key);
  }
  return { ...merged, properties, required: [...required] };
}

/** The properties a client may send (read-only ones left out). */
export function writableProperties(ctx: SchemaContext, schema: Json): [string, Json][] {
  return Object.entries((flatten(ctx, schema).properties ?? {}) as Json)
    .map(([k, v]) => [k, flatten(ctx, v as Json)] as [string, Json])
    .filter(([, v]) => v.readOnly !== true);
}

function dateString(from: number, to: number) {
  return fc
    .date({ min: new Date(Date.UTC(from, 0, 1)), max: new Date(Date.UTC(to, 11, 31)), noInvalidDate: true })
    .map((d) => d.toISOString());
}

function stringValue(ctx: SchemaContext, schema: Json, key: string | undefined): fc.Arbitrary<unknown> {
  const min = num(schema.minLength) ?? 0;
  const max = Math.max(min, Math.min(num(schema.maxLength) ?? 40, 40));
  switch (schema.format) {
    case 'uuid': {
      const known = key === 'id' ? [] : ctx.samples.uuids;
      return known.length > 0 ? fc.oneof(fc.constantFrom(...known), fc.uuid()) : fc.uuid();
    }
    case 'date':
      return dateString(1990, 2035).map((s) => s.slice(0, 10));
    case 'date-time':
      return dateString(1990, 2035);
    case 'email':
      return fc.emailAddress();
  }
  if (typeof schema.pattern === 'string') {
    try {
      return fc
        .stringMatching(new RegExp(schema.pattern, 'u'))
        .filter((s) => s.length >= min && s.length <= (num(schema.maxLength) ?? 200));
    } catch {
      // A pattern fast-check cannot generate from: plain strings, the server says what it thinks.
    }
  }
  return fc.string({ minLength: min, maxLength: max, unit: 'grapheme' });
}

function numberValue(schema: Json, integer: boolean): fc.Arbitrary<number> {
  const exclusiveMin = num(schema.exclusiveMinimum);
  const exclusiveMax = num(schema.exclusiveMaximum);
  const min = num(schema.minimum) ?? (exclusiveMin !== undefined ? exclusiveMin + 1 : -100_000);
  const max = num(schema.maximum) ?? (exclusiveMax !== undefined ? exclusiveMax - 1 : 100_000);
  if (integer) return fc.integer({ min: Math.ceil(min), max: Math.max(Math.ceil(min), Math.floor(max)) });
  return fc.oneof(
    fc.integer({ min: Math.ceil(min), max: Math.max(Math.ceil(min), Math.floor(max)) }),
    fc.double({ min, max, noNaN: true, noDefaultInfinity: true }),
  );
}

function objectValue(ctx: SchemaContext, schema: Json, depth: number): fc.Arbitrary<unknown> {
  const properties = writableProperties(ctx, schema);
  if (properties.length === 0) {
    const extra = schema.additionalProperties;
    if (extra && typeof extra === 'object')
      return fc.dictionary(
        fc.string({ minLength: 1, maxLength: 8 }),
        validValue(ctx, extra as Json, undefined, depth + 1),
        { maxKeys: 3 },
      );
    return fc.constant({});
  }
  const required = new Set(list(schema.required) as string[]);
  const model = Object.fromEntries(properties.map(([k, v]) => [k, validValue(ctx, v, k, depth + 1)]));
  const minProperties = num(schema.minProperties) ?? 0;
  return fc
    .record(model, { requiredKeys: properties.map(([k]) => k).filter((k) => required.has(k)) })
    .filter((o) => Object.keys(o).length >= minProperties);
}

function arrayValue(ctx: SchemaContext, schema: Json, key: string | undefined, depth: number) {
  const items = validValue(ctx, (schema.items ?? {}) as Json, key, depth + 1);
  const minLength = num(schema.minItems) ?? 0;
  const maxLength = Math.max(minLength, Math.min(num(schema.maxItems) ?? minLength + 3, minLength + 3));
  return schema.uniqueItems === true
    ? fc.uniqueArray(items, { minLength, maxLength, selector: (v) => JSON.stringify(v) })
    : fc.array(items, { minLength, maxLength });
}

const BY_TYPE: Record<
  string,
  (ctx: SchemaContext, schema: Json, key: string | undefined, depth: number) => fc.Arbitrary<unknown>
> = {
  null: () => fc.constant(null),
  boolean: () => fc.boolean(),
  integer: (_ctx, schema) => numberValue(schema, true),
  number: (_ctx, schema) => numberValue(schema, false),
  string: stringValue,
  array: arrayValue,
  object: (ctx, schema, _key, depth) => objectValue(ctx, schema, depth),
};

/** A value the schema accepts (as far as JSON Schema goes: rules and the database may still refuse it). */
export function validValue(ctx: SchemaContext, raw: Json, key?: string, depth = 0): fc.Arbitrary<unknown> {
  const schema = flatten(ctx, raw);
  const generated = ((): fc.Arbitrary<unknown> => {
    if ('const' in schema) return fc.constant(schema.const);
    if (Array.isArray(schema.enum) && schema.enum.length > 0) return fc.constantFrom(...schema.enum);
    const branches = [...list(schema.oneOf), ...list(schema.anyOf)] as Json[];
    if (branches.length > 0) {
      const { oneOf: _o, anyOf: _a, ...base } = schema;
      return fc.oneof(
        ...branches.map((b) => {
          const branch = flatten(ctx, b);
          return validValue(
            ctx,
            {
              ...base,
              ...branch,
              properties: { ...(base.properties as Json), ...(branch.properties as Json) },
              required: [...list(base.required), ...list(branch.required)],
            },
            key,
            depth,
          );
        }),
      );
    }
    if (depth > MAX_DEPTH) return fc.constant(null);
    const kinds = types(schema).filter((t) => t in BY_TYPE);
    if (kinds.length === 0)
      return schema.properties ? objectValue(ctx, schema, depth) : fc.jsonValue({ maxDepth: 2 });
    return fc.oneof(...kinds.map((t) => BY_TYPE[t]!(ctx, schema, key, depth)));
  })();
  const examples = [...list(schema.examples), ...(key === undefined ? [] : ctx.samples.byKey(key))];
  return examples.length > 0 ? fc.oneof(generated, fc.constantFrom(...examples)) : generated;
}

/** Values on and just past the schema's bounds, and its near misses (a case, a space, a format). */
export function boundaryValue(ctx: SchemaContext, raw: Json): fc.Arbitrary<unknown> {
  const schema = flatten(ctx, raw);
  const out: unknown[] = [];
  for (const value of list(schema.enum)
    .filter((v): v is string => typeof v === 'string')
    .slice(0, 3))
    out.push(value.toUpperCase(), value.toLowerCase(), ` ${value}`, `${value} `, `${value},${value}`);
  const min = num(schema.minimum);
  const max = num(schema.maximum);
  if (types(schema).some((t) => t === 'integer' || t === 'number'))
    out.push(
      ...[min, max].flatMap((b) => (b === undefined ? [] : [b, b - 1, b + 1, b - 0.001, b + 0.001])),
      0,
      -1,
      1.5,
      2 ** 31,
      2 ** 53 + 2,
      '1',
    );
  if (types(schema).includes('string')) {
    const minLength = num(schema.minLength) ?? 0;
    const maxLength = num(schema.maxLength);
    out.push('', ' ', 'x'.repeat(Math.max(0, minLength - 1)), 'x'.repeat(minLength));
    if (maxLength !== undefined)
      out.push(
        'x'.repeat(maxLength),
        'x'.repeat(maxLength + 1),
        '😀'.repeat(maxLength),
        'é'.repeat(maxLength + 1),
      );
    const byFormat: Record<string, unknown[]> = {
      date: [
        '2024-02-29',
        '2023-02-29',
        '0001-01-01',
        '9999-12-31',
        '2025-1-1',
        '20250101',
        '2025-06-01T10:00:00Z',
      ],
      'date-time': [
        '2025-06-01T00:00:00Z',
        '2025-06-01T24:00:00Z',
        '2025-06-01',
        '2025-06-01T12:00:00+14:00',
      ],
      uuid: [
        '00000000-0000-0000-0000-000000000000',
        ctx.samples.uuids[0]?.toUpperCase() ?? 'A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11',
        '{a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11}',
        'a0eebc999c0b4ef8bb6d6bb9bd380a11',
      ],
    };
    out.push(...(byFormat[String(schema.format)] ?? []));
    out.push(1, true);
  }
  if (types(schema).includes('boolean')) out.push('true', 1, 0, 'false');
  if (types(schema).includes('array')) {
    out.push([], [null], 'a,b');
    const maxItems = num(schema.maxItems);
    if (maxItems !== undefined) out.push(Array.from({ length: maxItems + 1 }, (_, i) => i));
  }
  if (types(schema).includes('object') || schema.properties) out.push({}, [], 'object');
  if (out.length === 0) out.push(null, '', 0);
  return fc.constantFrom(...out);
}

/** A value of the schema, at a bound, or hostile: the mix each fuzzed parameter and property gets. */
export const fuzzValue = (ctx: SchemaContext, schema: Json, key?: string): fc.Arbitrary<unknown> =>
  fc.oneof(
    { weight: 5, arbitrary: validValue(ctx, schema, key) },
    { weight: 2, arbitrary: boundaryValue(ctx, schema) },
    { weight: 2, arbitrary: hostileValue },
  );
