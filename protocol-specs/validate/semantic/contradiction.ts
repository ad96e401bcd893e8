/**
 * Finds the simplest way a rule can never be true: a conjunction that asks one field to equal two
 * different literals, or to equal a literal it also excludes (`value.a == 'x' && value.a != 'x'`).
 */
import type { RuleNode } from '../../rules/ast.ts';

type Constraint = { readonly field: string; readonly equals: boolean; readonly literal: unknown };

export function contradiction(ast: RuleNode): string | undefined {
  const constraints = conjuncts(ast).flatMap(asConstraint);
  for (const a of constraints) {
    for (const b of constraints) {
      if (a === b || a.field !== b.field) continue;
      if (a.equals && b.equals && a.literal !== b.literal) {
        return `${a.field} cannot equal both ${show(a.literal)} and ${show(b.literal)}`;
      }
      if (a.equals && !b.equals && a.literal === b.literal) {
        return `${a.field} cannot both equal and differ from ${show(a.literal)}`;
      }
    }
  }
  return undefined;
}

function conjuncts(node: RuleNode): RuleNode[] {
  return node.kind === 'logical' && node.operator === '&&'
    ? [...conjuncts(node.left), ...conjuncts(node.right)]
    : [node];
}

function asConstraint(node: RuleNode): Constraint[] {
  if (node.kind !== 'binary' || (node.operator !== '==' && node.operator !== '!=')) return [];
  const [field, literal] =
    node.left.kind === 'field' && node.right.kind === 'literal'
      ? [node.left, node.right]
      : node.right.kind === 'field' && node.left.kind === 'literal'
        ? [node.right, node.left]
        : [undefined, undefined];
  if (!field || !literal) return [];
  return [{ field: `${field.scope}.${field.key}`, equals: node.operator === '==', literal: literal.value }];
}

const show = (v: unknown) => (typeof v === 'string' ? `'${v}'` : String(v));
