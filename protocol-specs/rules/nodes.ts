/**
 * Frozen factories for rule nodes. Every node of a parsed rule is built here, so a tree handed to the
 * checker, the evaluator or a generator can never be mutated by one of them behind another's back.
 */
import type {
  BinaryNode,
  BinaryOperator,
  CallNode,
  ConditionalNode,
  FieldNode,
  ListNode,
  LiteralNode,
  LogicalNode,
  LogicalOperator,
  RuleLiteral,
  RuleNode,
  UnaryNode,
  UnaryOperator,
} from './ast.ts';

export const literal = (value: RuleLiteral): LiteralNode => Object.freeze({ kind: 'literal', value });

export const field = (scope: string, key: string): FieldNode => Object.freeze({ kind: 'field', scope, key });

export const list = (items: readonly RuleNode[]): ListNode =>
  Object.freeze({ kind: 'list', items: Object.freeze([...items]) });

export const unary = (operator: UnaryOperator, operand: RuleNode): UnaryNode =>
  Object.freeze({ kind: 'unary', operator, operand });

export const binary = (operator: BinaryOperator, left: RuleNode, right: RuleNode): BinaryNode =>
  Object.freeze({ kind: 'binary', operator, left, right });

export const logical = (operator: LogicalOperator, left: RuleNode, right: RuleNode): LogicalNode =>
  Object.freeze({ kind: 'logical', operator, left, right });

export const conditional = (test: RuleNode, consequent: RuleNode, alternate: RuleNode): ConditionalNode =>
  Object.freeze({ kind: 'conditional', test, consequent, alternate });

export const call = (callee: string, args: readonly RuleNode[]): CallNode =>
  Object.freeze({ kind: 'call', callee, args: Object.freeze([...args]) });

/** The children of a node, in source order: the one place that knows each kind's shape for walks. */
export function childrenOf(node: RuleNode): readonly RuleNode[] {
  switch (node.kind) {
    case 'literal':
    case 'field':
      return [];
    case 'list':
      return node.items;
    case 'unary':
      return [node.operand];
    case 'binary':
    case 'logical':
      return [node.left, node.right];
    case 'conditional':
      return [node.test, node.consequent, node.alternate];
    case 'call':
      return node.args;
  }
}
