/**
 * Rules name fields and levels by key, so renaming a field rewrites every rule that mentions it. Two
 * rules are the same rule when they are the same tree once every reference is replaced by the id it
 * points at: a rename alone never reads as a changed rule.
 */
import type { GroupField, ParsedRule, ResolvedLevel } from '../resolved.ts';
import type { FieldNode, RuleNode } from '../rules/ast.ts';
import { fieldIdOf, type ProtocolIndex } from './protocol-index.ts';
import { stableJson } from './stable-json.ts';

/** What a rule sees: its level, and the group for a row field's rule. */
export interface RuleScope {
  readonly index: ProtocolIndex;
  readonly level: ResolvedLevel;
  readonly group?: GroupField;
}

/** A stable text for the rule, references resolved to ids; equal texts mean equal rules. */
export function ruleIdentity(rule: ParsedRule | undefined, scope: RuleScope): string | undefined {
  if (rule === undefined) return undefined;
  return stableJson(rule.ast, (value) =>
    isFieldNode(value) ? { kind: 'field', ref: reference(value, scope) } : value,
  );
}

export function sameRule(
  a: ParsedRule | undefined,
  aScope: RuleScope,
  b: ParsedRule | undefined,
  bScope: RuleScope,
): boolean {
  return ruleIdentity(a, aScope) === ruleIdentity(b, bScope);
}

const isFieldNode = (value: unknown): value is FieldNode =>
  typeof value === 'object' && value !== null && (value as RuleNode).kind === 'field';

function reference(node: FieldNode, { index, level, group }: RuleScope): string {
  switch (node.scope) {
    case 'value':
      return `value:${fieldIdOf(level, node.key)}`;
    case 'row':
      return `row:${group?.fields.find((f) => f.key === node.key)?.id ?? `?${node.key}`}`;
    case 'choice':
      return `choice:${node.key}`;
    case 'parent': {
      const parent = index.levelByKey.get(level.parents[0] ?? '');
      return `${parent?.id ?? '?'}:${fieldIdOf(parent, node.key)}`;
    }
    default: {
      const ancestor = index.levelByKey.get(node.scope);
      return `${ancestor?.id ?? `?${node.scope}`}:${fieldIdOf(ancestor, node.key)}`;
    }
  }
}
