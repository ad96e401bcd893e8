/**
 * jsep, configured for the rule language: the `in` operator, and source positions on its nodes (jsep
 * records none), so that a rejected rule can point at the offending token.
 *
 * jsep's configuration is global to the module. The plugin registers once per jsep instance (jsep
 * ignores a second registration of the same name) and keeps its position stack on the parser object,
 * so two copies of this file loaded in one process cannot disturb each other.
 */
import jsep from 'jsep';

export type JsNode = jsep.Expression & { start?: number; end?: number };

interface PositionStack {
  suiviTokenStarts?: number[];
}

const DIGIT_0 = 48;
const DIGIT_9 = 57;
const PERIOD = 46;

jsep.addBinaryOp('in', 7);

jsep.plugins.register({
  name: 'suivi-positions',
  init() {
    jsep.hooks.add('gobble-token', function recordStart(env) {
      const stack = this as unknown as PositionStack;
      stack.suiviTokenStarts ??= [];
      stack.suiviTokenStarts.push(this.index);
      // jsep returns number literals without running 'after-token'; reading them here keeps starts paired.
      if ((this.code >= DIGIT_0 && this.code <= DIGIT_9) || this.code === PERIOD) {
        const node = this.gobbleNumericLiteral();
        if (node) env.node = node;
      }
    });
    jsep.hooks.add('after-token', function recordSpan(env) {
      const start = (this as unknown as PositionStack).suiviTokenStarts?.pop();
      const node = env.node as JsNode | undefined;
      if (node && start !== undefined) {
        node.start = start; // a parenthesised group: its span includes the parentheses
        node.end = this.index;
      }
    });
  },
});

export const parseJs = (source: string): JsNode => jsep(source) as JsNode;

/** The sub-nodes of a jsep node that can carry a position, in source order. */
export function jsChildren(node: JsNode): JsNode[] {
  const out: JsNode[] = [];
  for (const key of ['object', 'callee', 'argument', 'test', 'left', 'consequent', 'right', 'alternate']) {
    const child = node[key];
    if (isJsNode(child)) out.push(child);
  }
  for (const key of ['arguments', 'elements', 'body', 'expressions']) {
    const items = node[key];
    if (Array.isArray(items)) for (const item of items) if (isJsNode(item)) out.push(item);
  }
  return out;
}

const isJsNode = (x: unknown): x is JsNode =>
  typeof x === 'object' && x !== null && typeof (x as JsNode).type === 'string';

/** Where a node starts and ends in the source; nodes jsep builds after a token take their children's. */
export function spanOf(node: JsNode): { start: number; end: number } {
  const children = jsChildren(node);
  const first = children[0];
  const last = children[children.length - 1];
  const start = node.start ?? (first ? spanOf(first).start : 0);
  const end = node.end ?? (last ? spanOf(last).end : start);
  return { start, end };
}
