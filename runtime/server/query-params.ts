/**
 * Query-string parameters of the reference-data routes: every malformed one is collected as a
 * `{ path: '/query/<name>', code, message }` problem, and `check` answers them all in one 400.
 */

import { type ApiError, badRequest } from '../http/errors.ts';
import type { ModuleRuntime } from '../modules/load.ts';

export type Query = Readonly<Record<string, string | undefined>>;

export const problem = (name: string, code: string, message: string): ApiError => ({
  path: `/query/${name}`,
  code,
  message,
});

/** Fails with one 400 listing every problem found. */
export function check(problems: ApiError[]): void {
  if (problems.length > 0) throw badRequest(problems);
}

export function integerParam(
  query: Query,
  name: string,
  fallback: number,
  max: number,
  problems: ApiError[],
) {
  const raw = query[name];
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d{1,4}$/.test(raw) || Number(raw) < 1 || Number(raw) > max) {
    problems.push(problem(name, 'out_of_range', `${name} doit être un entier entre 1 et ${max}.`));
    return fallback;
  }
  return Number(raw);
}

export function textParam(query: Query, name: string, max: number, problems: ApiError[]): string | undefined {
  const raw = query[name];
  if (raw === undefined) return undefined;
  if (raw.length > max) problems.push(problem(name, 'too_long', `${name} : au plus ${max} caractères.`));
  // The database refuses a NUL in a bound text: the request's fault, not a 500.
  if (raw.includes('\u0000'))
    problems.push(problem(name, 'invalid_character', `${name} contient un caractère interdit (NUL).`));
  return raw;
}

/** `%`, `_` and `\` match themselves (LIKE's default escape is the backslash). */
export const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/** The modules a parameter may name: those served when the request started. */
export interface ModuleLookup {
  get(code: string): ModuleRuntime | undefined;
}

export function moduleParam(
  query: Query,
  modules: ModuleLookup,
  problems: ApiError[],
): ModuleRuntime | undefined {
  const code = query.module;
  if (code === undefined) return undefined;
  const module = modules.get(code);
  if (!module)
    problems.push(problem('module', 'unknown_module', `Aucun module installé ne s’appelle « ${code} ».`));
  return module;
}

/** `name=1,2,3`: up to `max` distinct positive integers (codes to look up), or undefined when absent. */
export function integerListParam(query: Query, name: string, max: number, problems: ApiError[]) {
  const raw = query[name];
  if (raw === undefined) return undefined;
  const parts = raw.split(',').map((x) => x.trim());
  if (parts.length > max || parts.some((x) => !/^\d{1,9}$/.test(x))) {
    problems.push(
      problem(name, 'invalid', `${name} : une liste de 1 à ${max} entiers séparés par des virgules.`),
    );
    return undefined;
  }
  return [...new Set(parts.map(Number))];
}

/** `name=a,b`: up to `max` distinct UUIDs, or undefined when absent. */
export function uuidListParam(query: Query, name: string, max: number, problems: ApiError[]) {
  const raw = query[name];
  if (raw === undefined) return undefined;
  const parts = raw.split(',').map((x) => x.trim().toLowerCase());
  const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
  if (parts.length > max || parts.some((x) => !uuid.test(x))) {
    problems.push(
      problem(
        name,
        'invalid',
        `${name} : une liste de 1 à ${max} identifiants (UUID) séparés par des virgules.`,
      ),
    );
    return undefined;
  }
  return [...new Set(parts)];
}
