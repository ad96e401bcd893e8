/**
 * The rule language's functions: one table, each entry giving its type rule, its evaluation and its
 * PostgreSQL translation side by side, so the three cannot drift apart. Method forms (`list.includes(x)`, `text.includes(x)`,
 * `x.length`) are rewritten to these calls by the parser.
 */
import {
  arg,
  contextual,
  expectArg,
  extremum,
  isNumber,
  ok,
  type RuleFunction,
  unifyAll,
} from './function-kit.ts';
import { inclusion } from './inclusion.ts';
import { MAX_ROUND_DIGITS, roundNumber, roundSql } from './round.ts';
import { isNull, NULL_SQL, test, textArg, typedNull, unifySql, unsupported } from './sql-expr.ts';
import { BOOLEAN, INTEGER, isTextLike, NUMBER, TEXT } from './types.ts';
import { finiteOrNull, lengthOf, textOf, toRuleValue } from './values.ts';

export type { FunctionTyping, RuleFunction } from './function-kit.ts';

export const RULE_FUNCTIONS = {
  empty: {
    summary: 'true when x is null, an empty text or an empty list',
    minArgs: 1,
    maxArgs: 1,
    contextual: false,
    type: () => ok(BOOLEAN),
    evaluate: (args) => arg(args, 0) === null,
    sql: ([x]) => test(isNull(x ?? NULL_SQL)),
  },
  code: {
    summary: 'the code of a choice or vocabulary value (the value itself: values are stored as their codes)',
    minArgs: 1,
    maxArgs: 1,
    contextual: false,
    type: (args) => {
      const t = args[0];
      const codes = t?.codes ? { codes: t.codes } : {};
      return ok(
        { base: 'text', list: false, ...codes },
        expectArg('code', args, 0, isTextLike, 'a coded text value'),
      );
    },
    evaluate: (args) => {
      const x = arg(args, 0);
      return typeof x === 'string' ? x : null;
    },
    sql: ([x = NULL_SQL]) => {
      if (x.base === 'text' && !x.list) return x;
      if (x.base === 'date' || x.base === 'time' || x.base === 'datetime')
        return unsupported(`code() of a ${x.base}`);
      return { sql: typedNull('text', false), base: 'text', list: false };
    },
  },
  today: contextual('date', "today's date (YYYY-MM-DD)", (c) => c.today, 'today() changes from day to day'),
  now: contextual(
    'datetime',
    'the current date and time (ISO 8601)',
    (c) => c.now,
    'now() changes all the time',
  ),
  currentUser: contextual(
    'text',
    'the id of the user saving the record',
    (c) => c.userId,
    'currentUser() depends on who saves',
  ),
  length: {
    summary: 'number of characters of a text, or of items of a list; 0 when empty',
    minArgs: 1,
    maxArgs: 1,
    contextual: false,
    type: (args) =>
      ok(
        INTEGER,
        expectArg('length', args, 0, (t) => t.list || isTextLike(t), 'a text or a list'),
      ),
    evaluate: (args) => lengthOf(arg(args, 0)),
    sql: ([x = NULL_SQL]) => {
      if (x.base === 'null') return { sql: '0', base: 'int', list: false };
      if (x.list) return { sql: `COALESCE(cardinality(${x.sql}), 0)`, base: 'int', list: false };
      if (x.base === 'text') return { sql: `COALESCE(char_length(${x.sql}), 0)`, base: 'int', list: false };
      // A number or a boolean has no length, but an empty one is null, whose length is 0.
      if (x.base === 'int' || x.base === 'float' || x.base === 'boolean') {
        return { sql: `(CASE WHEN ${x.sql} IS NULL THEN 0 END)`, base: 'int', list: false };
      }
      return unsupported(`length() of a ${x.base}`);
    },
  },
  concat: {
    summary: 'the texts joined; empty values count as nothing',
    minArgs: 1,
    maxArgs: Number.POSITIVE_INFINITY,
    contextual: false,
    type: (args) =>
      ok(TEXT, ...args.map((_, i) => expectArg('concat', args, i, (t) => !t.list, 'a single value'))),
    evaluate: (args) => toRuleValue(args.map(textOf).join('')),
    sql: (args) => {
      const parts = args.map(textArg).filter((p): p is string => p !== undefined);
      if (parts.length === 0) return { sql: typedNull('text', false), base: 'text', list: false };
      return { sql: `NULLIF(concat(${parts.join(', ')}), '')`, base: 'text', list: false };
    },
  },
  coalesce: {
    summary: 'the first argument that is not empty',
    minArgs: 1,
    maxArgs: Number.POSITIVE_INFINITY,
    contextual: false,
    type: (args) => unifyAll('coalesce', args),
    evaluate: (args) => args.find((v) => v !== null) ?? null,
    sql: (args) => {
      const u = unifySql(args);
      return {
        sql: u.sqls.length === 1 ? u.sqls[0]! : `COALESCE(${u.sqls.join(', ')})`,
        base: u.base,
        list: u.list,
      };
    },
  },
  includes: inclusion('includes'),
  contains: inclusion('contains'),
  year: {
    summary: 'the year of a date (or of any text starting with YYYY-)',
    minArgs: 1,
    maxArgs: 1,
    contextual: false,
    type: (args) => ok(INTEGER, expectArg('year', args, 0, isTextLike, 'a date')),
    evaluate: (args) => {
      const x = arg(args, 0);
      return typeof x === 'string' && /^\d{4}-/.test(x) ? Number(x.slice(0, 4)) : null;
    },
    sql: ([x = NULL_SQL]) => {
      if (x.list || x.base === 'null' || x.base === 'int' || x.base === 'float' || x.base === 'boolean') {
        return { sql: typedNull('int', false), base: 'int', list: false };
      }
      // Years outside 1–9999 (and BC dates) print otherwise than YYYY-, so the evaluator finds no year.
      if (x.base === 'date') {
        const sql = `CASE WHEN ${x.sql} BETWEEN DATE '0001-01-01' AND DATE '9999-12-31' THEN (EXTRACT(YEAR FROM ${x.sql}))::int END`;
        return { sql, base: 'int', list: false };
      }
      if (x.base === 'text') {
        const sql = `CASE WHEN ${x.sql} ~ '^[0-9]{4}-' THEN (substr(${x.sql}, 1, 4))::int END`;
        return { sql, base: 'int', list: false };
      }
      return unsupported(`year() of a ${x.base} (its text depends on the time zone)`);
    },
  },
  round: {
    summary: `x rounded half away from zero to \`digits\` decimals (0 by default, -${MAX_ROUND_DIGITS} to ${MAX_ROUND_DIGITS})`,
    minArgs: 1,
    maxArgs: 2,
    contextual: false,
    type: (args) =>
      ok(
        NUMBER,
        expectArg('round', args, 0, isNumber, 'a number'),
        expectArg('round', args, 1, (t) => isNumber(t) && t.integer === true, 'a whole number of digits'),
      ),
    evaluate: (args) => {
      const x = arg(args, 0);
      const digits = args.length > 1 ? arg(args, 1) : 0;
      return typeof x === 'number' && typeof digits === 'number' ? roundNumber(x, digits) : null;
    },
    sql: ([x = NULL_SQL, digits]) => roundSql(x, digits),
  },
  abs: {
    summary: 'the absolute value of x',
    minArgs: 1,
    maxArgs: 1,
    contextual: false,
    type: (args) => ok(args[0]?.integer ? INTEGER : NUMBER, expectArg('abs', args, 0, isNumber, 'a number')),
    evaluate: (args) => {
      const x = arg(args, 0);
      return typeof x === 'number' ? finiteOrNull(Math.abs(x)) : null;
    },
    sql: ([x = NULL_SQL]) => {
      if (x.list || (x.base !== 'int' && x.base !== 'float'))
        return { sql: typedNull('float', false), base: 'float', list: false };
      // bigint first: abs() of the smallest integer overflows an int4.
      return x.base === 'int'
        ? { sql: `abs((${x.sql})::bigint)`, base: 'int', list: false }
        : { sql: `abs(${x.sql})`, base: 'float', list: false };
    },
  },
  min: extremum(
    'the smallest non-empty argument (numbers, or texts and dates in code point order)',
    'LEAST',
    (d) => d > 0,
  ),
  max: extremum(
    'the largest non-empty argument (numbers, or texts and dates in code point order)',
    'GREATEST',
    (d) => d < 0,
  ),
} as const satisfies Record<string, RuleFunction>;

export type RuleFunctionName = keyof typeof RULE_FUNCTIONS;

export const FUNCTION_NAMES: readonly RuleFunctionName[] = Object.keys(RULE_FUNCTIONS) as RuleFunctionName[];

/** The function of that name; an own-property lookup, so `constructor` or `toString` are never found. */
export function findFunction(name: string): RuleFunction | undefined {
  return Object.hasOwn(RULE_FUNCTIONS, name) ? RULE_FUNCTIONS[name as RuleFunctionName] : undefined;
}
