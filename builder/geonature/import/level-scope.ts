/**
 * The names a level's rules can read: its own fields by GeoNature key, and its ancestors' fields by
 * GeoNature object type (`meta.parents.site.properties.x` → `site.x`).
 */
import type { ExpressionScope, FieldLookup, NamedValue } from '../js/scope.ts';
import type { FieldEntry, LevelDraft } from './level-draft.ts';
import type { Vocabularies } from './vocabularies.ts';

export function levelScope(
  draft: LevelDraft,
  drafts: readonly LevelDraft[],
  vocabularies?: Pick<Vocabularies, 'namedValues'>,
): ExpressionScope {
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
    own: (gnKey) => lookup(draft, gnKey, 'value', vocabularies),
    hasAncestor: (object) => ancestors.has(object),
    ancestor: (object, gnKey) => {
      const level = ancestors.get(object);
      if (!level) return { ok: false, reason: `${object} is not an ancestor of ${draft.key}` };
      return lookup(level, gnKey, level.key, vocabularies);
    },
    ...(parent ? { parentObject: parent.object } : {}),
  };
}

function lookup(
  draft: LevelDraft,
  gnKey: string,
  scope: string,
  vocabularies: Pick<Vocabularies, 'namedValues'> | undefined,
): FieldLookup {
  const entry: FieldEntry | undefined = draft.entries.find((e) => e.d.gnKey === gnKey);
  if (entry) {
    const built = entry.built.field as {
      choices?: Array<string | { value: string; label?: unknown }>;
      multiple?: boolean;
      vocabulary?: string;
    };
    const choices = built.choices;
    const values: NamedValue[] | undefined =
      choices?.map((c) =>
        typeof c === 'string'
          ? { code: c, names: [] }
          : { code: c.value, names: typeof c.label === 'string' ? [c.label] : [] },
      ) ?? (built.vocabulary ? vocabularies?.namedValues(built.vocabulary)?.slice() : undefined);
    return {
      ok: true,
      field: {
        scope,
        key: entry.key,
        kind: entry.built.kind,
        ...(entry.built.numericChoices ? { numericChoices: true } : {}),
        ...(choices ? { choices: choices.map((c) => (typeof c === 'string' ? c : c.value)) } : {}),
        ...(built.multiple ? { multiple: true } : {}),
        ...(values ? { values } : {}),
      },
    };
  }
  const absent = draft.absent.get(gnKey);
  const where = scope === 'value' ? `value.${gnKey}` : `${draft.object}.${gnKey}`;
  return absent
    ? { ok: false, reason: `${where} is ${absent}` }
    : { ok: false, reason: `${where} is not a field of ${draft.key}`, unknown: true };
}
