/**
 * diffProtocols over the four examples: one edit at a time, an author's edit, and exactly the changes
 * it must produce (kind, class, ids, path). Every ChangeKind appears in at least one case.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { EXAMPLE_CODES, exampleProtocol } from '../../test/helpers/examples.ts';
import type { ResolvedProtocol } from '../index.ts';
import { CHANGE_KIND_CLASSES, CHANGE_KINDS } from './change-kinds.ts';
import { PROTOCOL_CASES } from './diff.cases.ts';
import { diffProtocols } from './diff.ts';
import { FIELD_CASES } from './field-diff.cases.ts';
import { type Case, edited, pick } from './spec-edits.test-helpers.ts';

const CASES: readonly Case[] = [...PROTOCOL_CASES, ...FIELD_CASES];

describe('diffProtocols', () => {
  it.each(EXAMPLE_CODES)('finds nothing between %s and itself', (code) => {
    const p = exampleProtocol(code);
    expect(diffProtocols(p, p)).toEqual({ code, from: p.version, to: p.version, changes: [] });
  });

  it.each(EXAMPLE_CODES)(
    'finds nothing between %s and itself with its keys in another order (as jsonb gives them back)',
    (code) => {
      const p = exampleProtocol(code);
      const reordered = JSON.parse(JSON.stringify(p), (_key, v: unknown) =>
        typeof v === 'object' && v !== null && !Array.isArray(v)
          ? Object.fromEntries(Object.entries(v).reverse())
          : v,
      ) as ResolvedProtocol;
      expect(JSON.stringify(reordered)).not.toBe(JSON.stringify(p));
      expect(diffProtocols(p, reordered).changes).toEqual([]);
      expect(diffProtocols(reordered, p).changes).toEqual([]);
    },
  );

  describe.each(CASES)('$name ($code)', (c) => {
    const example = exampleProtocol(c.code);
    const changed = edited(c.code, c.edit);
    const [previous, next]: [ResolvedProtocol, ResolvedProtocol] = c.backwards
      ? [changed, example]
      : [example, changed];
    const diff = diffProtocols(previous, next);

    it('lists exactly the expected changes', () => {
      expect(diff.changes.map((ch) => pick(ch, c.want[diff.changes.indexOf(ch)]))).toEqual(c.want);
    });
    it('classifies each by its kind and says it in both languages', () => {
      for (const ch of diff.changes) {
        expect(ch.class).toBe(CHANGE_KIND_CLASSES[ch.kind]);
        expect(ch.message.fr.length).toBeGreaterThan(10);
        expect(ch.message.en.length).toBeGreaterThan(10);
      }
    });
    it('is deterministic and does not touch its inputs', () => {
      expect(diffProtocols(previous, next)).toEqual(diff);
      expect(Object.isFrozen(previous) && Object.isFrozen(next)).toBe(true);
    });
  });

  it('has docs/migrations.md list every change kind with its class', () => {
    const doc = readFileSync(new URL('../../docs/migrations.md', import.meta.url), 'utf8');
    const rows = [...doc.matchAll(/^\| `([a-z_]+)` +\| `([a-z_]+)` +\|/gm)].map((m) => [m[1], m[2]]);
    expect(rows).toEqual(CHANGE_KINDS.map((kind) => [kind, CHANGE_KIND_CLASSES[kind]]));
  });

  it('covers every change kind', () => {
    const seen = new Set(CASES.flatMap((c) => c.want.map((w) => w.kind)));
    expect(CHANGE_KINDS.filter((k) => !seen.has(k))).toEqual([]);
  });
});
