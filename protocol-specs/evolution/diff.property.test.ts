/**
 * Properties of the diff over random combinations of the author's edits of diff.test.ts (the edits of one
 * example applied one after another; combinations that do not compile are skipped): a protocol never
 * differs from itself, every change has its kind's class, and reading the diff backwards names the same
 * things (what was added is removed, what was widened is narrowed).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { exampleProtocol } from '../../test/helpers/examples.ts';
import { compileProtocol, type ResolvedProtocol } from '../index.ts';
import { CHANGE_KIND_CLASSES } from './change-kinds.ts';
import { PROTOCOL_CASES } from './diff.cases.ts';
import { diffProtocols } from './diff.ts';
import type { ProtocolChange } from './diff-types.ts';
import { FIELD_CASES } from './field-diff.cases.ts';
import { type Case, editedSpec } from './spec-edits.test-helpers.ts';

const CASES = [...PROTOCOL_CASES, ...FIELD_CASES].filter((c) => !c.backwards);
const CODES = [...new Set(CASES.map((c) => c.code))];

/** The protocol after these edits, or undefined when together they make an invalid spec. */
function applied(code: string, edits: readonly Case[]): ResolvedProtocol | undefined {
  try {
    const result = compileProtocol(
      editedSpec(code, (e) => {
        for (const c of edits) c.edit(e);
      }),
    );
    return result.ok ? result.protocol : undefined;
  } catch {
    return undefined; // one edit removed what another edits
  }
}

/** What a change is about, whichever way it is read. */
const subject = (c: ProtocolChange) =>
  [c.level?.id, c.group?.id, c.field?.id, c.vocabulary?.id, c.value, c.property ?? ''].join('|');

const edits = fc.constantFrom(...CODES).chain((code) => {
  const mine = CASES.filter((c) => c.code === code);
  const some = fc.subarray(mine, { maxLength: Math.min(4, mine.length) });
  return fc.record({ code: fc.constant(code), first: some, second: some });
});

describe('diffProtocols, over random edits', () => {
  it('finds nothing between a protocol and itself, classes every change by its kind, and reads backwards the same things', () => {
    let compared = 0;
    fc.assert(
      fc.property(edits, ({ code, first, second }) => {
        const a = first.length === 0 ? exampleProtocol(code) : applied(code, first);
        const b = applied(code, second);
        if (!a || !b) return;
        compared++;
        expect(diffProtocols(b, b).changes).toEqual([]);
        const forward = diffProtocols(a, b).changes;
        const backward = diffProtocols(b, a).changes;
        for (const c of [...forward, ...backward]) expect(c.class).toBe(CHANGE_KIND_CLASSES[c.kind]);
        expect(backward.map(subject).sort()).toEqual(forward.map(subject).sort());
      }),
      { numRuns: 150, seed: 20261210 },
    );
    // Most combinations must compile, or the property says little.
    expect(compared).toBeGreaterThan(75);
  });
});
