/**
 * Request bodies for an operation: JSON built from its schema — valid, the instance's own objects,
 * those with one property broken, whole hostile values and texts that are no JSON — under the right
 * Content-Type mostly, else one the route must refuse; multipart forms with files of every kind.
 */
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import fc from 'fast-check';
import { asParameterText, jsonText } from './encoding.ts';
import { HOSTILE_BODIES, HOSTILE_STRINGS, hostileFor } from './hostile-values.ts';
import type { Json } from './openapi-walk.ts';
import {
  boundaryValue,
  fuzzValue,
  type SchemaContext,
  types,
  validValue,
  writableProperties,
} from './schema-arbitrary.ts';

// ajv-formats is CommonJS: its default export arrives wrapped under ESM interop.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (
  ajv: Ajv2020,
) => Ajv2020;

export type Body =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'bytes'; readonly bytes: Uint8Array<ArrayBuffer> }
  | { readonly kind: 'form'; readonly fields: readonly (readonly [string, string | File])[] };

const ajv = addFormats(new Ajv2020({ strict: false }));
const validators = new WeakMap<Json, ValidateFunction>();

/** Whether the schema accepts `value` (JSON Schema only: rules and the database may still refuse it). */
function accepts(ctx: SchemaContext, schema: Json, value: unknown): boolean {
  let validate = validators.get(schema);
  if (!validate) {
    validate = ajv.compile({ ...schema, components: ctx.root.components });
    validators.set(schema, validate);
  }
  return validate(value);
}

/**
 * The instance's own objects that fit a body schema: cut down to the properties it accepts (`id`
 * left out, so a create is a new record), those with the most of them, and only those it accepts.
 */
export function sampleBodies(ctx: SchemaContext, schema: Json): Json[] {
  const properties = new Map(writableProperties(ctx, schema));
  if (properties.size === 0) return [];
  const cut = (o: Json) =>
    Object.fromEntries(Object.entries(o).filter(([k]) => properties.has(k) && k !== 'id'));
  const candidates = ctx.samples.objects.map(cut).filter((o) => accepts(ctx, schema, o));
  const best = Math.max(0, ...candidates.map((o) => Object.keys(o).length));
  return best === 0 ? [] : candidates.filter((o) => Object.keys(o).length === best).slice(0, 30);
}

type Mutation = (body: Json, key: string, value: unknown) => Json;
/** Replacing a value comes first (weighted 4 of 7): it is what reaches the code behind the schema check. */
const MUTATIONS: readonly Mutation[] = [
  (body, key, value) => ({ ...body, [key]: value }),
  (body, key, value) => ({ ...body, [key]: value }),
  (body, key, value) => ({ ...body, [key]: value }),
  (body, key, value) => ({ ...body, [key]: value }),
  (body, key) => Object.fromEntries(Object.entries(body).filter(([k]) => k !== key)),
  (body, key, value) => ({ ...body, [`${key}_unknown`]: value }),
  (body, key, value) => {
    const inner = body[key];
    if (Array.isArray(inner) && inner.length > 0) return { ...body, [key]: [...inner, value] };
    if (inner && typeof inner === 'object') return { ...body, [key]: { ...(inner as Json), x: value } };
    return { ...body, [key]: [value] };
  },
];

/** A valid body (generated, or the instance's own) with one property broken, dropped or added. */
function mutatedObject(ctx: SchemaContext, schema: Json, bases: fc.Arbitrary<Json>) {
  const properties = writableProperties(ctx, schema);
  const keys = properties.length > 0 ? properties.map(([k]) => k) : ['x'];
  const bySchema = new Map(properties);
  return fc.tuple(bases, fc.constantFrom(...keys), fc.nat(MUTATIONS.length - 1)).chain(([base, key, which]) =>
    fc
      .oneof(boundaryValue(ctx, bySchema.get(key) ?? {}), {
        weight: 3,
        arbitrary: hostileFor(types(bySchema.get(key) ?? {})),
      })
      .map((value) => MUTATIONS[which]!(base, key, value)),
  );
}

/** Content-Types a JSON route may be sent: the right one mostly, else one it must refuse. */
const JSON_TYPES = fc.oneof(
  { weight: 8, arbitrary: fc.constant('application/json') },
  { weight: 1, arbitrary: fc.constantFrom('application/json; charset=utf-8', 'Application/JSON') },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      undefined,
      'text/plain',
      'text/plain; charset=utf-8',
      'application/x-www-form-urlencoded',
      'multipart/form-data',
      'application/xml',
      'application/jsonx',
      'application/json-patch+json',
      '',
      'garbage',
    ),
  },
);

export function jsonBody(
  ctx: SchemaContext,
  schema: Json,
): fc.Arbitrary<{ contentType?: string; body: Body }> {
  const bases = sampleBodies(ctx, schema);
  const base = bases.length > 0 ? fc.constantFrom(...bases) : (validValue(ctx, schema) as fc.Arbitrary<Json>);
  const value = fc.oneof(
    { weight: 3, arbitrary: validValue(ctx, schema) },
    { weight: 2, arbitrary: base },
    { weight: 8, arbitrary: mutatedObject(ctx, schema, base) },
    { weight: 2, arbitrary: fuzzValue(ctx, {}) },
  );
  const body: fc.Arbitrary<Body> = fc.oneof(
    { weight: 9, arbitrary: value.map((v) => ({ kind: 'text' as const, text: jsonText(v) })) },
    {
      weight: 1,
      arbitrary: fc
        .constantFrom(...HOSTILE_BODIES)
        .map((b) =>
          typeof b === 'string' ? { kind: 'text' as const, text: b } : { kind: 'bytes' as const, bytes: b },
        ),
    },
  );
  return fc
    .tuple(JSON_TYPES, body)
    .map(([contentType, b]) => (contentType === undefined ? { body: b } : { contentType, body: b }));
}

/** Files of every kind a form may carry: a real PNG and PDF, empty, script posing as an image… */
const PNG = Uint8Array.from(
  Buffer.from(
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
    'base64',
  ),
);
const FILES: readonly (readonly [string, Uint8Array<ArrayBuffer>])[] = [
  ['photo.png', PNG],
  ['scan.pdf', new TextEncoder().encode('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF')],
  ['empty.jpg', new Uint8Array()],
  ['image.svg', new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"><script>1</script></svg>')],
  ['page.html', new TextEncoder().encode('<!doctype html><script>alert(1)</script>')],
  ['random.bin', Uint8Array.from({ length: 512 }, (_, i) => (i * 7919) % 256)],
];
const FILE_NAMES = [
  'photo.png',
  '',
  'a\u0000b.png',
  '../../x.png',
  'é'.repeat(400),
  '\u202Egnp.exe',
  'x.png\r\nX: y',
];

export function formBody(
  ctx: SchemaContext,
  schema: Json,
): fc.Arbitrary<{ contentType?: string; body: Body }> {
  const properties = Object.entries((schema.properties ?? {}) as Record<string, Json>);
  const field = ([name, property]: [string, Json]) => {
    const binary = property.contentMediaType !== undefined || property.format === 'binary';
    const value: fc.Arbitrary<string | File> = binary
      ? fc
          .tuple(
            fc.constantFrom(...FILES),
            fc.oneof({ weight: 3, arbitrary: fc.constant(undefined) }, fc.constantFrom(...FILE_NAMES)),
          )
          .map(([[name, bytes], rename]) => new File([bytes], rename ?? name))
      : validValue(ctx, property, name).map(asParameterText);
    return fc.oneof(
      { weight: 6, arbitrary: value.map((v) => [[name, v] as const]) },
      { weight: 1, arbitrary: fc.constant([] as (readonly [string, string | File])[]) },
      {
        weight: 1,
        arbitrary: fc.tuple(value, value).map(([a, b]) => [[name, a] as const, [name, b] as const]),
      },
      { weight: 1, arbitrary: fc.constantFrom(...HOSTILE_STRINGS).map((s) => [[name, s] as const]) },
    );
  };
  const form = fc
    .tuple(...properties.map(field), fc.option(fc.constantFrom(['other', 'x'] as const, ['', ''] as const)))
    .map((parts) => {
      const fields = parts.slice(0, -1).flat() as (readonly [string, string | File])[];
      const extra = parts.at(-1) as readonly [string, string] | null;
      return { kind: 'form' as const, fields: extra ? [...fields, extra] : fields };
    });
  return fc.oneof(
    { weight: 8, arbitrary: form.map((body) => ({ body })) },
    {
      weight: 1,
      arbitrary: form.map((body) => ({ contentType: 'multipart/form-data', body })),
    },
    { weight: 1, arbitrary: jsonBody(ctx, {}) },
  );
}
