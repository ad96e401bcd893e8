import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { baseSpec } from './fixture.test-helpers.ts';
import { validateSpec, validateSpecText } from './index.ts';

const internal = (spec: unknown) => validateSpec(spec).filter((d) => d.rule === 'internal-error');

/** Replaces one value somewhere in the spec by an arbitrary one: near-valid specs reach deep into the checks. */
function mutateAt(spec: unknown, path: readonly number[], replacement: unknown): unknown {
  if (path.length === 0 || typeof spec !== 'object' || spec === null) return replacement;
  const entries = Object.entries(spec);
  if (entries.length === 0) return replacement;
  const [head = 0, ...rest] = path;
  const index = head % entries.length;
  const copy: Record<string, unknown> | unknown[] = Array.isArray(spec) ? [...spec] : { ...spec };
  const [key, value] = entries[index]!;
  (copy as Record<string, unknown>)[key] = mutateAt(value, rest, replacement);
  return copy;
}

const hostile = fc.oneof(
  fc.anything(),
  fc.constantFrom(
    '__proto__',
    'constructor',
    'toString',
    "value.constructor.constructor('x')()",
    'value.__proto__',
    null,
    [],
    {},
  ),
);

describe('the validator never throws', () => {
  it('on arbitrary JSON values', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(internal(value)).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it('on arbitrary text', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        expect(() => validateSpecText(text)).not.toThrow();
      }),
      { numRuns: 300 },
    );
  });

  it('on a valid spec with any one value replaced by anything', () => {
    fc.assert(
      fc.property(fc.array(fc.nat(), { maxLength: 8 }), hostile, (path, replacement) => {
        expect(internal(mutateAt(baseSpec(), path, replacement))).toEqual([]);
      }),
      { numRuns: 500 },
    );
  });

  it('on JSON text whose keys reach for prototypes', () => {
    const text =
      '{"__proto__": {"polluted": true}, "constructor": {"prototype": {"x": 1}}, "levels": [{"__proto__": []}]}';
    const result = validateSpecText(text);
    expect(result.diagnostics.some((d) => d.rule === 'shape-unknown-key')).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
