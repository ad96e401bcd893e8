/**
 * Lenient readers for JSON of unknown shape: semantic checks run even when the shape check failed (so an
 * author sees every problem at once), and these make sure no wrong type ever throws.
 */
export type JsonObject = Readonly<Record<string, unknown>>;

export const isObject = (v: unknown): v is JsonObject =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
export const asObject = (v: unknown): JsonObject => (isObject(v) ? v : {});
export const asArray = (v: unknown): readonly unknown[] => (Array.isArray(v) ? v : []);
export const asString = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
export const asNumber = (v: unknown): number | undefined =>
  typeof v === 'number' && Number.isFinite(v) ? v : undefined;
export const asStrings = (v: unknown): string[] =>
  asArray(v).filter((x): x is string => typeof x === 'string');

/** Own property only: spec JSON may carry keys like `__proto__` or `constructor`. */
export const prop = (o: unknown, key: string): unknown =>
  isObject(o) && Object.hasOwn(o, key) ? o[key] : undefined;
