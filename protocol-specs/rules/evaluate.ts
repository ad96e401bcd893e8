/**
 * Evaluates a rule against records, in the browser and on the server. It never throws and never reaches
 * past the records' own data: properties are read as own data descriptors (no getters run, no
 * prototype is consulted), `__proto__`/`constructor`/`prototype` are never read, and anything that is
 * not a text, a finite number, a boolean or a list of those reads as null. A tree that is not one the
 * parser builds (hand-made, from JSON) evaluates to null rather than failing.
 *
 * Semantics (values.ts; to-sql.ts computes the same in PostgreSQL):
 *   - empty is null: undefined, null, '' and [] all read as null;
 *   - `==`/`!=`: typed equality, no coercion; null equals only null (so `value.x == ''` tests emptiness);
 *   - `<` `<=` `>` `>=`: numbers, or texts in code point order (ISO dates order as dates); false with null;
 *   - `- * / %`: numbers only, else null; null when an operand is null, on division by zero or overflow;
 *   - `+`: texts join (as concat) when either operand is a text; numbers add; otherwise null;
 *   - `!`, `&&`, `||` yield booleans from truthiness (null, false, 0 false); `??` the first non-empty operand;
 *   - `x in list`: list holds an item equal to x (null finds a null item); false when the right is not a list.
 */
import type { BinaryNode, FieldNode, RuleNode, RuleNodeKind } from './ast.ts';
import { findFunction } from './functions.ts';
import {
  compareValues,
  finiteOrNull,
  isForbiddenKey,
  isTruthy,
  type RuleContext,
  type RuleValue,
  textOf,
  toRuleValue,
  valuesEqual,
} from './values.ts';

export type { RuleContext, RuleValue } from './values.ts';
export { isTruthy } from './values.ts';

export function evaluateRule(ast: RuleNode, context: RuleContext): RuleValue {
  try {
    return evaluate(ast, context);
  } catch {
    // Only a malformed or absurdly deep hand-built tree gets here: parsed rules cannot fail.
    return null;
  }
}

type Evaluator<K extends RuleNodeKind> = (
  node: Extract<RuleNode, { kind: K }>,
  context: RuleContext,
) => RuleValue;

const EVALUATORS: { readonly [K in RuleNodeKind]: Evaluator<K> } = {
  literal: (node) => toRuleValue(node.value),
  field: (node, context) => readField(node, context),
  list: (node, context) => toRuleValue(node.items.map((item) => evaluate(item, context))),
  unary: (node, context) => {
    const v = evaluate(node.operand, context);
    if (node.operator === '!') return !isTruthy(v);
    if (typeof v !== 'number') return null;
    return node.operator === '-' ? finiteOrNull(-v) : v;
  },
  binary: (node, context) =>
    binary(node.operator, evaluate(node.left, context), evaluate(node.right, context)),
  logical: (node, context) => {
    const left = evaluate(node.left, context);
    if (node.operator === '??') return left !== null ? left : evaluate(node.right, context);
    if (node.operator === '&&') return isTruthy(left) && isTruthy(evaluate(node.right, context));
    return isTruthy(left) || isTruthy(evaluate(node.right, context));
  },
  conditional: (node, context) =>
    evaluate(isTruthy(evaluate(node.test, context)) ? node.consequent : node.alternate, context),
  call: (node, context) => {
    const fn = findFunction(node.callee);
    if (!fn || node.args.length < fn.minArgs || node.args.length > fn.maxArgs) return null;
    return toRuleValue(
      fn.evaluate(
        node.args.map((a) => evaluate(a, context)),
        context,
      ),
    );
  },
};

function evaluate(node: RuleNode, context: RuleContext): RuleValue {
  const evaluator = Object.hasOwn(EVALUATORS, node.kind)
    ? (EVALUATORS[node.kind] as Evaluator<RuleNodeKind>)
    : undefined;
  return evaluator ? evaluator(node as never, context) : null;
}

/** An own data property of an own record, or null. */
function readField(node: FieldNode, context: RuleContext): RuleValue {
  const { scope, key } = node;
  if (typeof scope !== 'string' || typeof key !== 'string' || isForbiddenKey(scope) || isForbiddenKey(key))
    return null;
  const record = ownData(context.records, scope);
  // A record is a plain object of fields; an array's own `length` is not a field.
  if (typeof record !== 'object' || record === null || Array.isArray(record)) return null;
  return toRuleValue(ownData(record, key));
}

function ownData(holder: unknown, key: string): unknown {
  if (typeof holder !== 'object' || holder === null) return undefined;
  const d = Object.getOwnPropertyDescriptor(holder, key);
  return d && 'value' in d ? d.value : undefined;
}

function binary(op: BinaryNode['operator'], a: RuleValue, b: RuleValue): RuleValue {
  switch (op) {
    case '==':
      return valuesEqual(a, b);
    case '!=':
      return !valuesEqual(a, b);
    case '<':
    case '<=':
    case '>':
    case '>=': {
      const d = a === null || b === null ? undefined : compareValues(a, b);
      if (d === undefined) return false;
      return op === '<' ? d < 0 : op === '<=' ? d <= 0 : op === '>' ? d > 0 : d >= 0;
    }
    case 'in':
      return Array.isArray(b) && b.some((item: RuleValue) => valuesEqual(item, a));
    case '+':
      if (typeof a === 'string' || typeof b === 'string') return toRuleValue(textOf(a) + textOf(b));
      return typeof a === 'number' && typeof b === 'number' ? finiteOrNull(a + b) : null;
    default:
      return arithmetic(op, a, b);
  }
}

function arithmetic(op: '-' | '*' | '/' | '%', a: RuleValue, b: RuleValue): RuleValue {
  if (typeof a !== 'number' || typeof b !== 'number') return null;
  if ((op === '/' || op === '%') && b === 0) return null;
  const r = op === '-' ? a - b : op === '*' ? a * b : op === '/' ? a / b : a % b;
  return finiteOrNull(r);
}
