/**
 * The `suivi` keys export-gn writes beside GeoNature's (GeoNature ignores keys it does not know): what a
 * Suivi spec says that GeoNature cannot (stable ids, English labels, field sets, kinds GeoNature lacks,
 * rule slots it has no place for, the SINP mapping). Read back here, they make export → import lossless.
 * A hand-written GeoNature folder has none, and nothing here applies. Rules found here are in Suivi's
 * own language already: they are not GeoNature rules and are not counted as such.
 */
import type { ProtocolSpec } from '../../../protocol-specs/index.ts';
import type { LevelDraft } from './level-draft.ts';
import { extensionOf, isObject, type JsonObject } from './read-files.ts';

type Mutable = Record<string, unknown>;

/** Keys of the protocol a module.json `suivi` object may set. */
const PROTOCOL_KEYS = ['version', 'label', 'description', 'taxonomy', 'datasets', 'occurrence'] as const;
/** Keys of a level a level file's `suivi` object may set. */
const LEVEL_KEYS = ['id', 'label', 'plural', 'geometry', 'checks'] as const;
/** Keys of a field a field's `suivi` object may set, as they are in the spec. */
const FIELD_KEYS = [
  'id',
  'label',
  'help',
  'aliases',
  'maxLength',
  'pattern',
  'unit',
  'decimals',
  'display',
  'readOnly',
  'taxa',
  'fixed',
  'freeText',
  'datasets',
  'typology',
  'level',
  'maxFiles',
  'accept',
  'geometry',
  'minItems',
  'maxItems',
  'fields',
  'filter',
  'default',
  'min',
  'max',
  'dimension',
  'measure',
] as const;
/** What stays of a field whose kind the extension gives (GeoNature showed it as text). */
const COMMON = new Set([
  'kind',
  'id',
  'key',
  'label',
  'help',
  'aliases',
  'required',
  'visibleIf',
  'readOnly',
]);

/** Pass B: a field's extension over the field imported from GeoNature's keys. */
export function overlayField(field: Mutable, ext: JsonObject | undefined): void {
  if (!ext) return;
  if (typeof ext.kind === 'string') {
    for (const k of Object.keys(field)) if (!COMMON.has(k)) delete field[k];
    field.kind = ext.kind;
  }
  for (const key of FIELD_KEYS) if (ext[key] !== undefined) field[key] = ext[key];
  if (ext.fixed !== undefined) delete field.default;
  if (typeof ext.defaultDataset === 'string') field.default = ext.defaultDataset;
  if (isObject(ext.choiceLabels) && Array.isArray(field.choices)) {
    const labels = ext.choiceLabels;
    field.choices = field.choices.map((c) => {
      const value = typeof c === 'string' ? c : (c as Mutable).value;
      return typeof value === 'string' && labels[value] !== undefined ? { value, label: labels[value] } : c;
    });
  }
  if ('ownVisibleIf' in ext) {
    if (typeof ext.ownVisibleIf === 'string') field.visibleIf = ext.ownVisibleIf;
    else delete field.visibleIf;
  }
}

/** Pass A: a level's identity and field sets. */
export function overlayLevelDraft(draft: LevelDraft, ext: JsonObject | undefined): void {
  if (!ext) return;
  if (typeof ext.key === 'string') draft.key = ext.key;
  if (typeof ext.type === 'string') (draft as { type: string }).type = ext.type;
  if (Array.isArray(ext.fieldSets)) {
    for (const set of ext.fieldSets.filter(isObject)) {
      if (typeof set.id === 'string' && isObject(set.appliesTo)) {
        draft.sets.push(set as unknown as LevelDraft['sets'][number]);
      }
    }
  }
}

export function applyExtensions(
  spec: ProtocolSpec,
  files: ReadonlyMap<string, JsonObject>,
  drafts: readonly LevelDraft[],
): ProtocolSpec {
  const out = { ...spec } as Mutable;
  const module = extensionOf(files.get('module.json'));
  if (module) {
    for (const key of PROTOCOL_KEYS) if (module[key] !== undefined) out[key] = module[key];
    const overrides = isObject(module.vocabularies) ? module.vocabularies : {};
    out.vocabularies = (spec.vocabularies ?? []).map((v) =>
      isObject(overrides[v.code]) ? { ...v, ...(overrides[v.code] as Mutable) } : v,
    );
    if ((out.vocabularies as unknown[]).length === 0) delete out.vocabularies;
  }
  out.levels = spec.levels.map((level, i) => {
    const ext = extensionOf(files.get(drafts[i]?.file ?? ''));
    if (!ext) return level;
    const merged = { ...level } as Mutable;
    for (const key of LEVEL_KEYS) if (ext[key] !== undefined) merged[key] = ext[key];
    return merged;
  });
  return out as unknown as ProtocolSpec;
}
