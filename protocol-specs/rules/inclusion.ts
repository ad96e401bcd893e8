/**
 * `includes(x, y)` and its other name `contains(x, y)`: with a list `x`, whether an item equals `y` (as
 * `y in x`); with a text `x`, whether the text `y` occurs in it. Empty is null, so an empty text neither
 * contains nor is contained: the test is false, in SQL too (`strpos`, which finds '' everywhere, only
 * ever sees non-empty texts, as every fragment yields NULL for an empty value).
 */
import { arg, ok, type RuleFunction } from './function-kit.ts';
import { c, memberOf, NULL_SQL, type SqlExpr, test, unsupported } from './sql-expr.ts';
import { BOOLEAN, comparable, describeType, isLoose, type RuleType } from './types.ts';
import { type RuleValue, valuesEqual } from './values.ts';

const isText = (t: RuleType) => !t.list && t.base === 'text';

function typing(name: string, args: readonly RuleType[]) {
  const [x, y] = args;
  if (!x || !y || isLoose(x) || x.base === 'any') return ok(BOOLEAN);
  if (x.list) {
    const item = comparable({ ...x, list: false }, y)
      ? undefined
      : `${name}() looks for ${describeType(y)} in a ${describeType(x)}`;
    return ok(BOOLEAN, item);
  }
  if (!isText(x))
    return ok(BOOLEAN, `${name}() expects a list or a text as argument 1, not ${describeType(x)}`);
  const needle =
    isLoose(y) || y.base === 'any' || isText(y)
      ? undefined
      : `${name}() looks for a text in a text, not for ${describeType(y)}`;
  return ok(BOOLEAN, needle);
}

export function evaluateInclusion(x: RuleValue, y: RuleValue): boolean {
  if (Array.isArray(x)) return x.some((item: RuleValue) => valuesEqual(item, y));
  // Texts reach here non-empty (empty is null), so '' is never found.
  return typeof x === 'string' && typeof y === 'string' && x.includes(y);
}

function inclusionSql(x: SqlExpr, y: SqlExpr): SqlExpr {
  if (x.list || x.base === 'null') return test(memberOf(y, x));
  if (x.base === 'text') {
    if (y.list || y.base === 'null' || y.base !== 'text') {
      // A list, a number or a boolean is never part of a text (the evaluator says false); a date or a time is
      // a text at run time but prints otherwise in PostgreSQL.
      if (y.list || y.base === 'null' || y.base === 'int' || y.base === 'float' || y.base === 'boolean')
        return test('FALSE');
      return unsupported(`looking for a ${y.base} in a text`);
    }
    return test(`COALESCE(strpos(${c(x.sql)}, ${c(y.sql)}) > 0, FALSE)`);
  }
  if (x.base === 'int' || x.base === 'float' || x.base === 'boolean') return test('FALSE');
  return unsupported(`includes() on a ${x.base}`);
}

export const inclusion = (name: string): RuleFunction => ({
  summary:
    name === 'includes'
      ? 'with a list: true when an item equals x (same as `x in list`); with a text: true when x occurs in it'
      : 'the same as includes()',
  minArgs: 2,
  maxArgs: 2,
  contextual: false,
  type: (args) => typing(name, args),
  evaluate: (args) => evaluateInclusion(arg(args, 0), arg(args, 1)),
  sql: ([x = NULL_SQL, y = NULL_SQL]) => inclusionSql(x, y),
});
