/**
 * A field's value in its two forms: as the API carries it (observers as `{ user_id } | { name }`
 * objects, media as file descriptions, group rows as objects) and as rules read it (observers as their
 * user id or name, media as file names, lists as lists). One exhaustive table by kind.
 */
import type { FieldKind, ResolvedDefault, ResolvedField, RuleValue } from '../../../protocol-specs/index.ts';

type Record_ = Readonly<Record<string, unknown>>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const isObject = (v: unknown): v is Record_ => typeof v === 'object' && v !== null && !Array.isArray(v);
const ownText = (o: Record_, key: string): string | undefined => {
  const v = Object.hasOwn(o, key) ? o[key] : undefined;
  return typeof v === 'string' && v !== '' ? v : undefined;
};

/** An observer as rules read it: the user's id, else the free name. */
const observerText = (v: unknown) =>
  isObject(v) ? (ownText(v, 'user_id') ?? ownText(v, 'name') ?? null) : null;

/** A rule's text as an observer: a UUID names a user, anything else is a free name. */
const observerOf = (v: RuleValue): Record_ | null =>
  typeof v === 'string' ? (UUID.test(v) ? { user_id: v.toLowerCase() } : { name: v }) : null;

interface KindValues {
  /** What rules read of the API value. */
  readonly ruleView: (value: unknown, multiple: boolean) => unknown;
  /** A rule's result (default or computed) as the API value. */
  readonly fromRule: (value: RuleValue, multiple: boolean) => unknown;
}

const asIs: KindValues = {
  ruleView: (v) => v,
  fromRule: (v, multiple) => (multiple && v !== null && !Array.isArray(v) ? [v] : v),
};

const KIND_VALUES = {
  text: asIs,
  long_text: asIs,
  integer: asIs,
  decimal: asIs,
  boolean: asIs,
  date: asIs,
  time: asIs,
  datetime: asIs,
  choice: asIs,
  vocabulary: asIs,
  taxon: asIs,
  observers: {
    ruleView: (v, multiple) => (multiple ? (Array.isArray(v) ? v.map(observerText) : null) : observerText(v)),
    fromRule: (v, multiple) => {
      const list = (Array.isArray(v) ? v : v === null ? [] : [v]).map(observerOf).filter((o) => o !== null);
      if (list.length === 0) return null;
      return multiple ? list : list[0];
    },
  },
  dataset: asIs,
  habitat: asIs,
  reference: asIs,
  media: {
    ruleView: (v) =>
      Array.isArray(v) ? v.map((m) => (isObject(m) ? (ownText(m, 'file_name') ?? null) : null)) : null,
    fromRule: () => null,
  },
  geometry: { ruleView: (v) => v, fromRule: () => null },
  group: { ruleView: (v) => v, fromRule: () => null },
  section: { ruleView: () => undefined, fromRule: () => null },
} as const satisfies Record<FieldKind, KindValues>;

const multipleOf = (field: ResolvedField): boolean => 'multiple' in field && field.multiple;

export const ruleViewOf = (field: ResolvedField, value: unknown): unknown =>
  KIND_VALUES[field.kind].ruleView(value, multipleOf(field));

export const fromRuleValue = (field: ResolvedField, value: RuleValue): unknown =>
  KIND_VALUES[field.kind].fromRule(value, multipleOf(field));

/** What rules see of a record (or a group row): a plain object of rule values by key. */
export function ruleView(fields: readonly ResolvedField[], values: Record_): Record<string, unknown> {
  const view: Record<string, unknown> = {};
  for (const field of fields) {
    if (field.kind === 'section') continue;
    view[field.key] = ruleViewOf(field, Object.hasOwn(values, field.key) ? values[field.key] : null);
  }
  return view;
}

/** A literal or code default as the API value; rule defaults are evaluated by the caller. */
export function literalDefault(field: ResolvedField, d: Exclude<ResolvedDefault, { kind: 'rule' }>): unknown {
  if (d.kind === 'codes') return multipleOf(field) ? [...d.codes] : (d.codes[0] ?? null);
  return Array.isArray(d.value) ? [...d.value] : d.value;
}

/** Empty is null: '' and [] become null, in group rows too; other values are kept as sent. */
export function emptyAsNull(value: unknown): unknown {
  if (value === '' || value === undefined) return null;
  if (Array.isArray(value)) return value.length === 0 ? null : value.map(emptyRow);
  return value;
}

const emptyRow = (item: unknown): unknown => {
  if (!isObject(item)) return item;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(item)) {
    const e = emptyAsNull(v);
    if (e !== null) setOwn(out, k, e);
  }
  return out;
};

/** An own, enumerable property, even for a key such as `__proto__` (a plain assignment would set the prototype). */
export function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}
