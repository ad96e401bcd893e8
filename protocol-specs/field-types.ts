/**
 * How each field kind looks to the rule language. One exhaustive table, so a new kind fails to compile
 * until it says what rules see of it.
 */

import type { FieldKind } from './resolved.ts';
import type { RuleType } from './rules/types.ts';

interface KindTyping {
  /** The rule type of one value; `undefined` when the kind stores nothing rules can read (a section). */
  readonly base: RuleType['base'] | undefined;
  readonly integer?: boolean;
  /** Always a list, whatever `multiple` says. */
  readonly alwaysList?: boolean;
  /** Its values are codes a comparison literal can be checked against. */
  readonly coded?: boolean;
}

export const FIELD_KIND_TYPING = {
  text: { base: 'text' },
  long_text: { base: 'text' },
  integer: { base: 'number', integer: true },
  decimal: { base: 'number' },
  boolean: { base: 'boolean' },
  date: { base: 'date' },
  time: { base: 'time' },
  datetime: { base: 'datetime' },
  choice: { base: 'text', coded: true },
  vocabulary: { base: 'text', coded: true },
  taxon: { base: 'number', integer: true },
  observers: { base: 'text' },
  dataset: { base: 'uuid' },
  habitat: { base: 'text' },
  reference: { base: 'uuid' },
  media: { base: 'any', alwaysList: true },
  geometry: { base: 'geometry' },
  group: { base: 'any', alwaysList: true },
  section: { base: undefined },
} as const satisfies Record<FieldKind, KindTyping>;

/** Kinds whose `multiple` defaults to true when the spec does not say. */
const MULTIPLE_BY_DEFAULT: ReadonlySet<FieldKind> = new Set(['observers']);

export function isMultiple(kind: FieldKind, multiple: unknown): boolean {
  return typeof multiple === 'boolean' ? multiple : MULTIPLE_BY_DEFAULT.has(kind);
}

export function ruleTypeOf(
  kind: FieldKind,
  multiple: boolean,
  codes?: readonly string[],
): RuleType | undefined {
  const typing: KindTyping = FIELD_KIND_TYPING[kind];
  if (typing.base === undefined) return undefined;
  return {
    base: typing.base,
    list: typing.alwaysList === true || multiple,
    ...(typing.integer ? { integer: true } : {}),
    ...(typing.coded && codes ? { codes } : {}),
  };
}

export const isFieldKind = (kind: unknown): kind is FieldKind =>
  typeof kind === 'string' && Object.hasOwn(FIELD_KIND_TYPING, kind);
