/** Checks of the builder routes' inputs: each wrong field a 4xx whose problem names it, never a 500. */
import type { Body } from '../../runtime/auth/request-body.ts';
import { HttpError, invalid } from '../../runtime/http/errors.ts';
import type { Spec } from './drafts-store.ts';

/** A draft's spec may be work in progress, but not larger than this (bytes of its JSON). */
export const MAX_SPEC_BYTES = 1024 * 1024;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const invalidField = (key: string, code: string, message: string) =>
  invalid([{ path: `/${key}`, code, message }]);

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** `body[key]`: a JSON object of at most MAX_SPEC_BYTES. */
export function specField(body: Body, key = 'spec'): Spec {
  const spec = body[key];
  if (!isObject(spec)) throw invalidField(key, 'type', `« ${key} » : un objet JSON (la spécification).`);
  if (Buffer.byteLength(JSON.stringify(spec)) > MAX_SPEC_BYTES)
    throw invalidField(key, 'too_large', `« ${key} » : 1 Mo au plus.`);
  return spec;
}

/** An optional object (`resolutions`): step id → resolution, checked by the planner itself. */
export function optionalObject(body: Body, key: string): Readonly<Record<string, unknown>> | undefined {
  const value = body[key];
  if (value === undefined) return undefined;
  if (!isObject(value)) throw invalidField(key, 'type', `« ${key} » : un objet JSON.`);
  return value;
}

export function positiveInteger(body: Body, key: string): number {
  const value = body[key];
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 1)
    throw invalidField(key, 'type', `« ${key} » : un entier positif.`);
  return value;
}

/** A path id that is not a UUID names nothing: 404. */
export function draftId(id: string): string {
  if (!UUID.test(id)) throw draftNotFound(id);
  return id;
}

export const draftNotFound = (id: string) =>
  new HttpError(404, 'not_found', `Le brouillon ${id} n’existe pas.`);
