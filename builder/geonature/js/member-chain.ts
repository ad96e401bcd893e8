/**
 * Member chains of jsep trees read from their root: `meta.parents.site.properties.x` is root `meta` and
 * five segments; `(x || {}).y` and optional chaining `x?.y` read as `x.y` (null-safety is the rule's).
 */
import type jsep from 'jsep';
import { EMPTY_OBJECT } from './arrow.ts';

type JsNode = jsep.Expression;

export interface Segment {
  readonly name?: string;
  readonly computed?: JsNode;
}

/** `x || {}` and `x ?? {}`: a guard against null, which changes nothing in a rule. */
export function unguarded(node: JsNode): JsNode {
  if (
    node.type === 'BinaryExpression' &&
    (node.operator === '||' || node.operator === '??') &&
    (node.right as JsNode).name === EMPTY_OBJECT
  )
    return unguarded(node.left as JsNode);
  return node;
}

/** Reads `a.b[c].d` from its root identifier; undefined when the root is not a name. */
export function readChain(js: JsNode): { root: string; segments: Segment[] } | undefined {
  const segments: Segment[] = [];
  let node: JsNode = js;
  while (node.type === 'MemberExpression') {
    const property = node.property as JsNode;
    segments.unshift(node.computed ? segmentOf(property) : { name: String(property.name) });
    node = unguarded(node.object as JsNode);
  }
  return node.type === 'Identifier' ? { root: String(node.name), segments } : undefined;
}

/** `x['k']` names key k; the expression stays too, for `meta.nomenclatures['…']`, where it is a value. */
export const segmentOf = (property: JsNode): Segment =>
  property.type === 'Literal' && typeof property.value === 'string'
    ? { name: property.value, computed: property }
    : { computed: property };

export function memberText(js: JsNode): string {
  const chain = readChain(js);
  return chain ? [chain.root, ...chain.segments.map((s) => s.name ?? '[…]')].join('.') : 'this member';
}
