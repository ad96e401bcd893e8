/**
 * Reading a JSON request body, once for every route that takes one (record writes, the Validate action,
 * /api/auth, /api/admin; a media upload is multipart and has its own reader). Three checks, in order:
 *  - the Content-Type says `application/json`, else 415: a body sent as `text/plain` is not read as JSON;
 *  - the text parses, else 400 `malformed_json`;
 *  - no value nests deeper than MAX_JSON_DEPTH, else 422 `too_deep` naming the top-level member. The
 *    parser itself is not recursive, but what walks the value afterwards (JSON Schema, rules, storage
 *    checks, comparisons, `JSON.stringify`) is: 5,000 levels of `[` in 10 kB would exhaust the stack.
 */
import type { Context } from 'hono';
import { HttpError, invalid } from '../http/errors.ts';

/** Deepest nesting accepted; a record's deepest value (a group row's multipolygon) nests 8 levels. */
export const MAX_JSON_DEPTH = 64;

/** `application/json`, with or without parameters (`; charset=utf-8`), in any case. */
export const isJsonContentType = (header: string | undefined): boolean =>
  header?.split(';')[0]?.trim().toLowerCase() === 'application/json';

const pointer = (key: string) => `/${key.replaceAll('~', '~0').replaceAll('/', '~1')}`;

/**
 * The top-level member (`/key`, or `/index` of an array) under which `value` nests deeper than `max`
 * levels (the value itself is level 1), or undefined. Iterative: the walk itself cannot overflow.
 */
export function tooDeep(value: unknown, max: number = MAX_JSON_DEPTH): string | undefined {
  const stack: Array<{ readonly value: unknown; readonly depth: number; readonly member: string }> = [
    { value, depth: 1, member: '' },
  ];
  for (let next = stack.pop(); next; next = stack.pop()) {
    if (typeof next.value !== 'object' || next.value === null) continue;
    if (next.depth > max) return next.member;
    for (const [key, child] of Object.entries(next.value)) {
      const member = next.depth === 1 ? pointer(key) : next.member;
      stack.push({ value: child, depth: next.depth + 1, member });
    }
  }
  return undefined;
}

export async function readJsonBody(c: Context): Promise<unknown> {
  if (!isJsonContentType(c.req.header('content-type'))) {
    const message = 'Le corps de la requête doit être envoyé en JSON (Content-Type: application/json).';
    throw new HttpError(415, 'unsupported_media_type', message, [
      { path: '/headers/content-type', code: 'unsupported_media_type', message },
    ]);
  }
  let body: unknown;
  try {
    body = await c.req.json();
  } catch (cause) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    throw new HttpError(
      400,
      'malformed_json',
      `Le corps de la requête n’est pas du JSON valide (${reason}).`,
    );
  }
  const member = tooDeep(body);
  if (member !== undefined) {
    const name = member === '' ? 'Le corps' : `« ${member.slice(1)} »`;
    throw invalid([
      {
        path: member,
        code: 'too_deep',
        message: `${name} imbrique des listes ou des objets sur plus de ${MAX_JSON_DEPTH} niveaux.`,
      },
    ]);
  }
  return body;
}
