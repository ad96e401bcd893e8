/**
 * JavaScript idioms of GeoNature rules, recognised on jsep trees or on translated rules, for the
 * expression translator: guards (`x && x == 'a'`, `x || ''`), fallbacks (`x || 0`), `indexOf` tests, and
 * the attributes of form controls and nomenclatures the rule language reads in its own way.
 */
import type jsep from 'jsep';
import type { RuleNode } from '../../../protocol-specs/index.ts';
import type { ScopeField } from './scope.ts';

type JsNode = jsep.Expression;

/** What a control's validity reads as, when a field is taken to pass its own checks. */
export const VALIDITY: Readonly<Record<string, boolean | null>> = {
  valid: true,
  invalid: false,
  errors: null,
};

/** Attributes of a nomenclature that name it otherwise than by code. */
export const NAME_ATTRIBUTES = new Set(['mnemonique', 'label_fr', 'label_default', 'label_en']);

/** `x.indexOf(y) !== -1` (or `> -1`, `>= 0`) is x.includes(y); `=== -1` (or `< 0`) its negation. */
export function indexOfTest(
  op: string,
  left: JsNode,
  right: JsNode,
): { call: JsNode; present: boolean } | undefined {
  const callee = left.callee as JsNode | undefined;
  if (left.type !== 'CallExpression' || callee?.type !== 'MemberExpression' || callee.computed)
    return undefined;
  if ((callee.property as JsNode).name !== 'indexOf') return undefined;
  const bound =
    right.type === 'Literal'
      ? Number(right.value)
      : right.type === 'UnaryExpression' &&
          right.operator === '-' &&
          (right.argument as JsNode).type === 'Literal'
        ? -Number((right.argument as JsNode).value)
        : Number.NaN;
  const call = {
    ...left,
    callee: { ...callee, property: { type: 'Identifier', name: 'includes' } },
  } as JsNode;
  if (bound === -1 && ['!=', '!==', '>'].includes(op)) return { call, present: true };
  if (bound === 0 && op === '>=') return { call, present: true };
  if (bound === -1 && ['==', '==='].includes(op)) return { call, present: false };
  if (bound === 0 && op === '<') return { call, present: false };
  return undefined;
}

export const isNull = (node: RuleNode) => node.kind === 'literal' && node.value === null;

/**
 * `x || lit` is `coalesce(x, lit)` when JavaScript's falsy values of x are Suivi's empty ones or give the
 * same result: a fallback of 0 for a number, a text fallback for a text.
 */
export function isFallback(left: RuleNode, right: RuleNode, info: ScopeField | undefined): boolean {
  if (right.kind !== 'literal' || right.value === null || typeof right.value === 'boolean') return false;
  if (!info && left.kind !== 'field') return false;
  const numeric = info?.kind === 'integer' || info?.kind === 'decimal';
  return typeof right.value === 'number' ? right.value === 0 || !numeric : !numeric;
}

/** `x && x == 'a'` guards against a null x, which Suivi's `==` already handles: keep the comparison. */
export function dropGuard(guard: RuleNode, test: RuleNode): RuleNode | undefined {
  if (guard.kind !== 'field' || test.kind !== 'binary' || test.operator !== '==') return undefined;
  const same = (a: RuleNode) => a.kind === 'field' && a.scope === guard.scope && a.key === guard.key;
  const nonNull = (a: RuleNode) => a.kind === 'literal' && a.value !== null;
  return (same(test.left) && nonNull(test.right)) || (same(test.right) && nonNull(test.left))
    ? test
    : undefined;
}
