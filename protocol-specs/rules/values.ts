/**
 * Run-time values of the rule language and the primitive semantics shared by the evaluator and the
 * function table. to-sql.ts mirrors every function here; the PostgreSQL agreement test holds them equal.
 *
 * One invariant makes everything simpler: empty is null. `undefined`, `''` and `[]` never appear in a
 * RuleValue; they are read (and computed) as null.
 */

export type RuleValue = string | number | boolean | null | readonly RuleValue[];

export interface RuleContext {
  /** The records rules can read, keyed by scope: `value`, `parent`, level keys, `choice`. */
  readonly records: Readonly<Record<string, Readonly<Record<string, unknown>> | undefined>>;
  /** ISO date (YYYY-MM-DD) for today(). */
  readonly today: string;
  /** ISO datetime for now(). */
  readonly now: string;
  readonly userId?: string | null;
}

/** Keys that reach JavaScript machinery rather than data: never read, whatever the record holds. */
const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

export const isForbiddenKey = (key: string): boolean => FORBIDDEN_KEYS.has(key);

/** A number as the language knows it: finite, with -0 read as 0, else null (NaN, ±Infinity). */
export const finiteOrNull = (n: number): number | null => (Number.isFinite(n) ? n + 0 : null);

/** Converts anything (a record property, a context value) to a RuleValue; unknown things become null. */
export function toRuleValue(raw: unknown): RuleValue {
  if (typeof raw === 'string') return raw === '' ? null : raw;
  if (typeof raw === 'number') return finiteOrNull(raw);
  if (typeof raw === 'boolean') return raw;
  if (Array.isArray(raw)) {
    const items: RuleValue[] = [];
    // Index reads of own data slots only: no iterator protocol, no getters of a hostile array.
    for (let i = 0; i < raw.length && i < 10_000; i++) {
      const d = Object.getOwnPropertyDescriptor(raw, i);
      const item = d && 'value' in d ? toRuleValue(d.value) : null;
      // Lists hold scalars: a nested list is not a value of any field type.
      items.push(Array.isArray(item) ? null : item);
    }
    return items.length === 0 ? null : items;
  }
  return null;
}

/** null, false, 0 and the empty list are false; everything else (including '0' and [null]) is true. */
export function isTruthy(v: RuleValue): boolean {
  if (v === null || v === false || v === 0 || v === '') return false;
  return !(Array.isArray(v) && v.length === 0);
}

/** Typed equality: no coercion between kinds; null equals only null; lists equal item by item. */
export function valuesEqual(a: RuleValue, b: RuleValue): boolean {
  if (a === null || b === null) return a === b;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    const bs: readonly RuleValue[] = b;
    return a.every((item: RuleValue, i) => valuesEqual(item, bs[i] ?? null));
  }
  return a === b;
}

/**
 * Text order is Unicode code point order, which is PostgreSQL's `COLLATE "C"` on UTF-8 (byte order),
 * not JavaScript's UTF-16 order (they differ above U+FFFF).
 */
export function compareText(a: string, b: string): number {
  const as = [...a];
  const bs = [...b];
  const n = Math.min(as.length, bs.length);
  for (let i = 0; i < n; i++) {
    const d = as[i]!.codePointAt(0)! - bs[i]!.codePointAt(0)!;
    if (d !== 0) return d;
  }
  return as.length - bs.length;
}

/** Order of two numbers or two texts (dates are ISO texts); undefined when they cannot be ordered. */
export function compareValues(a: RuleValue, b: RuleValue): number | undefined {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'string' && typeof b === 'string') return compareText(a, b);
  return undefined;
}

/** The text of a value inside concat() or text `+`: null (and a list) count as '', numbers as JavaScript prints them. */
export function textOf(v: RuleValue): string {
  if (v === null || Array.isArray(v)) return '';
  return String(v);
}

/** Number of characters (code points, as PostgreSQL's char_length) or of list items; 0 for null. */
export function lengthOf(v: RuleValue): number | null {
  if (v === null) return 0;
  if (typeof v === 'string') return [...v].length;
  if (Array.isArray(v)) return v.length;
  return null;
}

const CANONICAL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * A date as the evaluator sees dates (YYYY-MM-DD, a real day, year 1 or later). PostgreSQL reads such a
 * literal the same whatever its DateStyle, and orders these texts as it orders the dates.
 */
export function isCanonicalDate(text: string): boolean {
  const m = CANONICAL_DATE.exec(text);
  if (!m || Number(m[1]) < 1) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}
