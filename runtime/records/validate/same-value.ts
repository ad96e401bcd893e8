/**
 * Whether two values are the same JSON (what `JSON.stringify` of both would say, member order aside;
 * undefined at the top is null), compared with an explicit stack: a recursive comparison, or
 * `JSON.stringify`, of a value nested thousands of levels deep would exhaust the call stack. The body
 * reader bounds the depth too (json-body.ts); this comparison does not rely on it.
 */
type Members = Readonly<Record<string, unknown>>;

const isObject = (v: unknown): v is Members => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Own members whose value is defined (JSON leaves undefined ones out); `__proto__` is data here. */
const defined = (o: Members) => Object.keys(o).filter((key) => o[key] !== undefined);
const has = (o: Members, key: string) => Object.hasOwn(o, key) && o[key] !== undefined;

export function sameValue(a: unknown, b: unknown): boolean {
  const pairs: Array<readonly [unknown, unknown]> = [[a, b]];
  for (let pair = pairs.pop(); pair; pair = pairs.pop()) {
    // Undefined at the top or in a list is null in JSON.
    const x = pair[0] ?? null;
    const y = pair[1] ?? null;
    if (x === y) continue;
    if (Array.isArray(x) && Array.isArray(y)) {
      if (x.length !== y.length) return false;
      for (const [i, item] of x.entries()) pairs.push([item, y[i]]);
    } else if (isObject(x) && isObject(y)) {
      const keys = defined(x);
      if (keys.length !== defined(y).length || !keys.every((key) => has(y, key))) return false;
      for (const key of keys) pairs.push([x[key], y[key]]);
    } else return false;
  }
  return true;
}
