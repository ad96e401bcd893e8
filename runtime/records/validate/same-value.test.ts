import { describe, expect, it } from 'vitest';
import { sameValue } from './same-value.ts';

/** `depth` levels of arrays around `inner`, built without recursion. */
const nested = (depth: number, inner: unknown = null): unknown => {
  let value = inner;
  for (let i = 0; i < depth; i++) value = [value];
  return value;
};

describe('sameValue', () => {
  it('compares JSON values as JSON.stringify would, member order aside', () => {
    expect(sameValue({ a: 1, b: [1, { c: 'x' }] }, { b: [1, { c: 'x' }], a: 1 })).toBe(true);
    expect(sameValue(undefined, null)).toBe(true);
    expect(sameValue({ a: undefined }, {})).toBe(true);
    expect(sameValue({ a: null }, {})).toBe(false);
    expect(sameValue([undefined], [null])).toBe(true);
    expect(sameValue([1, 2], [2, 1])).toBe(false);
    expect(sameValue([1], [1, 2])).toBe(false);
    expect(sameValue({ a: 1 }, { a: '1' })).toBe(false);
    expect(sameValue([], {})).toBe(false);
    expect(sameValue(0, null)).toBe(false);
    expect(sameValue(JSON.parse('{"__proto__": {"x": 1}}'), {})).toBe(false);
  });

  it('compares values nested far deeper than the call stack allows a recursive walk', () => {
    expect(() => JSON.stringify(nested(100_000))).toThrow(RangeError);
    expect(sameValue(nested(100_000, 1), nested(100_000, 1))).toBe(true);
    expect(sameValue(nested(100_000, 1), nested(100_000, 2))).toBe(false);
  });
});
