/**
 * Prints a rule back as source text, for messages ("value.a (number) is compared with 'x'") and for
 * tools that show a rule built from a tree. Every compound operand is parenthesised: unambiguous, and
 * parseRule(formatRule(ast)) gives the same tree.
 */
import type { RuleLiteral, RuleNode, RuleNodeKind } from './ast.ts';

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

export function formatLiteral(value: RuleLiteral): string {
  // A negative number is a unary minus to the parser; the parentheses keep `-(-5)` from reading as `--5`.
  if (typeof value === 'number') return value < 0 ? `(${value})` : String(value);
  if (typeof value !== 'string') return String(value);
  const escaped = value
    .replaceAll('\\', '\\\\')
    .replaceAll("'", "\\'")
    .replaceAll('\n', '\\n')
    .replaceAll('\r', '\\r');
  return `'${escaped}'`;
}

const atomic = (node: RuleNode): boolean =>
  node.kind === 'literal' || node.kind === 'field' || node.kind === 'list' || node.kind === 'call';

const operand = (node: RuleNode): string => (atomic(node) ? formatRule(node) : `(${formatRule(node)})`);

const PRINTERS: { readonly [K in RuleNodeKind]: (node: Extract<RuleNode, { kind: K }>) => string } = {
  literal: (node) => formatLiteral(node.value),
  field: (node) =>
    IDENTIFIER.test(node.key) ? `${node.scope}.${node.key}` : `${node.scope}[${formatLiteral(node.key)}]`,
  list: (node) => `[${node.items.map(formatRule).join(', ')}]`,
  unary: (node) => `${node.operator}${operand(node.operand)}`,
  binary: (node) => `${operand(node.left)} ${node.operator} ${operand(node.right)}`,
  logical: (node) => `${operand(node.left)} ${node.operator} ${operand(node.right)}`,
  conditional: (node) => `${operand(node.test)} ? ${operand(node.consequent)} : ${operand(node.alternate)}`,
  call: (node) => `${node.callee}(${node.args.map(formatRule).join(', ')})`,
};

export function formatRule(node: RuleNode): string {
  const print = PRINTERS[node.kind] as (n: RuleNode) => string;
  return print(node);
}
