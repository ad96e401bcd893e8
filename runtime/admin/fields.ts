/**
 * Checks of the admin routes' inputs. Each wrong field is a 422 whose problem names it
 * (`{ path: '/password', code, message }`), in the shape of the record API's validation errors.
 */
import type { Body } from '../auth/request-body.ts';
import { dbFailureOf } from '../db/errors.ts';
import { conflict, HttpError, invalid } from '../http/errors.ts';

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Shorter passwords are refused; long passphrases are welcome (the login route reads 1000 characters). */
export const MIN_PASSWORD_LENGTH = 10;
const MAX_PASSWORD_LENGTH = 1000;
/** Logins and role names: no spaces, nothing a URL or a log line would mangle. */
const NAME = /^[\p{L}\p{N}._@-]+$/u;

/** A 422 whose one problem names the field `key`. */
export const invalidField = (key: string, code: string, message: string) =>
  invalid([{ path: `/${key}`, code, message }]);

/** 404 for an id in the path that is not a UUID: it names nothing. */
export function pathId(id: string, what: string): string {
  if (!UUID.test(id)) throw new HttpError(404, 'not_found', `${what} ${id} n’existe pas.`);
  return id;
}

export function requiredText(body: Body, key: string, max = 200): string {
  const value = body[key];
  if (typeof value !== 'string' || value.trim() === '') {
    throw invalidField(key, 'required', `« ${key} » est obligatoire (texte non vide).`);
  }
  if (value.trim().length > max)
    throw invalidField(key, 'too_long', `« ${key} » : ${max} caractères au plus.`);
  // No NUL here: readObject (auth/request-body.ts) refuses one in any text of the body.
  return value.trim();
}

export function loginName(body: Body, key = 'login'): string {
  const value = requiredText(body, key, 100);
  if (!NAME.test(value)) {
    throw invalidField(key, 'pattern', `« ${key} » : lettres, chiffres et . _ @ - seulement, sans espace.`);
  }
  return value;
}

export function password(body: Body, key = 'password'): string {
  const value = body[key];
  if (typeof value !== 'string') throw invalidField(key, 'required', `« ${key} » est obligatoire (texte).`);
  if ([...value].length < MIN_PASSWORD_LENGTH) {
    throw invalidField(key, 'too_short', `« ${key} » : ${MIN_PASSWORD_LENGTH} caractères au moins.`);
  }
  if (value.length > MAX_PASSWORD_LENGTH) {
    throw invalidField(key, 'too_long', `« ${key} » : ${MAX_PASSWORD_LENGTH} caractères au plus.`);
  }
  return value;
}

export function boolean(body: Body, key: string): boolean {
  const value = body[key];
  if (typeof value !== 'boolean') throw invalidField(key, 'type', `« ${key} » : true ou false attendu.`);
  return value;
}

/** A UUID, or null (e.g. a user without organisation). */
export function uuidOrNull(body: Body, key: string): string | null {
  const value = body[key];
  if (value === null) return null;
  if (typeof value !== 'string' || !UUID.test(value)) {
    throw invalidField(key, 'format', `« ${key} » : identifiant (UUID) ou null attendu.`);
  }
  return value;
}

export function roleName(value: unknown, path: string): string {
  if (typeof value !== 'string' || value.trim() === '' || value.length > 64 || !NAME.test(value.trim())) {
    throw invalid([
      {
        path,
        code: 'pattern',
        message: `« ${path.slice(1)} » : nom de rôle (lettres, chiffres, . _ @ -) attendu.`,
      },
    ]);
  }
  return value.trim();
}

/** A list of role names, duplicates dropped. */
export function roles(body: Body, key = 'roles'): string[] {
  const value = body[key];
  if (!Array.isArray(value) || value.length > 50) {
    throw invalidField(key, 'type', `« ${key} » : liste de noms de rôles attendue (50 au plus).`);
  }
  return [...new Set(value.map((r, i) => roleName(r, `/${key}/${i}`)))];
}

/** One of `choices`. */
export function choice<T extends string>(body: Body, key: string, choices: readonly T[]): T {
  const value = body[key];
  if (typeof value !== 'string' || !choices.includes(value as T)) {
    throw invalidField(key, 'enum', `« ${key} » : une valeur parmi ${choices.join(', ')}.`);
  }
  return value as T;
}

/** Whether the body names `key` at all (PATCH: absent fields stay as they are). */
export const has = (body: Body, key: string) => Object.hasOwn(body, key);

/** Runs `work`; a unique violation (a second row of the same name) becomes a 409 naming the field. */
export async function unique<T>(work: () => Promise<T>, path: string, message: string): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (dbFailureOf(error)?.code === '23505') throw conflict('duplicate', message, { path });
    throw error;
  }
}
