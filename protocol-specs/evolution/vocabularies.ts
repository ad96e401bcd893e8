/**
 * Vocabularies paired by id (a new code under the same id is a rename), their values by code. A value
 * removed is data-dependent: records holding it must be mapped to another code or flagged.
 */
import type { ResolvedVocabulary, ResolvedVocabularyValue } from '../resolved.ts';
import { type DiffContext, pairById } from './diff-context.ts';
import type { ChangeDraft, VocabularyRef } from './diff-types.ts';
import { movedItems } from './moved.ts';
import { sameJson } from './stable-json.ts';

/**
 * The IR keeps vocabularies sorted by code, not where the author wrote them: changes point at the
 * protocol's list of vocabularies (SINP types are not in the file at all) and name the code.
 */
const pathOf = (v: ResolvedVocabulary) => (v.source === 'protocol' ? '/vocabularies' : '');

export function diffVocabularies(ctx: DiffContext): void {
  for (const pair of pairById(ctx.previous.protocol.vocabularies, ctx.next.protocol.vocabularies)) {
    if (pair.next && !pair.previous) {
      const v = pair.next;
      const vocabulary = { id: v.id, code: v.code };
      ctx.emit({
        kind: 'vocabulary_added',
        vocabulary,
        path: pathOf(v),
        after: { source: v.source, values: v.values.length },
      });
    } else if (pair.previous && !pair.next) {
      const v = pair.previous;
      ctx.emit({
        kind: 'vocabulary_removed',
        vocabulary: { id: v.id, code: v.code },
        path: pathOf(v),
        before: { source: v.source },
      });
    } else if (pair.previous && pair.next) {
      compareVocabulary(ctx, pair.previous, pair.next);
    }
  }
}

function compareVocabulary(ctx: DiffContext, p: ResolvedVocabulary, n: ResolvedVocabulary): void {
  const vocabulary: VocabularyRef =
    p.code === n.code ? { id: n.id, code: n.code } : { id: n.id, code: n.code, previousCode: p.code };
  const subject = { vocabulary, path: pathOf(n) };
  if (p.code !== n.code) ctx.emit({ ...subject, kind: 'vocabulary_renamed', before: p.code, after: n.code });
  for (const property of ['label', 'description'] as const) {
    if (!sameJson(p[property], n[property]))
      ctx.emit({
        ...subject,
        kind: 'vocabulary_label_changed',
        property,
        before: p[property],
        after: n[property],
      });
  }
  const before = new Map(p.values.map((v) => [v.code, v]));
  const after = new Set(n.values.map((v) => v.code));
  for (const value of n.values) {
    const old = before.get(value.code);
    if (old) compareValue(ctx, { ...subject, value: value.code }, old, value);
    else ctx.emit({ ...subject, kind: 'vocabulary_value_added', value: value.code, after: value.label });
  }
  for (const value of p.values) {
    if (!after.has(value.code))
      ctx.emit({ ...subject, kind: 'vocabulary_value_removed', value: value.code, before: value.label });
  }
  const codes = (v: ResolvedVocabulary) => v.values.map((x) => x.code);
  if (movedItems(codes(p), codes(n)).size > 0)
    ctx.emit({ ...subject, kind: 'vocabulary_values_reordered', before: codes(p), after: codes(n) });
}

function compareValue(
  ctx: DiffContext,
  subject: Omit<ChangeDraft, 'kind'>,
  p: ResolvedVocabularyValue,
  n: ResolvedVocabularyValue,
): void {
  for (const property of ['label', 'definition'] as const) {
    if (!sameJson(p[property], n[property]))
      ctx.emit({
        ...subject,
        kind: 'vocabulary_value_label_changed',
        property,
        before: p[property],
        after: n[property],
      });
  }
  if (p.broader !== n.broader)
    ctx.emit({ ...subject, kind: 'vocabulary_value_broader_changed', before: p.broader, after: n.broader });
}
