/**
 * Typed SQL fragments for the rule compiler and the function table. Each fragment carries the
 * PostgreSQL type it has, so operators pick the translation that matches evaluate.ts exactly:
 *   - numbers are compared and computed as float8 (IEEE doubles, as in JavaScript); `int` marks an
 *     exact integer (integer column, safe-integer literal, year(), length()) where integer-only
 *     operations (`%`, printing in concat) are safe;
 *   - every fragment yields NULL for an empty value, never '' or '{}' (the "empty is null" invariant);
 *   - boolean helpers (`truth`, `equal`, `order`) never yield NULL.
 * A rule whose translation could disagree with the evaluator is refused (SqlUnsupported), never approximated.
 */
import type { RuleLiteral } from './ast.ts';
import { isCanonicalDate } from './values.ts';

export type SqlBase = 'text' | 'int' | 'float' | 'boolean' | 'date' | 'time' | 'datetime' | 'null';

export interface SqlExpr {
  readonly sql: string;
  readonly base: SqlBase;
  readonly list: boolean;
  /** Set when the fragment is a rule literal: a text literal that is an ISO date may then be read as a date. */
  readonly literal?: RuleLiteral;
  /** Set on a list literal: membership is then tested item by item, with the exact typing of `equal`. */
  readonly items?: readonly SqlExpr[];
  /** A boolean that is never NULL (a comparison, a test): truthiness needs no COALESCE around it. */
  readonly notNull?: boolean;
}

/** A boolean built by the helpers below, which never yield NULL. */
export const test = (sql: string): SqlExpr => ({ sql, base: 'boolean', list: false, notNull: true });

/** Thrown inside the compiler when a rule cannot be translated faithfully; caught at its boundary. */
export class SqlUnsupported extends Error {}

export function unsupported(reason: string): never {
  throw new SqlUnsupported(reason);
}

/**
 * The one way spec values enter SQL text. Text is quoted with doubled quotes; a backslash switches to an
 * E'' literal with doubled backslashes, so the result is the same whatever standard_conforming_strings says.
 * Throws RangeError for a NUL character (PostgreSQL text cannot hold it) or a non-finite number.
 */
export function sqlLiteral(value: string | number | boolean | null): string {
  if (value === null) return 'NULL';
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new RangeError(`cannot write ${value} in SQL`);
    // String() gives the shortest text that reads back as the same double; PostgreSQL parses 1e+21 too.
    return String(value + 0);
  }
  if (value.includes('\0')) throw new RangeError('text with a NUL character cannot be written in SQL');
  const quoted = `'${value.replaceAll("'", "''")}'`;
  return value.includes('\\') ? `E${quoted.replaceAll('\\', '\\\\')}` : quoted;
}

/** Text (or a text array) under the "C" collation: byte order, which is code point order (values.ts compareText). */
export const c = (sql: string): string => `(${sql}) COLLATE "C"`;

export const NULL_SQL: SqlExpr = { sql: 'NULL', base: 'null', list: false };

export function literalSql(value: RuleLiteral): SqlExpr {
  if (value === null || value === '') return NULL_SQL;
  if (typeof value === 'boolean')
    return { sql: sqlLiteral(value), base: 'boolean', list: false, literal: value };
  if (typeof value === 'number') {
    const text = sqlLiteral(value);
    const wrapped = value < 0 ? `(${text})` : text;
    return Number.isSafeInteger(value)
      ? { sql: wrapped, base: 'int', list: false, literal: value }
      : { sql: `${wrapped}::float8`, base: 'float', list: false, literal: value };
  }
  if (value.includes('\0')) unsupported('a text literal holds a NUL character');
  return { sql: `${sqlLiteral(value)}::text`, base: 'text', list: false, literal: value };
}

const TYPE_NAMES: Readonly<Record<Exclude<SqlBase, 'null'>, string>> = {
  text: 'text',
  int: 'bigint',
  float: 'float8',
  boolean: 'boolean',
  date: 'date',
  time: 'time',
  datetime: 'timestamptz',
};

/** Typed NULL, so CASE and COALESCE never meet an unknown-typed NULL. */
export const typedNull = (base: SqlBase, list: boolean): string =>
  base === 'null' ? 'NULL' : `NULL::${TYPE_NAMES[base]}${list ? '[]' : ''}`;

export const isNumeric = (e: SqlExpr): boolean => !e.list && (e.base === 'int' || e.base === 'float');

/** The run-time JavaScript kind of a base: values of different kinds are never equal. */
const kindOf = (e: SqlExpr): string =>
  e.list
    ? 'list'
    : e.base === 'int' || e.base === 'float'
      ? 'number'
      : e.base === 'boolean'
        ? 'boolean'
        : 'string';

export function asFloat(e: SqlExpr): string {
  if (e.base === 'null') return 'NULL::float8';
  return e.base === 'int' ? `(${e.sql})::float8` : e.sql;
}

export const isNull = (e: SqlExpr): string => (e.base === 'null' ? 'TRUE' : `(${e.sql} IS NULL)`);

/** Truthiness (values.ts isTruthy), never NULL. Lists and texts are never empty here, so non-null is true. */
export function truth(e: SqlExpr): string {
  if (e.base === 'null') return 'FALSE';
  if (!e.list && e.base === 'boolean') return e.notNull ? e.sql : `COALESCE(${e.sql}, FALSE)`;
  if (isNumeric(e)) return `COALESCE(${e.sql} <> 0, FALSE)`;
  return `(${e.sql} IS NOT NULL)`;
}

/** A date fragment and a text literal holding a canonical ISO date are compared as dates; else undefined. */
function asDatePair(a: SqlExpr, b: SqlExpr): [string, string] | undefined {
  const dateLiteral = (e: SqlExpr) =>
    typeof e.literal === 'string' && isCanonicalDate(e.literal) ? `DATE ${sqlLiteral(e.literal)}` : undefined;
  if (a.base === 'date' && b.base === 'date') return [a.sql, b.sql];
  if (a.base === 'date' && !a.list && !b.list) {
    const lit = dateLiteral(b);
    if (lit) return [a.sql, lit];
  }
  if (b.base === 'date' && !a.list && !b.list) {
    const lit = dateLiteral(a);
    if (lit) return [lit, b.sql];
  }
  return undefined;
}

/** valuesEqual, never NULL. */
export function equal(a: SqlExpr, b: SqlExpr): string {
  if (a.base === 'null') return isNull(b);
  if (b.base === 'null') return isNull(a);
  if (kindOf(a) !== kindOf(b)) return `(${a.sql} IS NULL AND ${b.sql} IS NULL)`;
  if (a.list) return unsupported('comparing two lists');
  if (isNumeric(a)) {
    const [l, r] = a.base === 'int' && b.base === 'int' ? [a.sql, b.sql] : [asFloat(a), asFloat(b)];
    return `(${l} IS NOT DISTINCT FROM ${r})`;
  }
  // "C" makes text equality byte equality even on a column with a case-insensitive collation, and
  // settles the collation when two columns disagree on theirs.
  if (a.base === 'text' && b.base === 'text') return `(${c(a.sql)} IS NOT DISTINCT FROM ${c(b.sql)})`;
  if (a.base === b.base && (a.base === 'boolean' || a.base === 'date')) {
    return `(${a.sql} IS NOT DISTINCT FROM ${b.sql})`;
  }
  const dates = asDatePair(a, b);
  if (dates) return `(${dates[0]} IS NOT DISTINCT FROM ${dates[1]})`;
  // A date never equals a text literal that is not a canonical date (the date's text always is one).
  if (
    (a.base === 'date' && typeof b.literal === 'string') ||
    (b.base === 'date' && typeof a.literal === 'string')
  ) {
    return 'FALSE';
  }
  return unsupported(`comparing ${describe(a)} with ${describe(b)}`);
}

export type OrderOperator = '<' | '<=' | '>' | '>=';

/** compareValues-based ordering, never NULL: false with a null operand or values of different kinds. */
export function order(op: OrderOperator, a: SqlExpr, b: SqlExpr): string {
  if (a.base === 'null' || b.base === 'null' || a.list || b.list) return 'FALSE';
  if (kindOf(a) !== kindOf(b) || kindOf(a) === 'boolean') return 'FALSE';
  if (isNumeric(a)) {
    const [l, r] = a.base === 'int' && b.base === 'int' ? [a.sql, b.sql] : [asFloat(a), asFloat(b)];
    return `COALESCE(${l} ${op} ${r}, FALSE)`;
  }
  // "C" compares UTF-8 bytes, which is code point order: values.ts compareText.
  if (a.base === 'text' && b.base === 'text') return `COALESCE(${c(a.sql)} ${op} ${c(b.sql)}, FALSE)`;
  const dates = asDatePair(a, b);
  if (dates) return `COALESCE(${dates[0]} ${op} ${dates[1]}, FALSE)`;
  return unsupported(`ordering ${describe(a)} against ${describe(b)}`);
}

export const describe = (e: SqlExpr): string =>
  `${e.list ? 'a list of ' : 'a '}${e.base === 'int' || e.base === 'float' ? 'number' : e.base}${e.list ? '' : ' value'}`;

/**
 * One SQL type for values that may come from any of `exprs` (coalesce, `??`, `?:`, min, max); each
 * fragment cast to it. Numbers mix (as float8 unless all exact); a date mixes with canonical date literals.
 */
export function unifySql(exprs: readonly SqlExpr[]): { base: SqlBase; list: boolean; sqls: string[] } {
  const typed = exprs.filter((e) => e.base !== 'null');
  const first = typed[0];
  if (!first) return { base: 'null', list: false, sqls: exprs.map((e) => e.sql) };
  const list = first.list;
  if (typed.some((e) => e.list !== list)) return unsupported('mixing lists and single values');
  let base: SqlBase;
  if (typed.every((e) => e.base === 'int' || e.base === 'float')) {
    base = typed.every((e) => e.base === 'int') ? 'int' : 'float';
  } else if (typed.every((e) => e.base === first.base)) {
    base = first.base;
  } else if (
    !list &&
    typed.some((e) => e.base === 'date') &&
    typed.every((e) => e.base === 'date' || isDateLiteral(e))
  ) {
    base = 'date';
  } else {
    return unsupported(`mixing ${[...new Set(typed.map(describe))].join(' and ')}`);
  }
  const cast = (e: SqlExpr): string => {
    if (e.base === 'null') return typedNull(base, list);
    if (base === 'float' && e.base === 'int') return list ? `(${e.sql})::float8[]` : `(${e.sql})::float8`;
    if (base === 'date' && e.base === 'text') return `DATE ${sqlLiteral(e.literal as string)}`;
    return e.sql;
  };
  return { base, list, sqls: exprs.map(cast) };
}

const isDateLiteral = (e: SqlExpr): boolean => typeof e.literal === 'string' && isCanonicalDate(e.literal);

/** The text of a value inside concat() (values.ts textOf); refused where PostgreSQL would print it differently. */
export function textArg(e: SqlExpr): string | undefined {
  if (e.base === 'null') return undefined;
  if (e.list) return unsupported('concatenating a list');
  if (e.base === 'text') return e.sql;
  // bigint and boolean casts print like JavaScript's String(); float8 and dates do not always.
  if (e.base === 'int' || e.base === 'boolean') return `(${e.sql})::text`;
  return unsupported(`printing ${describe(e)} as text (only whole numbers, booleans and texts print alike)`);
}

/** Membership (values.ts valuesEqual against each item of a list value), never NULL. */
export function memberOf(item: SqlExpr, array: SqlExpr): string {
  if (array.base === 'null' || !array.list) return 'FALSE';
  if (item.list) return unsupported('testing whether a list is in a list');
  if (array.items) return `(${array.items.map((each) => equal(item, each)).join(' OR ')})`;
  const found = (arr: string, x: string) => `COALESCE(array_position(${arr}, ${x}) IS NOT NULL, FALSE)`;
  if (item.base === 'null') return found(array.sql, 'NULL');
  if (isNumeric(item) && (array.base === 'int' || array.base === 'float')) {
    return found(array.base === 'int' ? `(${array.sql})::float8[]` : array.sql, asFloat(item));
  }
  if (item.base === 'text' && array.base === 'text') return found(c(array.sql), c(item.sql));
  if (item.base === array.base) return found(array.sql, item.sql);
  if (array.base === 'date' && isDateLiteral(item))
    return found(array.sql, `DATE ${sqlLiteral(item.literal as string)}`);
  return unsupported(`looking for ${describe(item)} in ${describe(array)}`);
}
