/** JSON compared and printed whatever the order of object keys. */

/** Equality of two JSON values, whatever the order of their object keys. */
export function sameJson(a: unknown, b: unknown): boolean {
  return stableJson(a) === stableJson(b);
}

/**
 * JSON with object keys sorted: a resolved protocol read back from jsonb has its keys in another order.
 * `transform` rewrites values on the way (a rule's field references into ids).
 */
export function stableJson(value: unknown, transform: (v: unknown) => unknown = (v) => v): string {
  return JSON.stringify(value, (_key, raw: unknown) => {
    const v = transform(raw);
    return typeof v === 'object' && v !== null && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0)))
      : v;
  });
}
