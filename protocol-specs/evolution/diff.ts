/**
 * The diff of two versions of a protocol, by stable ids: every change as a value, classified by what it
 * does to the data already collected. Pure and deterministic: the same two protocols give the same
 * list, in the same order (protocol, vocabularies, then levels in the new order with their fields;
 * removals after what remains).
 */
import type { ResolvedProtocol, TaxonomicScope } from '../resolved.ts';
import { type DiffContext, diffContext } from './diff-context.ts';
import type { ProtocolChange, ProtocolDiff } from './diff-types.ts';
import { diffLevels } from './levels.ts';
import { diffOccurrence } from './occurrence.ts';
import { indexProtocol } from './protocol-index.ts';
import { sameJson } from './stable-json.ts';
import { diffVocabularies } from './vocabularies.ts';

export function diffProtocols(previous: ResolvedProtocol, next: ResolvedProtocol): ProtocolDiff {
  const changes: ProtocolChange[] = [];
  const ctx = diffContext(indexProtocol(previous), indexProtocol(next), changes);
  diffProtocol(ctx);
  diffVocabularies(ctx);
  diffLevels(ctx);
  diffOccurrence(ctx);
  return { code: next.code, from: previous.version, to: next.version, changes };
}

function diffProtocol(ctx: DiffContext): void {
  const [p, n] = [ctx.previous.protocol, ctx.next.protocol];
  if (p.version !== n.version)
    ctx.emit({ kind: 'protocol_version_changed', path: '/version', before: p.version, after: n.version });
  for (const property of ['label', 'description'] as const) {
    if (!sameJson(p[property], n[property]))
      ctx.emit({
        kind: 'protocol_label_changed',
        property,
        path: `/${property}`,
        before: p[property],
        after: n[property],
      });
  }
  if (!sameJson([...p.datasets].sort(), [...n.datasets].sort()))
    ctx.emit({ kind: 'protocol_datasets_changed', path: '/datasets', before: p.datasets, after: n.datasets });
  const taxonomy = taxonomyChange(p.taxonomy, n.taxonomy);
  if (taxonomy) ctx.emit({ kind: taxonomy, path: '/taxonomy', before: p.taxonomy, after: n.taxonomy });
}

/**
 * Wider when every taxon the old scope admits is still admitted: anything to `all`, a list to a
 * superset. Scopes that cannot be compared without TAXREF (two groups) count as narrower: the planner
 * checks the rows either way.
 */
function taxonomyChange(
  p: TaxonomicScope,
  n: TaxonomicScope,
): 'taxonomy_widened' | 'taxonomy_narrowed' | undefined {
  if (sameJson(p, n)) return undefined;
  if (n.scope === 'all') return 'taxonomy_widened';
  const taxa = (s: TaxonomicScope) =>
    s.scope === 'list' ? s.taxa : s.scope === 'species' ? [s.taxon] : undefined;
  const [before, after] = [taxa(p), taxa(n)];
  if (before && after) {
    const [old, wider] = [new Set(before), new Set(after)];
    if (!before.every((t) => wider.has(t))) return 'taxonomy_narrowed';
    // The same taxa written in another order are the same scope.
    return after.every((t) => old.has(t)) ? undefined : 'taxonomy_widened';
  }
  return 'taxonomy_narrowed';
}
