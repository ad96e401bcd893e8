/**
 * Building blocks of the core OpenAPI document (runtime/server/core-openapi.ts): each route group writes
 * its paths as data next to its routes (runtime/auth/openapi.ts, runtime/admin/openapi.ts, …) with these
 * helpers, and names the shared components (`ApiError`, `Errors`, `Account`, the security schemes) that
 * core-openapi.ts defines once.
 */

/** A JSON value of the document (schema, operation, path item). */
export type Json = { readonly [key: string]: unknown };

/** A route group's share of the core document: its tag, its paths and the schemas only it uses. */
export interface OpenApiGroup {
  readonly tag: { readonly name: string; readonly description: string };
  readonly paths: Readonly<Record<string, Json>>;
  readonly schemas?: Readonly<Record<string, Json>>;
}

export const ref = (name: string): Json => ({ $ref: `#/components/schemas/${name}` });

export const json = (schema: Json): Json => ({ 'application/json': { schema } });

/** A required JSON request body. */
export const jsonBody = (schema: Json): Json => ({ required: true, content: json(schema) });

/** A 2xx answer with a JSON body. */
export const answer = (description: string, schema: Json, headers?: Json): Json => ({
  description,
  content: json(schema),
  ...(headers ? { headers } : {}),
});

/** A 4xx/5xx answer: the problem list `[{ path, code, message }]`. */
export const problems = (description: string, headers?: Json): Json => ({
  description,
  content: json(ref('Errors')),
  ...(headers ? { headers } : {}),
});

export const noContent = (description: string): Json => ({ description });

/** Answers of any /api route that has no session of its own: only a broken bearer token is refused. */
export const BAD_TOKEN = problems('An unknown or revoked bearer token (requests without one are served).');
export const SIGNED_OUT = problems('Nobody is signed in, or the bearer token is unknown or revoked.');
/** Every POST, PUT, PATCH or DELETE without a bearer token passes the CSRF check (runtime/auth/session.ts). */
export const CROSS_SITE = 'a cross-site request without a bearer token (code `csrf`)';
export const TOO_LARGE = problems('The body is larger than 2 MB (code `payload_too_large`).');
export const MALFORMED = 'the body is not a JSON object (codes `malformed_json`, `bad_request`)';

/** Operations readable without an account. */
export const PUBLIC: readonly Json[] = [];
/** Operations that need an account (the document's default). */
export const SIGNED_IN: readonly Json[] = [{ session: [] }, { bearer: [] }];
/** Operations that serve everybody and use the account when there is one. */
export const ANYONE: readonly Json[] = [{}, { session: [] }, { bearer: [] }];

/** `{ type: 'string', format: 'uuid' }`. */
export const UUID: Json = { type: 'string', format: 'uuid' };

/** A string among `values` (any string when there are none: an instance without modules). */
export const among = (values: readonly string[]): Json =>
  values.length > 0 ? { type: 'string', enum: [...values] } : { type: 'string' };

/** A path parameter. */
export const pathParameter = (name: string, schema: Json, description?: string): Json => ({
  name,
  in: 'path',
  required: true,
  schema,
  ...(description ? { description } : {}),
});

/** An optional query parameter. */
export const queryParameter = (name: string, schema: Json, description: string): Json => ({
  name,
  in: 'query',
  schema,
  description,
});
