/**
 * Deterministic requests each operation gets before its random ones (fast-check `examples`): the probe's
 * worst cases aimed where they do harm. As the administrator (past every permission check), with a real
 * id in the path and an otherwise valid body or query, one value at a time is replaced by the worst of
 * its kind — a NUL byte in a text, an impossible date, 1e400 in a number — and one body carries 5,000
 * levels of nesting. One probe per kind of value, not per value: a few requests per operation.
 */
import fc from 'fast-check';
import { sampleBodies } from './body-arbitrary.ts';
import { encode, jsonText } from './encoding.ts';
import { deepArray, RawJson } from './hostile-values.ts';
import type { Json, Operation, Parameter } from './openapi-walk.ts';
import type { FuzzRequest } from './request-arbitrary.ts';
import { flatten, type SchemaContext, validValue, writableProperties } from './schema-arbitrary.ts';

/** The kind of value a schema holds: its format, `enum`, else its first type. */
function kindOf(ctx: SchemaContext, raw: Json): string {
  const schema = flatten(ctx, raw);
  if (typeof schema.format === 'string') return schema.format;
  if (Array.isArray(schema.enum) || 'const' in schema) return 'enum';
  const types = (Array.isArray(schema.type) ? schema.type : [schema.type]).filter(
    (t): t is string => typeof t === 'string' && t !== 'null',
  );
  if (types[0]) return types[0];
  return schema.anyOf || schema.oneOf ? 'choice' : 'any';
}

/** The worst JSON value for each kind (anything else gets a NUL byte). */
const WORST_VALUE: Readonly<Record<string, unknown>> = {
  date: '2025-13-01',
  'date-time': '2025-13-01T25:00:00Z',
  uuid: '00000000-0000-0000-0000-000000000000',
  integer: new RawJson('1e400'),
  number: new RawJson('1e400'),
  boolean: 'true',
  array: ['a\u0000b'],
  object: { 'a\u0000b': 'a\u0000b' },
  choice: { type: 'Point', coordinates: [1, 2, 3] },
};
/** The worst query-string value for each kind, percent-encoded. */
const WORST_QUERY: Readonly<Record<string, string>> = {
  date: '2025-13-01',
  'date-time': '2025-13-01T25:00:00Z',
  uuid: 'a%00b',
  integer: '1e400',
  number: '1e400',
  boolean: '%00',
  array: 'a,,%00',
};
const worstQuery = (kind: string) => WORST_QUERY[kind] ?? 'a%00b';

/** One value of each kind among `entries`: the first of its kind. */
function firstOfEachKind<T>(entries: readonly T[], kind: (entry: T) => string): T[] {
  const seen = new Set<string>();
  return entries.filter((e) => !seen.has(kind(e)) && seen.add(kind(e)));
}

export function probeRequests(ctx: SchemaContext, op: Operation, seed: number): FuzzRequest[] {
  const path = op.parameters
    .filter((p) => p.in === 'path')
    .reduce((url, p) => {
      const id = p.schema.format === 'uuid' ? ctx.samples.idsFor(op.path, p.name)[0] : undefined;
      const value = id ?? fc.sample(validValue(ctx, p.schema, p.name), { numRuns: 1, seed })[0];
      return url.replace(`{${p.name}}`, encode(String(value)));
    }, op.path);
  const request = (url: string, body?: string): FuzzRequest => ({
    identity: 'admin',
    method: op.method,
    url,
    headers: {},
    ...(body === undefined ? {} : { contentType: 'application/json', body: { kind: 'text', text: body } }),
  });
  const probes: FuzzRequest[] = [];
  const query = op.parameters.filter((p) => p.in === 'query');
  for (const p of firstOfEachKind<Parameter>(query, (q) => kindOf(ctx, q.schema)))
    probes.push(request(`${path}?${encode(p.name)}=${worstQuery(kindOf(ctx, p.schema))}`));
  const schema = op.body?.content['application/json'];
  if (schema) {
    const base =
      sampleBodies(ctx, schema)[0] ?? (fc.sample(validValue(ctx, schema), { numRuns: 1, seed })[0] as Json);
    const properties = writableProperties(ctx, schema);
    for (const [key, property] of firstOfEachKind(properties, ([, s]) => kindOf(ctx, s))) {
      const worst = WORST_VALUE[kindOf(ctx, property)] ?? 'a\u0000b';
      probes.push(request(path, jsonText({ ...base, [key]: worst })));
    }
    const [first] = properties;
    if (first) probes.push(request(path, jsonText({ ...base, [first[0]]: deepArray(5_000) })));
  }
  return probes;
}
