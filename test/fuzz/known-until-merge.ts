/**
 * KNOWN_UNTIL_MERGE: failures of the API fuzz test that issue 17 fixes on other branches. Each entry
 * names the fix it waits for and matches exactly that case; the lead deletes an entry (and this list,
 * once empty) when the fix is merged. Any failure no entry matches fails the test.
 */
import type { ViolationKind } from './answer-checks.ts';
import type { Operation } from './openapi-walk.ts';
import type { FuzzRequest } from './request-arbitrary.ts';

export interface KnownCase {
  readonly name: string;
  readonly kind: ViolationKind;
  matches(op: Operation, request: FuzzRequest, status: number): boolean;
}

/** The decoded query values of a request. */
const queryValues = (request: FuzzRequest): string[] => [
  ...new URLSearchParams(request.url.split('?')[1] ?? '').values(),
];

/** `2025-13-01`: the shape of a date, but no calendar day (Date gives up, where 2025-02-30 rolls over). */
const impossibleDate = (value: string) =>
  /^\d{4}-\d{2}-\d{2}$/.test(value) && Number.isNaN(new Date(`${value}T00:00:00Z`).getTime());

const isModuleRoute = (op: Operation) => op.path.startsWith('/api/modules/') && op.document !== 'core';

/** The deepest nesting of `[`/`{` in a request body. */
function nesting(request: FuzzRequest): number {
  const text = request.body?.kind === 'text' ? request.body.text : '';
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '[' || c === '{') deepest = Math.max(deepest, ++depth);
    else if (c === ']' || c === '}') depth--;
  }
  return deepest;
}

export const KNOWN_UNTIL_MERGE: readonly KnownCase[] = [
  {
    name: 'A: a body nested ~5,000 levels deep gives 500 (JSON.stringify in resolve-values.ts)',
    kind: 'server_error',
    matches: (op, request) =>
      isModuleRoute(op) && ['POST', 'PUT'].includes(op.method) && nesting(request) > 3_000,
  },
  {
    name: 'B: an impossible date in a list, CSV or GeoJSON filter gives 500 (isCalendarDate, parse-list-query.ts)',
    kind: 'server_error',
    matches: (op, request) =>
      isModuleRoute(op) && op.method === 'GET' && queryValues(request).some(impossibleDate),
  },
  {
    name: 'C: a NUL byte in a text filter or q on .geojson gives 500 (the database refuses the byte)',
    kind: 'server_error',
    matches: (op, request) =>
      isModuleRoute(op) &&
      op.path.endsWith('.geojson') &&
      queryValues(request).some((v) => v.includes('\u0000')),
  },
  {
    name: 'D: a NUL byte in a validation comment gives 500 (POST …/<id>/validation)',
    kind: 'server_error',
    matches: (op, request) =>
      isModuleRoute(op) &&
      op.path.endsWith('/validation') &&
      request.body?.kind === 'text' &&
      request.body.text.includes('\\u0000'),
  },
  {
    name: 'Content-Type: a JSON body sent as anything but application/json is accepted (should be 415)',
    kind: 'content_type_accepted',
    matches: (op) => op.body?.content['application/json'] !== undefined,
  },
  {
    name: 'Anonymous callers: GET /api/users lists names without a session (should need an account)',
    kind: 'anonymous_served',
    matches: (op) => op.path === '/api/users',
  },
];
