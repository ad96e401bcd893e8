/** Literal bounds compare as what they are: numbers, dates, times, instants. */
import { describe, expect, it } from 'vitest';
import { compareLiterals } from './constraints.ts';
import { diffProtocols } from './diff.ts';
import { edited } from './spec-edits.test-helpers.ts';

describe('compareLiterals', () => {
  it.each([
    ['integer', 9, 10, -1],
    ['decimal', 2.5, 2.5, 0],
    ['date', '2025-12-31', '2026-01-01', -1],
    ['time', '08:30', '08:30:00', 0],
    ['time', '18:00:00', '08:00', 1],
    ['datetime', '2026-01-01T00:00:00+01:00', '2025-12-31T23:30:00Z', -1],
    ['datetime', '2026-01-01T01:00:00+01:00', '2026-01-01T00:00:00Z', 0],
  ] as const)('%s: %s against %s', (kind, a, b, sign) => {
    expect(Math.sign(compareLiterals(kind, a, b))).toBe(sign);
  });
});

describe('date bounds in the diff', () => {
  it('reads a later min date as tightened and an earlier one as relaxed', () => {
    const base = edited('chiro_gites', (e) => {
      e.field('site', 'confidential_until').min = '2020-01-01';
    });
    const later = edited('chiro_gites', (e) => {
      e.field('site', 'confidential_until').min = '2021-06-01';
    });
    const kinds = (a: typeof base, b: typeof base) =>
      diffProtocols(a, b).changes.map((c) => [c.kind, c.property]);
    expect(kinds(base, later)).toEqual([['field_constraint_tightened', 'min']]);
    expect(kinds(later, base)).toEqual([['field_constraint_relaxed', 'min']]);
  });
});
