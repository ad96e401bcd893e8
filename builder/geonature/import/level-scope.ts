/**
 * The names a level's rules can read: its own fields by GeoNature key, and its ancestors' fields by
 * GeoNature object type (`meta.parents.site.properties.x` → `site.x`).
 */
import type { ExpressionScope, FieldLookup } from '../js/scope.ts';
import type { FieldEntry, LevelDraft } from './level-draft.ts';

export function levelScope(draft: LevelDraft, drafts: readonly LevelDraft[]): ExpressionScope {
  const byKey = new Map(drafts.map((d) => [d.key, d]));
  const ancestors = new Map<string, LevelDraft>();
  const climb = (d: LevelDraft) => {
    for (const key of d.parents) {
      const parent = byKey.get(key);
      if (parent && !ancestors.has(parent.object)) {
        ancestors.set(parent.object, parent);
        climb(parent);
      }
    }
  };
  climb(draft);
  const parent = draft.parents.length === 1 ? byKey.get(draft.parents[0] as string) : undefined;
  return {
    own: (gnKey) => lookup(draft, gnKey, 'value'),
    ancestor: (object, gnKey) => {
      const level = ancestors.get(object);
      if (!level) return { ok: false, reason: `${object} is not an ancestor of ${draft.key}` };
      return lookup(level, gnKey, level.key);
    },
    ...(parent ? { parentObject: parent.object } : {}),
  };
}

function lookup(draft: LevelDraft, gnKey: string, scope: string): FieldLookup {
  const entry: FieldEntry | undefined = draft.entries.find((e) => e.d.gnKey === gnKey);
  if (entry) {
    const choices = (entry.built.field as { choices?: Array<string | { value: string }> }).choices;
    return {
      ok: true,
      field: {
        scope,
        key: entry.key,
        kind: entry.built.kind,
        ...(entry.built.numericChoices ? { numericChoices: true } : {}),
        ...(choices ? { choices: choices.map((c) => (typeof c === 'string' ? c : c.value)) } : {}),
      },
    };
  }
  const absent = draft.absent.get(gnKey);
  const where = scope === 'value' ? `value.${gnKey}` : `${draft.object}.${gnKey}`;
  return absent
    ? { ok: false, reason: `${where} is ${absent}` }
    : { ok: false, reason: `${where} is not a field of ${draft.key}`, unknown: true };
}
