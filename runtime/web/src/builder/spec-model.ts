/**
 * What the editor's buttons do to a spec, as pure functions: add, remove and move levels and fields,
 * give a new field its permanent id and a key derived from its label. The spec stays plain JSON (the JSON
 * view is the source of truth); these functions never mutate their input.
 */
import type { Json } from '../api.ts';
import { FIELD_KINDS, type FieldKind, LEVEL_TYPE_LABELS, type LevelType } from './field-kinds.ts';
import { slugify, unique } from './slug.ts';
import { getIn, insertAt, moveAt, type Path, removeAt, setIn } from './spec-paths.ts';

export type Spec = Json;

export const levelsOf = (spec: Spec): Json[] =>
  Array.isArray(spec.levels) ? (spec.levels as unknown[]).filter((l): l is Json => isObject(l)) : [];

export const fieldsAt = (spec: Spec, listPath: Path): Json[] => {
  const list = getIn(spec, listPath);
  return Array.isArray(list) ? list.filter(isObject) : [];
};

export const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Keys a generated table already has, reserved words and scope names: a derived key steers clear. */
const AVOID = new Set([
  'id',
  'geom',
  'geometry',
  'parent_id',
  'organisation_id',
  'created_at',
  'created_by',
  'updated_at',
  'updated_by',
  'row_version',
  'spec_version',
  'order',
  'group',
  'user',
  'table',
  'end',
  'default',
  'check',
  'desc',
  'select',
  'from',
  'where',
  'value',
  'parent',
  'row',
  'choice',
  'date',
  'time',
]);

function fieldIds(node: unknown, into = new Set<string>()): Set<string> {
  if (Array.isArray(node)) for (const item of node) fieldIds(item, into);
  else if (isObject(node)) {
    if (typeof node.id === 'string' && typeof node.kind === 'string') into.add(node.id);
    for (const value of Object.values(node)) if (typeof value === 'object') fieldIds(value, into);
  }
  return into;
}

const keysOf = (items: readonly Json[]) =>
  new Set(items.map((f) => f.key).filter((k): k is string => typeof k === 'string'));

/** A key derived from a label, unique among `taken` and clear of reserved names. */
export function keyFor(label: string, taken: ReadonlySet<string>, fallback = 'field'): string {
  const slug = slugify(label, fallback);
  return unique(AVOID.has(slug) ? `${slug}_value` : slug, taken);
}

export function addLevel(spec: Spec, type: LevelType): { spec: Spec; index: number } {
  const levels = levelsOf(spec);
  const key = keyFor(type === 'observation_detail' ? 'detail' : type, keysOf(levels), 'level');
  const ids = new Set(levels.map((l) => String(l.id)));
  const last = levels[levels.length - 1];
  const level: Json = {
    id: unique(`level.${key}`, ids, '_'),
    key,
    type,
    label: { ...LEVEL_TYPE_LABELS[type] },
    ...(last && typeof last.key === 'string' ? { parents: [last.key] } : {}),
    fields: [],
  };
  return { spec: insertAt(spec, ['levels'], levels.length, level), index: levels.length };
}

/** Removes a level and every mention of its key as a parent (its children become roots or keep others). */
export function removeLevel(spec: Spec, index: number): Spec {
  const key = levelsOf(spec)[index]?.key;
  const without = removeAt(spec, ['levels'], index);
  return {
    ...without,
    levels: levelsOf(without).map((l) =>
      Array.isArray(l.parents) && l.parents.includes(key)
        ? withOptional(
            l,
            'parents',
            l.parents.filter((p) => p !== key),
          )
        : l,
    ),
  };
}

export const moveLevel = (spec: Spec, index: number, delta: number): Spec =>
  moveAt(spec, ['levels'], index, delta);

const withOptional = (o: Json, key: string, list: unknown[]): Json => {
  const { [key]: _dropped, ...rest } = o;
  return list.length > 0 ? { ...rest, [key]: list } : rest;
};

/** The properties a new field of each kind needs to be valid at once. */
function kindDefaults(kind: FieldKind, spec: Spec): Json {
  switch (kind) {
    case 'choice':
      return { choices: [{ value: 'a', label: { fr: 'A', en: 'A' } }] };
    case 'vocabulary':
      return { vocabulary: 'STADE_VIE' };
    case 'geometry':
      return { geometry: 'point' };
    case 'reference':
      return { level: String(levelsOf(spec)[0]?.key ?? '') };
    case 'group':
      return { fields: [] };
    default:
      return {};
  }
}

/**
 * A new field at the end of the list at `listPath` (a level's fields or a group's rows): its id is
 * `<level key>.<key>` (unique in the protocol, never changed again), its key derived from the label.
 */
export function addField(
  spec: Spec,
  listPath: Path,
  kind: FieldKind,
  label: { fr: string; en?: string },
): { spec: Spec; index: number } {
  const siblings = fieldsAt(spec, listPath);
  const levelKey = String(getIn(spec, listPath.slice(0, 2).concat('key')) ?? 'level');
  const key = keyFor(label.fr, keysOf(siblings));
  const id = unique(`${levelKey}.${key}`, fieldIds(spec), '_');
  const field: Json = { kind, id, key, label: { ...label }, ...kindDefaults(kind, spec) };
  return { spec: insertAt(spec, listPath, siblings.length, field), index: siblings.length };
}

/**
 * A label edit. The key follows the label while `followKey` (a field not yet published whose key was
 * never edited by hand); after publishing, a key change is a rename the designer makes on purpose.
 */
export function setFieldLabel(spec: Spec, fieldPath: Path, label: Json, followKey: boolean): Spec {
  const withLabel = setIn(spec, [...fieldPath, 'label'], label);
  if (!followKey) return withLabel;
  const siblings = fieldsAt(spec, fieldPath.slice(0, -1)).filter((_, i) => i !== fieldPath.at(-1));
  const text = String(label.fr ?? '') || String(label.en ?? '');
  return text ? setIn(withLabel, [...fieldPath, 'key'], keyFor(text, keysOf(siblings))) : withLabel;
}

export const isFieldKind = (kind: unknown): kind is FieldKind =>
  typeof kind === 'string' && (FIELD_KINDS as readonly string[]).includes(kind);

/** Every field id of the spec (levels, groups, field sets): the ids that were published stay fixed. */
export const allFieldIds = (spec: Spec): ReadonlySet<string> => fieldIds(spec.levels);
