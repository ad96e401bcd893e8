/**
 * The shape of a rule function and the helpers the function table is written with: argument checks,
 * and the two families of similar functions (context readers, min/max).
 */
import { c, type SqlExpr, unifySql, unsupported } from './sql-expr.ts';
import { type BaseType, describeType, isLoose, isTextLike, type RuleType, scalar, unify } from './types.ts';
import { compareValues, type RuleContext, type RuleValue, toRuleValue } from './values.ts';

export interface FunctionTyping {
  readonly type: RuleType;
  /** Argument type problems, as sentences naming the function and the argument. */
  readonly problems: readonly string[];
}

export interface RuleFunction {
  readonly summary: string;
  readonly minArgs: number;
  readonly maxArgs: number;
  /** Reads the clock or the user: never constant, and never allowed in a CHECK constraint. */
  readonly contextual: boolean;
  readonly type: (args: readonly RuleType[]) => FunctionTyping;
  readonly evaluate: (args: readonly RuleValue[], context: RuleContext) => RuleValue;
  /** Throws SqlUnsupported when PostgreSQL cannot compute exactly what `evaluate` does. */
  readonly sql: (args: readonly SqlExpr[]) => SqlExpr;
}

export const ok = (type: RuleType, ...problems: Array<string | undefined>): FunctionTyping => ({
  type,
  problems: problems.filter((p): p is string => p !== undefined),
});

/** A problem sentence when argument `i` of `name` is not accepted (any and null are always accepted). */
export function expectArg(
  name: string,
  args: readonly RuleType[],
  i: number,
  accepts: (t: RuleType) => boolean,
  what: string,
) {
  const t = args[i];
  if (!t || isLoose(t) || accepts(t)) return undefined;
  return `${name}() expects ${what} as argument ${i + 1}, not ${describeType(t)}`;
}

export const isNumber = (t: RuleType) => !t.list && t.base === 'number';
const isOrderable = (t: RuleType) => isNumber(t) || isTextLike(t);
export const arg = (args: readonly RuleValue[], i: number): RuleValue => args[i] ?? null;

export function unifyAll(name: string, args: readonly RuleType[]): FunctionTyping {
  let type: RuleType | undefined = scalar('null');
  for (const t of args) type = type && unify(type, t);
  return type ? ok(type) : ok(scalar('any'), `${name}() mixes ${args.map(describeType).join(', ')}`);
}

export const contextual = (
  base: BaseType,
  summary: string,
  read: (c: RuleContext) => unknown,
  why: string,
): RuleFunction => ({
  summary,
  minArgs: 0,
  maxArgs: 0,
  contextual: true,
  type: () => ok(scalar(base)),
  evaluate: (_args, context) => toRuleValue(read(context)),
  sql: () => unsupported(why),
});

export function extremum(
  summary: string,
  sqlName: 'LEAST' | 'GREATEST',
  pick: (d: number) => boolean,
): RuleFunction {
  const name = sqlName === 'LEAST' ? 'min' : 'max';
  return {
    summary,
    minArgs: 1,
    maxArgs: Number.POSITIVE_INFINITY,
    contextual: false,
    type: (args) => {
      const bad = args.map((_, i) => expectArg(name, args, i, isOrderable, 'a number, a text or a date'));
      const typing = unifyAll(name, args);
      return ok(typing.type, ...typing.problems, ...bad);
    },
    evaluate: (args) => {
      let best: RuleValue = null;
      for (const v of args) {
        if (v === null) continue;
        // Booleans, lists, or numbers mixed with texts have no order: the result is empty.
        if (typeof v !== 'number' && typeof v !== 'string') return null;
        const d = best === null ? 0 : compareValues(best, v);
        if (d === undefined) return null;
        if (best === null || pick(d)) best = v;
      }
      return best;
    },
    sql: (args) => {
      const u = unifySql(args);
      if (u.list || u.base === 'boolean' || u.base === 'time' || u.base === 'datetime') {
        return unsupported(`${name}() of ${u.list ? 'lists' : u.base} values`);
      }
      const sqls = u.base === 'text' ? u.sqls.map(c) : u.sqls;
      return { sql: `${sqlName}(${sqls.join(', ')})`, base: u.base, list: false };
    },
  };
}
