/**
 * The property test's model of a protocol (evolution.property.test.ts): a few levels of plain fields, as
 * data the edits change (evolution-edits.ts) and a spec is rendered from; the records it holds; what a
 * value becomes when its field changes (cast, bounds, codes), as PostgreSQL has it. Values are kept as
 * `to_jsonb` returns them: numbers for integer and numeric, strings, lists of strings.
 */
import type { Spec } from './mini-spec.ts';

export type Kind = 'integer' | 'decimal' | 'text' | 'choice' | 'vocabulary';
export type Value = number | string | readonly string[] | null;

export interface FieldModel {
  readonly id: string;
  readonly key: string;
  readonly kind: Kind;
  readonly multiple: boolean;
  readonly required: boolean;
  readonly label: string;
  readonly min?: number;
  readonly max?: number;
  readonly maxLength?: number;
  /** A choice field's values; a vocabulary field offers every code of the model's vocabulary. */
  readonly choices?: readonly string[];
}

/**
 * A level, or a repeatable group of a level's fields (`type: 'group'`, `parent` its level's key, `id`
 * the group field's id): a group's rows live in their own table, `<level>__<group>`, like a level's
 * records, so the model treats them alike.
 */
export interface LevelModel {
  readonly id: string;
  readonly key: string;
  readonly type: 'site' | 'visit' | 'observation' | 'group';
  readonly parent?: string;
  readonly fields: readonly FieldModel[];
}

/** The table of a level or a group. */
export const tableOf = (l: LevelModel): string => (l.type === 'group' ? `${l.parent}__${l.key}` : l.key);

/** How the plan's checks name a field: its key, or `<group>.<key>` for a group's row field. */
export const fieldPath = (l: LevelModel, f: FieldModel): string =>
  l.type === 'group' ? `${l.key}.${f.key}` : f.key;

/** The level whose table a check names: the level itself, or a group's level. */
export const checkLevel = (l: LevelModel): string => (l.type === 'group' ? (l.parent ?? '') : l.key);

export interface ProtocolModel {
  readonly code: string;
  readonly version: number;
  /** Codes of the protocol's one vocabulary. */
  readonly codes: readonly string[];
  readonly levels: readonly LevelModel[];
  /** Numbers new ids and keys: never reused, as the validator requires. */
  readonly serial: number;
}

/** A record: its parent's id and its values by field id. */
export interface RecordModel {
  readonly parent?: string;
  /** A group row's position among its record's rows. */
  readonly position?: number;
  readonly values: Readonly<Record<string, Value>>;
}

const label = (text: string) => ({ fr: text, en: text });
export const vocabularyCode = (code: string) => `${code.toUpperCase()}_SKY`;

const OMITTED = {
  site: [
    'base_site_code',
    'base_site_description',
    'id_inventor',
    'first_use_date',
    'altitude_min',
    'altitude_max',
    'medias',
  ],
  visit: ['visit_date_max', 'observers', 'id_dataset', 'comments', 'medias'],
  observation: ['cd_nom', 'comments', 'medias'],
  group: [],
} as const;

export function renderField(model: ProtocolModel, f: FieldModel): Spec {
  const base: Spec = { id: f.id, kind: f.kind, key: f.key, label: label(f.label) };
  if (f.required) base.required = true;
  if (f.multiple) base.multiple = true;
  if (f.min !== undefined) base.min = f.min;
  if (f.max !== undefined) base.max = f.max;
  if (f.maxLength !== undefined) base.maxLength = f.maxLength;
  if (f.kind === 'choice') base.choices = (f.choices ?? []).map((v) => ({ value: v, label: label(v) }));
  if (f.kind === 'vocabulary') base.vocabulary = vocabularyCode(model.code);
  return base;
}

export function renderSpec(model: ProtocolModel): Spec {
  return {
    code: model.code,
    version: model.version,
    label: label(`Évolution ${model.code}`),
    taxonomy: { scope: 'all' },
    vocabularies: [
      {
        id: 'voc.sky',
        code: vocabularyCode(model.code),
        label: label('Ciel'),
        values: model.codes.map((c) => ({ code: c, label: label(c) })),
      },
    ],
    levels: model.levels
      .filter((l) => l.type !== 'group')
      .map((l) => ({
        id: l.id,
        key: l.key,
        type: l.type,
        ...(l.parent ? { parents: [l.parent] } : {}),
        label: label(l.key),
        plural: label(`${l.key}s`),
        ...(l.type === 'site' ? { geometry: { kind: 'point', required: false } } : {}),
        omitStandardFields: [...OMITTED[l.type]],
        fields: [
          ...l.fields.map((f) => renderField(model, f)),
          ...model.levels
            .filter((g) => g.type === 'group' && g.parent === l.key)
            .map((g) => ({
              id: g.id,
              kind: 'group',
              key: g.key,
              label: label(g.key),
              fields: g.fields.map((f) => renderField(model, f)),
            })),
        ],
      })),
  };
}

export function initialModel(code: string): ProtocolModel {
  const field = (id: string, kind: Kind, extra: Partial<FieldModel> = {}): FieldModel => ({
    id,
    key: id.replaceAll('.', '_'),
    kind,
    multiple: false,
    required: false,
    label: id,
    ...extra,
  });
  return {
    code,
    version: 1,
    codes: ['SUN', 'RAIN', 'SNOW', 'FOG'],
    serial: 0,
    levels: [
      {
        id: 'level.site',
        key: 'site',
        type: 'site',
        fields: [
          field('site.altitude', 'integer', { min: 0, max: 400 }),
          field('site.note', 'text', { maxLength: 12 }),
          field('site.habitat', 'choice', { choices: ['forest', 'meadow', 'wetland'] }),
        ],
      },
      {
        id: 'level.visit',
        key: 'visit',
        type: 'visit',
        parent: 'site',
        fields: [
          field('visit.sky', 'vocabulary', { required: true }),
          field('visit.count', 'text'),
          field('visit.temp', 'decimal', { min: -20, max: 40 }),
          field('visit.skies', 'vocabulary', { multiple: true }),
        ],
      },
      {
        id: 'level.obs',
        key: 'obs',
        type: 'observation',
        parent: 'visit',
        fields: [field('obs.size', 'integer', { required: true, min: 1, max: 90 })],
      },
      {
        id: 'visit.strata',
        key: 'strata',
        type: 'group',
        parent: 'visit',
        fields: [
          field('visit.strata.cover', 'integer', { min: 0, max: 100 }),
          field('visit.strata.layer', 'choice', { choices: ['herb', 'shrub', 'tree'] }),
        ],
      },
    ],
  };
}

export const offered = (model: ProtocolModel, f: FieldModel): readonly string[] =>
  f.kind === 'vocabulary' ? model.codes : (f.choices ?? []);

/** Whether `v` is a value the field accepts (NULL only when not required). */
export function isValid(model: ProtocolModel, f: FieldModel, v: Value): boolean {
  if (v === null) return !f.required;
  switch (f.kind) {
    case 'integer':
    case 'decimal':
      return (
        typeof v === 'number' &&
        (f.kind === 'decimal' || Number.isInteger(v)) &&
        (f.min === undefined || v >= f.min) &&
        (f.max === undefined || v <= f.max)
      );
    case 'text':
      return typeof v === 'string' && (f.maxLength === undefined || [...v].length <= f.maxLength);
    case 'choice':
    case 'vocabulary': {
      const codes = offered(model, f);
      if (f.multiple) return Array.isArray(v) && v.length > 0 && v.every((c) => codes.includes(c));
      return typeof v === 'string' && codes.includes(v);
    }
  }
}

const INTEGER_TEXT = /^[+-]?[0-9]{1,12}$/;
const NUMERIC_TEXT = /^[+-]?([0-9]+([.][0-9]*)?|[.][0-9]+)([eE][+-]?[0-9]{1,3})?$/;
const inIntRange = (n: number) => n >= -2147483648 && n <= 2147483647;
/** PostgreSQL's btrim: spaces only. */
const btrim = (s: string) => s.replace(/^ +| +$/g, '');

/**
 * What the upgrade's `USING` cast makes of an old value, or `failing` when the cast's check counts it.
 * The stored representation (column type) follows kind and multiple.
 */
export function castValue(from: FieldModel, to: FieldModel, v: Value): Value | 'failing' {
  if (v === null) return null;
  const fromList = from.multiple;
  const toList = to.multiple;
  if (fromList && !toList) {
    const list = v as readonly string[];
    if (list.length > 1) return 'failing';
    return list[0] ?? null;
  }
  if (!fromList && toList) return [String(v)];
  if (from.kind === to.kind || (isTextual(from.kind) && isTextual(to.kind))) return v;
  if (to.kind === 'text') return String(v);
  if (from.kind === 'integer' && to.kind === 'decimal') return v;
  if (from.kind === 'decimal' && to.kind === 'integer') {
    const n = v as number;
    return Number.isInteger(n) && inIntRange(n) ? n : 'failing';
  }
  if (from.kind === 'text' && to.kind === 'integer') {
    const s = btrim(v as string);
    return INTEGER_TEXT.test(s) && inIntRange(Number(s)) ? Number(s) : 'failing';
  }
  if (from.kind === 'text' && to.kind === 'decimal') {
    const s = btrim(v as string);
    return NUMERIC_TEXT.test(s) ? Number(s) : 'failing';
  }
  throw new Error(`the model has no cast from ${from.kind} to ${to.kind}`);
}

/** choice and vocabulary are stored as text (a list when multiple): no cast between them. */
const isTextual = (k: Kind) => k === 'text' || k === 'choice' || k === 'vocabulary';

/** A tiny seeded generator (mulberry32): the values of a run follow from its seed. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const pick = <T>(random: () => number, items: readonly T[]): T => {
  const item = items[Math.floor(random() * items.length)];
  if (item === undefined) throw new Error('pick from an empty list');
  return item;
};

const TEXTS = ['a', '7', '42', ' 12 ', 'alpha', 'x y', 'Été', '3.5', 'beta gamma', '-8', 'wetland'];

/** A value the field accepts, or null sometimes when it is optional. */
export function validValue(model: ProtocolModel, f: FieldModel, random: () => number, nulls = true): Value {
  if (nulls && !f.required && random() < 0.2) return null;
  switch (f.kind) {
    case 'integer':
    case 'decimal': {
      const low = f.min ?? -50;
      const high = Math.max(low, f.max ?? 500);
      const step = f.kind === 'decimal' ? 0.5 : 1;
      const span = Math.floor((high - low) / step);
      return low + Math.floor(random() * (span + 1)) * step;
    }
    case 'text': {
      const fits = TEXTS.filter((t) => f.maxLength === undefined || [...t].length <= f.maxLength);
      return fits.length > 0 ? pick(random, fits) : 'z';
    }
    case 'choice':
    case 'vocabulary': {
      const codes = offered(model, f);
      if (!f.multiple) return pick(random, codes);
      const chosen = codes.filter(() => random() < 0.4);
      return chosen.length > 0 ? chosen : [pick(random, codes)];
    }
  }
}

export const levelOf = (model: ProtocolModel, key: string): LevelModel => {
  const level = model.levels.find((l) => l.key === key);
  if (!level) throw new Error(`no level ${key}`);
  return level;
};
