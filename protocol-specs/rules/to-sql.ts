/**
 * Compiles a rule to a PostgreSQL expression over the columns of one table, for CHECK constraints and
 * generated columns. The translation agrees with evaluate.ts + isTruthy for every row (the agreement
 * test runs both on PGlite and PostgreSQL); where PostgreSQL would compute something else, the rule is
 * refused with a reason, and the server alone enforces it. Refused: fields of other levels (another
 * table), today()/now()/currentUser() (not immutable), and the few operations listed in docs/rules.md.
 */
import type { BinaryNode, RuleNode, RuleNodeKind } from './ast.ts';
import { findFunction } from './functions.ts';
import {
  asFloat,
  equal,
  isNumeric,
  literalSql,
  memberOf,
  NULL_SQL,
  order,
  type SqlBase,
  type SqlExpr,
  SqlUnsupported,
  test,
  truth,
  typedNull,
  unifySql,
  unsupported,
} from './sql-expr.ts';
import type { RuleType } from './types.ts';

export interface SqlColumn {
  /** The column as SQL, already quoted: `"num_passage"`. */
  readonly sql: string;
  readonly type: RuleType;
}

/** The columns of the record's own table, by field key (`value.<key>`). */
export interface SqlRuleEnvironment {
  readonly columns: Readonly<Record<string, SqlColumn>>;
}

export type SqlRuleResult =
  | { readonly ok: true; readonly sql: string }
  | { readonly ok: false; readonly reason: string };
export type SqlValueResult =
  | { readonly ok: true; readonly sql: string; readonly base: SqlBase; readonly list: boolean }
  | { readonly ok: false; readonly reason: string };

/** Beyond this a rule's SQL is not worth having (and nested round() would grow it geometrically). */
const MAX_SQL_LENGTH = 50_000;

/** A boolean expression, never NULL: true exactly when isTruthy(evaluateRule(ast, row)). */
export function compileRuleToSql(ast: RuleNode, env: SqlRuleEnvironment): SqlRuleResult {
  return guard(() => ({ ok: true, sql: truth(compile(ast, env)) }));
}

/** The rule's value as SQL (NULL when empty), e.g. for a generated column. */
export function compileRuleToSqlValue(ast: RuleNode, env: SqlRuleEnvironment): SqlValueResult {
  return guard(() => {
    const e = compile(ast, env);
    return { ok: true, sql: e.sql, base: e.base, list: e.list };
  });
}

function guard<T>(run: () => T): T | { ok: false; reason: string } {
  try {
    return run();
  } catch (e) {
    if (e instanceof SqlUnsupported || e instanceof RangeError) return { ok: false, reason: e.message };
    return { ok: false, reason: 'this rule cannot be translated to SQL' };
  }
}

type Compiler<K extends RuleNodeKind> = (
  node: Extract<RuleNode, { kind: K }>,
  env: SqlRuleEnvironment,
) => SqlExpr;

const nullFloat: SqlExpr = { sql: typedNull('float', false), base: 'float', list: false };

const COMPILERS: { readonly [K in RuleNodeKind]: Compiler<K> } = {
  literal: (node) => literalSql(node.value),
  field: (node, env) => {
    if (node.scope !== 'value')
      return unsupported(`references ${node.scope}.${node.key}, which lives in another table`);
    const column = Object.hasOwn(env.columns, node.key) ? env.columns[node.key] : undefined;
    if (!column) return unsupported(`value.${node.key} is not a column of this table`);
    return columnSql(node.key, column);
  },
  list: (node, env) => {
    const items = node.items.map((item) => compile(item, env));
    if (items.length === 0) return NULL_SQL;
    if (items.some((i) => i.list)) return unsupported('a list inside a list');
    const u = unifySql(items);
    // A list of nulls only is still a list (`null in [null]` is true): type its items as text.
    const sqls = u.base === 'null' ? items.map(() => typedNull('text', false)) : u.sqls;
    return { sql: `ARRAY[${sqls.join(', ')}]`, base: u.base === 'null' ? 'text' : u.base, list: true, items };
  },
  unary: (node, env) => {
    const x = compile(node.operand, env);
    if (node.operator === '!') return test(`(NOT ${truth(x)})`);
    if (!isNumeric(x)) return nullFloat; // the evaluator gives null for - and + of anything but a number
    if (node.operator === '+') return x;
    // A negative number is written as a minus and a literal: keep it a literal (round() digits need one).
    if (typeof x.literal === 'number') return literalSql(-x.literal);
    // bigint first, so that negating the smallest integer does not overflow.
    return x.base === 'int'
      ? { sql: `(-((${x.sql})::bigint))`, base: 'int', list: false }
      : { sql: `(-(${x.sql}))`, base: 'float', list: false };
  },
  binary: (node, env) => binary(node.operator, compile(node.left, env), compile(node.right, env)),
  logical: (node, env) => {
    const l = compile(node.left, env);
    const r = compile(node.right, env);
    if (node.operator === '&&') return test(`(${truth(l)} AND ${truth(r)})`);
    if (node.operator === '||') return test(`(${truth(l)} OR ${truth(r)})`);
    const u = unifySql([l, r]);
    return { sql: `COALESCE(${u.sqls.join(', ')})`, base: u.base, list: u.list };
  },
  conditional: (node, env) => {
    const test = truth(compile(node.test, env));
    const u = unifySql([compile(node.consequent, env), compile(node.alternate, env)]);
    return { sql: `(CASE WHEN ${test} THEN ${u.sqls[0]} ELSE ${u.sqls[1]} END)`, base: u.base, list: u.list };
  },
  call: (node, env) => {
    const fn = findFunction(node.callee);
    if (!fn) return unsupported(`unknown function ${node.callee}()`);
    if (node.args.length < fn.minArgs || node.args.length > fn.maxArgs) {
      return unsupported(`${node.callee}() with ${node.args.length} arguments`);
    }
    return fn.sql(node.args.map((a) => compile(a, env)));
  },
};

function compile(node: RuleNode, env: SqlRuleEnvironment): SqlExpr {
  const compiler = Object.hasOwn(COMPILERS, node.kind)
    ? (COMPILERS[node.kind] as Compiler<RuleNodeKind>)
    : undefined;
  if (!compiler) return unsupported('this is not a rule tree');
  const e = compiler(node as never, env);
  if (e.sql.length > MAX_SQL_LENGTH)
    return unsupported(`the SQL for this rule would exceed ${MAX_SQL_LENGTH} characters`);
  return e;
}

/** A column read under the "empty is null" invariant: '' and '{}' become NULL, uuids compare as their text. */
function columnSql(key: string, { sql: c, type }: SqlColumn): SqlExpr {
  const { base, list } = type;
  if (list) {
    if (base === 'text')
      return { sql: `NULLIF(array_replace(${c}, ''::text, NULL::text), '{}')`, base: 'text', list };
    if (base === 'number' && type.integer) return { sql: `NULLIF(${c}, '{}')`, base: 'int', list };
    if (base === 'number') return { sql: `NULLIF((${c})::float8[], '{}')`, base: 'float', list };
    if (base === 'boolean' || base === 'date') return { sql: `NULLIF(${c}, '{}')`, base, list };
    return unsupported(`value.${key} is a list of ${base}`);
  }
  switch (base) {
    case 'text':
      return { sql: `NULLIF(${c}, '')`, base: 'text', list };
    case 'uuid':
      return { sql: `(${c})::text`, base: 'text', list };
    case 'number':
      return type.integer ? { sql: c, base: 'int', list } : { sql: `(${c})::float8`, base: 'float', list };
    case 'boolean':
    case 'date':
    case 'time':
    case 'datetime':
      return { sql: c, base, list };
    default:
      return unsupported(`value.${key} is a ${base} field, which rules cannot read`);
  }
}

function binary(op: BinaryNode['operator'], a: SqlExpr, b: SqlExpr): SqlExpr {
  switch (op) {
    case '==':
      return test(equal(a, b));
    case '!=':
      return test(`(NOT ${equal(a, b)})`);
    case '<':
    case '<=':
    case '>':
    case '>=':
      return test(order(op, a, b));
    case 'in':
      return test(memberOf(a, b));
    case '+':
      return plus(a, b);
    default:
      return arithmetic(op, a, b);
  }
}

/** `+` joins when either side is text at run time: decidable here only when both sides are text (or null). */
function plus(a: SqlExpr, b: SqlExpr): SqlExpr {
  const textOrNull = (e: SqlExpr) => !e.list && (e.base === 'text' || e.base === 'null');
  if (textOrNull(a) && textOrNull(b) && (a.base === 'text' || b.base === 'text')) {
    const parts = [a, b].filter((e) => e.base === 'text').map((e) => e.sql);
    return { sql: `NULLIF(concat(${parts.join(', ')}), '')`, base: 'text', list: false };
  }
  // Numbers, booleans, lists and null are never text at run time; dates and times are (ISO strings).
  const neverText = (e: SqlExpr) => e.list || isNumeric(e) || e.base === 'null' || e.base === 'boolean';
  if (isNumeric(a) && isNumeric(b))
    return { sql: `(${asFloat(a)} + ${asFloat(b)})`, base: 'float', list: false };
  if (neverText(a) && neverText(b)) return nullFloat;
  return unsupported(`'+' of ${a.base} and ${b.base} values (it joins or adds depending on the values)`);
}

function arithmetic(op: '-' | '*' | '/' | '%', a: SqlExpr, b: SqlExpr): SqlExpr {
  if (!isNumeric(a) || !isNumeric(b)) return nullFloat; // null unless both are numbers
  if (op === '%') {
    // float8 has no remainder operator and numeric's would round differently: whole numbers only.
    if (a.base !== 'int' || b.base !== 'int') return unsupported("'%' of numbers that are not whole");
    return { sql: `mod(${a.sql}, NULLIF(${b.sql}, 0))`, base: 'int', list: false };
  }
  const divisor = op === '/' ? `NULLIF(${asFloat(b)}, 0)` : asFloat(b);
  return { sql: `(${asFloat(a)} ${op} ${divisor})`, base: 'float', list: false };
}
