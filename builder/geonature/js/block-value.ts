/**
 * The symbolic evaluator of block bodies: the value a side-effect-free function body returns, as one
 * expression, found by walking its statements with an environment of locals (never by running them).
 *   - `const`/`let`/`var` locals and later assignments (`x = …`, `x += …`) are inlined where read;
 *   - `if`/`else if`/`else`, nested or not, and early returns become conditional expressions: `if (a)
 *     { return x } … return y` is `a ? x : y`, each branch carrying on with the statements after the `if`
 *     when it does not return;
 *   - a path that ends without `return` gives `undefined`, which GeoNature reads as false or empty: null.
 * A body that patches the form, calls a function or does anything else has no value and is refused.
 */
import { ruleNodes as n, type RuleNode } from '../../../protocol-specs/index.ts';
import { type ExpressionOptions, translateExpression } from './expression.ts';
import { helperNamed } from './helpers.ts';
import type { Statement } from './statements.ts';

export type BlockValue =
  | {
      readonly ok: true;
      readonly ast: RuleNode;
      readonly fixes: readonly string[];
      readonly bugs?: readonly string[];
    }
  | { readonly ok: false; readonly reason: string };

export class Refused extends Error {}

/** Turns the source of a returned value into a rule; the default reads it as an expression. */
export type Leaf = (source: string, options: ExpressionOptions) => RuleNode;
/** A custom reader of returned values, given the expression reader (which keeps fixes and bugs). */
export type ReturnReader = (source: string, options: ExpressionOptions, expression: Leaf) => RuleNode;

/** Beyond this many nodes the conditional form is not worth reading (paths multiply with each `if`). */
const MAX_NODES = 2000;

export function blockValue(
  statements: readonly Statement[],
  options: ExpressionOptions,
  leaf?: ReturnReader,
): BlockValue {
  const fixes: string[] = [];
  const bugs: string[] = [];
  const expression: Leaf = (source, o) => {
    const result = translateExpression(source, o);
    if (!result.ok) throw new Refused(result.reason);
    for (const fix of result.fixes) if (!fixes.includes(fix)) fixes.push(fix);
    for (const bug of result.bugs ?? []) if (!bugs.includes(bug)) bugs.push(bug);
    return result.ast;
  };
  try {
    const ast = new Evaluator(
      expression,
      leaf ? (source, o) => leaf(source, o, expression) : expression,
    ).block(statements, options);
    if (size(ast) > MAX_NODES)
      return { ok: false, reason: 'the body has too many paths to read as one rule' };
    return { ok: true, ast, fixes, ...(bugs.length > 0 ? { bugs } : {}) };
  } catch (e) {
    if (e instanceof Refused) return { ok: false, reason: e.message };
    throw e;
  }
}

class Evaluator {
  constructor(
    private readonly expression: Leaf,
    private readonly leaf: Leaf,
  ) {}

  block(statements: readonly Statement[], options: ExpressionOptions): RuleNode {
    const [first, ...rest] = statements;
    if (!first) return n.literal(null);
    const bind = (name: string, value: RuleNode) => {
      const consts = new Map(options.consts ?? []);
      consts.set(name, value);
      return { ...options, consts };
    };
    switch (first.kind) {
      case 'return':
        return first.source.trim() === '' ? n.literal(null) : this.leaf(first.source, options);
      case 'const': {
        const helper = helperNamed(first.name, first.source);
        if (helper)
          return this.block(rest, { ...options, helpers: new Set([...(options.helpers ?? []), helper]) });
        return this.block(rest, bind(first.name, this.expression(first.source, options)));
      }
      case 'destructure': {
        let next = options;
        for (const name of first.names)
          next = bind(name, this.expression(`(${first.source}).${name}`, options));
        return this.block(rest, next);
      }
      case 'assign': {
        if (!options.consts?.has(first.name))
          throw new Refused(`assigns ${first.name}, which is not a local of the function: ${first.text}`);
        const value = this.expression(first.source, options);
        const old = options.consts.get(first.name) as RuleNode;
        const op = first.operator as '+' | '-' | '*' | '/' | undefined;
        return this.block(rest, bind(first.name, op ? n.binary(op, old, value) : value));
      }
      case 'if': {
        const test = this.expression(first.test, options);
        const then = this.block([...first.consequent, ...(returns(first.consequent) ? [] : rest)], options);
        const otherwise = this.block(
          [...first.otherwise, ...(returns(first.otherwise) ? [] : rest)],
          options,
        );
        return sameNode(then, otherwise) ? then : n.conditional(test, then, otherwise);
      }
      default: {
        const why = first.kind === 'other' ? ` (${first.reason})` : '';
        throw new Refused(`the block does more than compute a value${why}: ${first.text}`);
      }
    }
  }
}

/** Whether a statement list always ends in `return` (so what follows it never runs). */
function returns(statements: readonly Statement[]): boolean {
  const last = statements.at(-1);
  if (!last) return false;
  if (last.kind === 'return') return true;
  return last.kind === 'if' && returns(last.consequent) && returns(last.otherwise);
}

const sameNode = (a: RuleNode, b: RuleNode) => JSON.stringify(a) === JSON.stringify(b);

function size(node: RuleNode): number {
  return 1 + n.childrenOf(node).reduce((total, child) => total + size(child), 0);
}
