/**
 * The rule language's type model, used by the checker only: evaluation is dynamic and never needs it.
 * Dates, times, datetimes and uuids are text at run time (ISO strings), so they are "text-like": a
 * text literal may be compared with them.
 */

export type BaseType =
  | 'text'
  | 'number'
  | 'boolean'
  | 'date'
  | 'time'
  | 'datetime'
  | 'uuid'
  | 'geometry'
  | 'null'
  | 'any';

export interface RuleType {
  readonly base: BaseType;
  /** A multi-valued field or a list literal; `base` is then the type of one item. */
  readonly list: boolean;
  readonly integer?: boolean;
  /** The values a choice or vocabulary field may hold: a comparison with any other literal never matches. */
  readonly codes?: readonly string[];
}

/** Scope name (`value`, `parent`, a level key, `choice`) → field key → type. Filled by the caller. */
export interface RuleEnvironment {
  readonly scopes: Readonly<Record<string, Readonly<Record<string, RuleType>>>>;
}

export const scalar = (base: BaseType, extra: { integer?: boolean } = {}): RuleType =>
  extra.integer ? { base, list: false, integer: true } : { base, list: false };

export const ANY: RuleType = scalar('any');
export const NULL_TYPE: RuleType = scalar('null');
export const BOOLEAN: RuleType = scalar('boolean');
export const NUMBER: RuleType = scalar('number');
export const INTEGER: RuleType = scalar('number', { integer: true });
export const TEXT: RuleType = scalar('text');

const TEXT_LIKE: ReadonlySet<BaseType> = new Set(['text', 'date', 'time', 'datetime', 'uuid']);

export const isTextLike = (t: RuleType): boolean => !t.list && TEXT_LIKE.has(t.base);

/** `any` and `null` fit everywhere: the first is unknown, the second is the empty value of every type. */
export const isLoose = (t: RuleType): boolean => !t.list && (t.base === 'any' || t.base === 'null');

export function describeType(t: RuleType): string {
  return t.list ? `list of ${t.base}` : t.base;
}

/**
 * Whether two values of these types can ever be equal (or ordered against each other): same shape and
 * same base, or two text-like bases (all strings at run time), or either side unknown or null.
 */
export function comparable(a: RuleType, b: RuleType): boolean {
  if (isLoose(a) || isLoose(b) || a.base === 'any' || b.base === 'any') return true;
  if (a.list !== b.list) return false;
  if (a.base === b.base) return true;
  return TEXT_LIKE.has(a.base) && TEXT_LIKE.has(b.base);
}

/** The type of a value that is either an `a` or a `b` (`??`, `?:`, coalesce); undefined when they cannot mix. */
export function unify(a: RuleType, b: RuleType): RuleType | undefined {
  if (a.base === 'null' && !a.list) return b;
  if (b.base === 'null' && !b.list) return a;
  if (a.base === 'any' || b.base === 'any') return a.list === b.list ? { base: 'any', list: a.list } : ANY;
  if (a.list !== b.list) return undefined;
  if (a.base === b.base) {
    const integer = a.integer === true && b.integer === true;
    const codes = a.codes && b.codes ? [...new Set([...a.codes, ...b.codes])] : undefined;
    return { base: a.base, list: a.list, ...(integer ? { integer } : {}), ...(codes ? { codes } : {}) };
  }
  if (TEXT_LIKE.has(a.base) && TEXT_LIKE.has(b.base)) return { base: 'text', list: a.list };
  return undefined;
}

/**
 * Whether a rule yielding `actual` may fill a slot expecting `expected`. Boolean slots take anything
 * (truthiness, as JavaScript rules rely on `!value.x`); text slots take text-like values; date, time,
 * datetime and uuid slots also take text (an ISO literal).
 */
export function assignable(actual: RuleType, expected: BaseType): boolean {
  if (expected === 'boolean' || expected === 'any' || isLoose(actual) || actual.base === 'any') return true;
  // List-ness is not checked: a slot names a base type only, and a multi-valued field's default is a list.
  if (actual.base === expected) return true;
  return (
    TEXT_LIKE.has(expected) && (actual.base === 'text' || expected === 'text') && TEXT_LIKE.has(actual.base)
  );
}
