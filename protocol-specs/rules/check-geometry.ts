/**
 * Geometries are opaque to rules: the evaluator reads a GeoJSON object as null, so a rule that tests
 * one (`empty(value.geom)`, `value.geom == null`) would silently be wrong. A geometry may only be passed
 * through as the rule's value (a SINP mapping `"geometry": "value.geom ?? site.geom"`).
 */
import type { RuleNode } from './ast.ts';
import { formatRule } from './format.ts';
import { childrenOf } from './nodes.ts';
import type { RuleEnvironment } from './types.ts';

export function geometryInspections(ast: RuleNode, env: RuleEnvironment): string[] {
  const out: string[] = [];
  const visit = (node: RuleNode, passedThrough: boolean): void => {
    if (node.kind === 'field') {
      const fields = Object.hasOwn(env.scopes, node.scope) ? env.scopes[node.scope] : undefined;
      const type = fields && Object.hasOwn(fields, node.key) ? fields[node.key] : undefined;
      if (type?.base === 'geometry' && !passedThrough) {
        out.push(`${formatRule(node)} is a geometry; rules cannot test geometries, only pass them on`);
      }
      return;
    }
    // The value of `a ?? b`, coalesce(…) and the branches of `?:` is one of these operands, unchanged.
    const passes =
      (node.kind === 'logical' && node.operator === '??') ||
      (node.kind === 'call' && node.callee === 'coalesce');
    if (node.kind === 'conditional') {
      visit(node.test, false);
      visit(node.consequent, passedThrough);
      visit(node.alternate, passedThrough);
      return;
    }
    for (const child of childrenOf(node)) visit(child, passedThrough && passes);
  };
  visit(ast, true);
  return out;
}
