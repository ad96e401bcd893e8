/** Static facts about a rule: which fields it reads, and whether its value is known without any record. */
import type { RuleNode } from './ast.ts';
import { evaluateRule } from './evaluate.ts';
import { findFunction } from './functions.ts';
import { childrenOf } from './nodes.ts';
import type { RuleValue } from './values.ts';

export interface FieldReference {
  readonly scope: string;
  readonly key: string;
}

/** Every field the rule reads, once each, sorted by scope then key. */
export function referencedFields(ast: RuleNode): FieldReference[] {
  const seen = new Map<string, FieldReference>();
  walk(ast, (node) => {
    if (node.kind === 'field')
      seen.set(JSON.stringify([node.scope, node.key]), { scope: node.scope, key: node.key });
  });
  return [...seen.values()].sort((a, b) =>
    a.scope === b.scope ? compare(a.key, b.key) : compare(a.scope, b.scope),
  );
}

export type ConstantResult =
  | { readonly constant: true; readonly value: RuleValue }
  | { readonly constant: false };

/**
 * The rule's value when it reads no field and calls nothing that depends on the clock or the user:
 * evaluation with no record is then its value everywhere (`1 > 2`, `empty(null)`, `[] == null`).
 */
export function constantValue(ast: RuleNode): ConstantResult {
  let dependent = false;
  walk(ast, (node) => {
    if (node.kind === 'field' || (node.kind === 'call' && findFunction(node.callee)?.contextual !== false)) {
      dependent = true;
    }
  });
  if (dependent) return { constant: false };
  return { constant: true, value: evaluateRule(ast, { records: {}, today: '', now: '' }) };
}

function walk(node: RuleNode, visit: (node: RuleNode) => void): void {
  visit(node);
  for (const child of childrenOf(node)) walk(child, visit);
}

const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
