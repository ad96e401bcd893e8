/**
 * Reading JSON bodies of the account routes (/api/auth, /api/admin): a malformed body is a 400, a
 * missing or wrong field a 4xx whose problem names it (`path: '/field'`), never a 500.
 */
import type { Context } from 'hono';
import { HttpError } from '../records/errors.ts';

export type Body = Record<string, unknown>;

export async function readObject(c: Context): Promise<Body> {
  let body: unknown;
  try {
    body = await c.req.json();
  } catch {
    throw new HttpError(400, 'malformed_json', 'Le corps de la requête n’est pas du JSON valide.');
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new HttpError(400, 'bad_request', 'Le corps de la requête doit être un objet JSON.');
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
  // PostgreSQL text cannot hold NUL: refused here, or the database would turn it into a 500.
  if (value.includes('\u0000')) {
    const message = `« ${key} » contient un caractère interdit (NUL).`;
    throw new HttpError(400, 'bad_request', message, [
      { path: `/${key}`, code: 'invalid_character', message },
    ]);
  }
  return value;
}
