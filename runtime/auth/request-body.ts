/**
 * Reading JSON bodies of the account routes (/api/auth, /api/admin): not JSON (Content-Type) a 415, a
 * malformed body a 400 (runtime/records/json-body.ts reads every JSON body), a missing or wrong field a
 * 4xx whose problem names it (`path: '/field'`), never a 500. Whatever the fields, no text of these
 * bodies may hold a NUL character: PostgreSQL cannot store one, and refuses a query that binds one.
 */
import type { Context } from 'hono';
import { HttpError, invalid } from '../http/errors.ts';
import { readJsonBody } from '../records/json-body.ts';

export type Body = Record<string, unknown>;

const pointer = (path: readonly string[]) =>
  path.map((key) => `/${key.replaceAll('~', '~0').replaceAll('/', '~1')}`).join('');

/** The JSON pointer of the first text (or member name) of `value` holding a NUL, or undefined. */
function nulAt(value: unknown): string | undefined {
  // Iterative, though the reader has bounded the depth already.
  const stack: Array<{ readonly value: unknown; readonly path: readonly string[] }> = [{ value, path: [] }];
  for (let next = stack.pop(); next; next = stack.pop()) {
    if (typeof next.value === 'string' && next.value.includes('\u0000')) return pointer(next.path);
    if (typeof next.value !== 'object' || next.value === null) continue;
    for (const [key, child] of Object.entries(next.value)) {
      if (key.includes('\u0000')) return pointer([...next.path, key]);
      stack.push({ value: child, path: [...next.path, key] });
    }
  }
  return undefined;
}

export async function readObject(c: Context): Promise<Body> {
  const body = await readJsonBody(c);
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new HttpError(400, 'bad_request', 'Le corps de la requête doit être un objet JSON.');
  }
  const nul = nulAt(body);
  if (nul !== undefined) {
    const message = `« ${nul.slice(1)} » contient un caractère interdit (NUL).`;
    throw invalid([{ path: nul, code: 'invalid_character', message }]);
  }
  return body as Body;
}

/** A non-blank string of at most `max` characters (400 naming the field otherwise). */
export function text(body: Body, key: string, max: number): string {
  const value = body[key];
  if (typeof value !== 'string' || value.trim() === '' || value.length > max) {
    throw new HttpError(
      400,
      'bad_request',
      `« ${key} » : texte non vide attendu (${max} caractères au plus).`,
      [{ path: `/${key}`, code: 'required', message: `« ${key} » est obligatoire (texte).` }],
    );
  }
  // A NUL never gets here: readObject refuses it in any text of the body (422 naming its pointer).
  return value;
}
