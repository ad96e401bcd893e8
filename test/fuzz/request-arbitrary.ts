/**
 * One fuzzed request for an OpenAPI operation: who sends it, its path parameters, its query string and
 * its body, each valid, at a bound or hostile, and sometimes with the wrong Content-Type. Built only
 * from the operation's parameters and request body schema, so any documented route is covered.
 */
import fc from 'fast-check';
import { type Body, formBody, jsonBody } from './body-arbitrary.ts';
import { asParameterText, encode } from './encoding.ts';
import { HOSTILE_STRINGS, hostileQueryValue } from './hostile-values.ts';
import type { Operation, Parameter } from './openapi-walk.ts';
import { boundaryValue, type SchemaContext, validValue } from './schema-arbitrary.ts';

export type Identity = 'anonymous' | 'admin' | 'partner';

export interface FuzzRequest {
  readonly identity: Identity;
  readonly method: string;
  /** Path and query, percent-encoded. */
  readonly url: string;
  /** Content-Type sent (none when undefined; a form sets its own multipart boundary). */
  readonly contentType?: string;
  readonly body?: Body;
  readonly headers: Readonly<Record<string, string>>;
}

/** Encoded values for a path or query parameter: ones the schema accepts, and ones it does not. */
function parameterValues(ctx: SchemaContext, op: Operation, p: Parameter) {
  const ids = p.in === 'path' && p.schema.format === 'uuid' ? ctx.samples.idsFor(op.path, p.name) : [];
  // An id in the path: mostly one the collection lists, so the request reaches the record.
  const valid: fc.Arbitrary<unknown> =
    ids.length > 0
      ? fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...ids) }, { weight: 1, arbitrary: fc.uuid() })
      : validValue(ctx, p.schema, p.name);
  return {
    valid: valid.map((v) => encode(asParameterText(v))),
    bad: fc.oneof(
      boundaryValue(ctx, p.schema).map((v) => encode(asParameterText(v))),
      fc.constantFrom(...HOSTILE_STRINGS).map(encode),
      { weight: 2, arbitrary: hostileQueryValue },
    ),
  };
}

/**
 * The query string: each parameter valid or not at random; or all valid but one, so that a bad value
 * reaches the code past the checks of the others (the database, where a NUL byte crashed); or all valid.
 */
function queryString(ctx: SchemaContext, op: Operation): fc.Arbitrary<string> {
  const parameters = op.parameters.filter((p) => p.in === 'query');
  if (parameters.length === 0) return fc.constantFrom('', '?', '?unknown=1', '?%00=%00', '?&&=');
  const values = parameters.map((p) => parameterValues(ctx, op, p));
  const pair = (i: number, value: string) => `${encode(parameters[i]!.name)}=${value}`;
  const some = (chance: number, value: (i: number) => fc.Arbitrary<string>) =>
    fc.tuple(
      ...parameters.map((p, i) =>
        fc
          .tuple(fc.integer({ min: 0, max: 99 }), value(i))
          .map(([roll, v]) => (roll < chance || p.required ? [pair(i, v)] : [])),
      ),
    );
  const mixed = some(50, (i) =>
    fc.oneof({ weight: 3, arbitrary: values[i]!.valid }, { weight: 2, arbitrary: values[i]!.bad }),
  );
  const oneBad = fc
    .tuple(
      some(30, (i) => values[i]!.valid),
      fc.nat(parameters.length - 1),
    )
    .chain(([chosen, at]) =>
      values[at]!.bad.map((bad) => chosen.map((pairs, i) => (i === at ? [pair(i, bad)] : pairs))),
    );
  const allValid = some(40, (i) => values[i]!.valid);
  // Names no document lists, and documented names twice or with brackets.
  const names = parameters.map((p) => p.name);
  const extra = fc.oneof(
    { weight: 12, arbitrary: fc.constant([] as string[]) },
    {
      weight: 1,
      arbitrary: fc
        .tuple(fc.constantFrom('unknown', 'page[gte]', '__proto__', '', '%00', ...names), hostileQueryValue)
        .map(([name, value]) => [`${name === '%00' ? name : encode(name)}=${value}`]),
    },
    { weight: 1, arbitrary: fc.constantFrom(['&&'], ['='], ['a'], [`${encode(names[0] ?? 'q')}[]=1`]) },
  );
  return fc
    .tuple(
      fc.oneof(
        { weight: 1, arbitrary: mixed },
        { weight: 3, arbitrary: oneBad },
        { weight: 2, arbitrary: allValid },
      ),
      extra,
    )
    .map(([chosen, more]) => {
      const all = [...chosen.flat(), ...more];
      return all.length > 0 ? `?${all.join('&')}` : '';
    });
}

/** The request arbitrary of one operation. */
export function requestArbitrary(ctx: SchemaContext, op: Operation): fc.Arbitrary<FuzzRequest> {
  const pathParameters = op.parameters.filter((p) => p.in === 'path');
  const path = fc
    .tuple(
      ...pathParameters.map((p) => {
        const { valid, bad } = parameterValues(ctx, op, p);
        return fc.oneof({ weight: 8, arbitrary: valid }, { weight: 2, arbitrary: bad });
      }),
    )
    .map((values) =>
      pathParameters.reduce((url, p, i) => url.replace(`{${p.name}}`, values[i] ?? ''), op.path),
    );
  const headerParameters = op.parameters.filter((p) => p.in === 'header');
  const headers = fc
    .tuple(...headerParameters.map((p) => fc.option(validValue(ctx, p.schema, p.name).map(asParameterText))))
    .map((values) =>
      Object.fromEntries(
        headerParameters.flatMap((p, i) => {
          const value = values[i];
          // Header values cannot carry control characters: the fuzz tests the server, not fetch.
          return value === null || value === undefined ? [] : [[p.name, value.replace(/[^\x20-\x7e]/g, '?')]];
        }),
      ),
    );
  const media = Object.entries(op.body?.content ?? {});
  const [type, schema] = media[0] ?? [];
  const body =
    type === undefined
      ? fc.constant(undefined)
      : type.startsWith('multipart/')
        ? formBody(ctx, schema ?? {})
        : jsonBody(ctx, schema ?? {});
  return fc
    .record({
      // Mostly signed in: an anonymous request stops at the 401 of most routes.
      identity: fc.constantFrom<Identity>('admin', 'partner', 'admin', 'partner', 'anonymous'),
      path,
      query: queryString(ctx, op),
      headers,
      body,
    })
    .map(({ identity, path: p, query, headers: h, body: b }) => ({
      identity,
      method: op.method,
      url: `${p}${query}`,
      headers: h,
      ...(b?.contentType !== undefined ? { contentType: b.contentType } : {}),
      ...(b ? { body: b.body } : {}),
    }));
}
