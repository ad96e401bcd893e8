/**
 * The rule language's syntax tree. Our own node kinds, decoupled from the parser library (jsep), so the
 * checker, the evaluator and the SQL compiler each handle an exhaustive `Record<RuleNodeKind, …>`.
 * Nodes are plain, frozen, JSON-serialisable objects: the resolved protocol embeds them and generators
 * ship them to the browser as they are.
 */

/** A literal as written in a rule: text, number, boolean or null (empty). */
export type RuleLiteral = string | number | boolean | null;

export type RuleNode =
  | LiteralNode
  | FieldNode
  | ListNode
  | UnaryNode
  | BinaryNode
  | LogicalNode
  | ConditionalNode
  | CallNode;

export type RuleNodeKind = RuleNode['kind'];

export interface LiteralNode {
  readonly kind: 'literal';
  readonly value: RuleLiteral;
}

/**
 * A field reference. `scope` is `value` for the record being edited, `parent` for its direct parent,
 * a level key (`site`, `visit`…) for that ancestor, or `choice` inside a choice-filter rule.
 */
export interface FieldNode {
  readonly kind: 'field';
  readonly scope: string;
  readonly key: string;
}

export interface ListNode {
  readonly kind: 'list';
  readonly items: readonly RuleNode[];
}

export type UnaryOperator = '!' | '-' | '+';
export interface UnaryNode {
  readonly kind: 'unary';
  readonly operator: UnaryOperator;
  readonly operand: RuleNode;
}

/** `==` and `===` mean the same thing (typed equality), as do `!=` and `!==`; `in` is membership. */
export type BinaryOperator = '==' | '!=' | '<' | '<=' | '>' | '>=' | '+' | '-' | '*' | '/' | '%' | 'in';
export interface BinaryNode {
  readonly kind: 'binary';
  readonly operator: BinaryOperator;
  readonly left: RuleNode;
  readonly right: RuleNode;
}

export type LogicalOperator = '&&' | '||' | '??';
export interface LogicalNode {
  readonly kind: 'logical';
  readonly operator: LogicalOperator;
  readonly left: RuleNode;
  readonly right: RuleNode;
}

export interface ConditionalNode {
  readonly kind: 'conditional';
  readonly test: RuleNode;
  readonly consequent: RuleNode;
  readonly alternate: RuleNode;
}

/** A call of one of the language's functions (see functions.ts); method calls such as `list.includes(x)` are rewritten to calls. */
export interface CallNode {
  readonly kind: 'call';
  readonly callee: string;
  readonly args: readonly RuleNode[];
}
