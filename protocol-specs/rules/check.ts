/**
 * Type-checks a rule against the fields its slot can see. Problems are values, all of them at once; a
 * rule with problems still gets a best-effort type so that one mistake does not hide the next.
 */

import { closestMatch } from '../util/closest-match.ts';
import type {
  BinaryNode,
  CallNode,
  FieldNode,
  ListNode,
  LiteralNode,
  RuleNode,
  RuleNodeKind,
} from './ast.ts';
import { geometryInspections } from './check-geometry.ts';
import { formatLiteral, formatRule } from './format.ts';
import { FUNCTION_NAMES, findFunction } from './functions.ts';
import {
  ANY,
  assignable,
  type BaseType,
  BOOLEAN,
  comparable,
  describeType,
  INTEGER,
  isLoose,
  isTextLike,
  NULL_TYPE,
  NUMBER,
  type RuleEnvironment,
  type RuleType,
  TEXT,
  unify,
} from './types.ts';
import { isCanonicalDate } from './values.ts';

export type RuleProblemCode =
  | 'unknown-scope'
  | 'unknown-field'
  | 'type-mismatch'
  | 'unknown-choice'
  | 'arity'
  | 'unknown-function';

export interface RuleProblem {
  readonly code: RuleProblemCode;
  readonly message: string;
}

export interface CheckResult {
  readonly type: RuleType;
  readonly problems: RuleProblem[];
}

/** `expected` is the base type the slot needs; a boolean slot accepts any value (truthiness). */
export function checkRule(ast: RuleNode, env: RuleEnvironment, expected?: BaseType): CheckResult {
  const problems: RuleProblem[] = [];
  const type = typeOf(ast, { env, problems });
  for (const message of geometryInspections(ast, env)) problems.push({ code: 'type-mismatch', message });
  if (expected !== undefined && !assignable(type, expected)) {
    problems.push({
      code: 'type-mismatch',
      message: `this rule yields ${describeType(type)}, but the slot expects ${expected}`,
    });
  }
  return { type, problems };
}

interface Checking {
  readonly env: RuleEnvironment;
  readonly problems: RuleProblem[];
}

type Typer<K extends RuleNodeKind> = (node: Extract<RuleNode, { kind: K }>, c: Checking) => RuleType;

const report = (c: Checking, code: RuleProblemCode, message: string) => c.problems.push({ code, message });
const show = (node: RuleNode, t: RuleType) => `${formatRule(node)} (${describeType(t)})`;
const isNumber = (t: RuleType) => !t.list && t.base === 'number';
const numberLike = (t: RuleType) => isNumber(t) || isLoose(t);

const TYPERS: { readonly [K in RuleNodeKind]: Typer<K> } = {
  literal: (node) => literalType(node),
  field: (node, c) => fieldType(node, c),
  list: (node, c) => listType(node, c),
  unary: (node, c) => {
    const t = typeOf(node.operand, c);
    if (node.operator === '!') return BOOLEAN;
    if (!numberLike(t))
      report(c, 'type-mismatch', `'${node.operator}' needs a number, not ${show(node.operand, t)}`);
    return t.integer ? INTEGER : NUMBER;
  },
  binary: (node, c) => binaryType(node, c),
  logical: (node, c) => {
    const l = typeOf(node.left, c);
    const r = typeOf(node.right, c);
    if (node.operator !== '??') return BOOLEAN;
    return unifyOrReport(c, l, r, `'??' mixes ${show(node.left, l)} and ${show(node.right, r)}`);
  },
  conditional: (node, c) => {
    typeOf(node.test, c);
    const a = typeOf(node.consequent, c);
    const b = typeOf(node.alternate, c);
    return unifyOrReport(
      c,
      a,
      b,
      `the branches of '?:' mix ${show(node.consequent, a)} and ${show(node.alternate, b)}`,
    );
  },
  call: (node, c) => callType(node, c),
};

function typeOf(node: RuleNode, c: Checking): RuleType {
  const typer = TYPERS[node.kind] as Typer<RuleNodeKind>;
  return typer(node as never, c);
}

function unifyOrReport(c: Checking, a: RuleType, b: RuleType, message: string): RuleType {
  const t = unify(a, b);
  if (!t) report(c, 'type-mismatch', message);
  return t ?? ANY;
}

function literalType(node: LiteralNode): RuleType {
  const v = node.value;
  if (v === null || v === '') return NULL_TYPE;
  if (typeof v === 'number') return Number.isInteger(v) ? INTEGER : NUMBER;
  return typeof v === 'boolean' ? BOOLEAN : TEXT;
}

function fieldType(node: FieldNode, c: Checking): RuleType {
  const scopes = c.env.scopes;
  if (!Object.hasOwn(scopes, node.scope)) {
    const near = closestMatch(node.scope, Object.keys(scopes));
    const hint = near
      ? `; did you mean ${near}.${node.key}?`
      : `; known scopes: ${Object.keys(scopes).join(', ')}`;
    report(c, 'unknown-scope', `${node.scope} is not a scope this rule can see${hint}`);
    return ANY;
  }
  const fields = scopes[node.scope] ?? {};
  const type = Object.hasOwn(fields, node.key) ? fields[node.key] : undefined;
  if (!type) {
    const near = closestMatch(node.key, Object.keys(fields));
    const where = node.scope === 'value' ? 'this level' : node.scope;
    report(
      c,
      'unknown-field',
      `${node.scope}.${node.key} is not a field of ${where}${near ? `; did you mean ${node.scope}.${near}?` : ''}`,
    );
    return ANY;
  }
  return type;
}

function listType(node: ListNode, c: Checking): RuleType {
  let item: RuleType | undefined = NULL_TYPE;
  for (const child of node.items) {
    const t = typeOf(child, c);
    if (t.list) report(c, 'type-mismatch', `a list cannot hold a list: ${formatRule(child)}`);
    item = item && !t.list ? unify(item, t) : undefined;
  }
  if (node.items.length === 0) return NULL_TYPE;
  if (!item) report(c, 'type-mismatch', `the list ${formatRule(node)} mixes types`);
  return { ...(item ?? ANY), list: true };
}

function binaryType(node: BinaryNode, c: Checking): RuleType {
  const l = typeOf(node.left, c);
  const r = typeOf(node.right, c);
  const { operator: op } = node;
  if (op === '==' || op === '!=') {
    if (!comparable(l, r))
      report(c, 'type-mismatch', `${show(node.left, l)} is compared with ${show(node.right, r)}`);
    checkLiteralAgainst(c, node.left, l, node.right);
    checkLiteralAgainst(c, node.right, r, node.left);
    return BOOLEAN;
  }
  if (op === '<' || op === '<=' || op === '>' || op === '>=') {
    const orderable = (t: RuleType) => isLoose(t) || isNumber(t) || isTextLike(t);
    if (!orderable(l) || !orderable(r) || !comparable(l, r)) {
      report(
        c,
        'type-mismatch',
        `'${op}' orders numbers, texts or dates; not ${show(node.left, l)} and ${show(node.right, r)}`,
      );
    }
    checkLiteralAgainst(c, node.left, l, node.right);
    checkLiteralAgainst(c, node.right, r, node.left);
    return BOOLEAN;
  }
  if (op === 'in') {
    checkMembership(c, { node: node.left, type: l }, { node: node.right, type: r });
    return BOOLEAN;
  }
  if (op === '+' && (isTextLike(l) || isTextLike(r))) {
    const joinable = (t: RuleType) => isLoose(t) || isTextLike(t) || isNumber(t);
    if (!joinable(l) || !joinable(r))
      report(c, 'type-mismatch', `'+' joins texts, not ${show(node.left, l)} and ${show(node.right, r)}`);
    return TEXT;
  }
  for (const [side, t] of [
    [node.left, l],
    [node.right, r],
  ] as const) {
    if (!numberLike(t)) report(c, 'type-mismatch', `'${op}' computes on numbers, not ${show(side, t)}`);
  }
  if (l.base === 'any' || r.base === 'any') return ANY;
  return l.integer && r.integer && op !== '/' ? INTEGER : NUMBER;
}

function callType(node: CallNode, c: Checking): RuleType {
  const args = node.args.map((a) => typeOf(a, c));
  const fn = findFunction(node.callee);
  if (!fn) {
    const near = closestMatch(node.callee, FUNCTION_NAMES);
    report(
      c,
      'unknown-function',
      `unknown function ${node.callee}()${near ? `; did you mean ${near}()?` : ''}`,
    );
    return ANY;
  }
  if (args.length < fn.minArgs || args.length > fn.maxArgs) {
    const range =
      fn.minArgs === fn.maxArgs
        ? `${fn.minArgs}`
        : fn.maxArgs === Number.POSITIVE_INFINITY
          ? `at least ${fn.minArgs}`
          : `${fn.minArgs} to ${fn.maxArgs}`;
    report(
      c,
      'arity',
      `${node.callee}() takes ${range} argument${range === '1' ? '' : 's'}, not ${args.length}`,
    );
    return fn.type([]).type;
  }
  const typing = fn.type(args);
  for (const message of typing.problems) report(c, 'type-mismatch', message);
  // includes() types its arguments in the function table; the codes of its literals are checked here.
  if ((node.callee === 'includes' || node.callee === 'contains') && node.args.length === 2) {
    checkMemberLiterals(c, { node: node.args[1]!, type: args[1]! }, { node: node.args[0]!, type: args[0]! });
  }
  return typing.type;
}

interface Typed {
  readonly node: RuleNode;
  readonly type: RuleType;
}

/** `item in list` / `includes(list, item)`: a list on the right, an item that can be in it, known codes. */
function checkMembership(c: Checking, item: Typed, list: Typed): void {
  if (!list.type.list && !isLoose(list.type)) {
    report(c, 'type-mismatch', `'in' needs a list on its right, not ${show(list.node, list.type)}`);
    return;
  }
  if (list.type.list && !comparable({ ...list.type, list: false }, item.type)) {
    report(c, 'type-mismatch', `${show(item.node, item.type)} can never be in ${show(list.node, list.type)}`);
  }
  checkMemberLiterals(c, item, list);
}

function checkMemberLiterals(c: Checking, item: Typed, list: Typed): void {
  if (list.type.list) checkLiteralAgainst(c, list.node, { ...list.type, list: false }, item.node);
  if (list.node.kind === 'list')
    for (const each of list.node.items) checkLiteralAgainst(c, item.node, item.type, each);
}

/**
 * A literal compared with a coded field must be one of its codes; with a date, a real ISO date. Both
 * mistakes compile and run, and the rule silently never matches.
 */
function checkLiteralAgainst(c: Checking, subject: RuleNode, type: RuleType, other: RuleNode): void {
  if (other.kind !== 'literal' || typeof other.value !== 'string' || other.value === '') return;
  const value = other.value;
  if (type.codes && !type.codes.includes(value)) {
    const codes = type.codes.length > 12 ? `${type.codes.slice(0, 12).join(', ')}, …` : type.codes.join(', ');
    report(
      c,
      'unknown-choice',
      `${formatLiteral(value)} is not a value of ${formatRule(subject)} (${codes})`,
    );
  }
  if (type.base === 'date' && !type.list && !isCanonicalDate(value)) {
    report(
      c,
      'type-mismatch',
      `${formatLiteral(value)} is not a date (YYYY-MM-DD) like ${formatRule(subject)}`,
    );
  }
}
