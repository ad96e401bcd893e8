/**
 * The value of a side-effect-free block body, as one expression: `if (a) { return x } if (b) { return y }
 * else { return z }` is `a ? x : (b ? y : z)`. Constants are substituted where they are used. A block
 * that assigns, calls, or may end without returning has no expression form and is refused.
 */
import { ruleNodes as n, type RuleNode } from '../../../protocol-specs/index.ts';
import { type ExpressionOptions, translateExpression } from './expression.ts';
import { helperNamed } from './helpers.ts';
import type { Statement } from './statements.ts';

export type BlockValue =
  | { readonly ok: true; readonly ast: RuleNode }
  | { readonly ok: false; readonly reason: string };

class Refused extends Error {}

export function blockValue(statements: readonly Statement[], options: ExpressionOptions): BlockValue {
  try {
    return { ok: true, ast: valueOfBlock(statements, options) };
  } catch (e) {
    if (e instanceof Refused) return { ok: false, reason: e.message };
    throw e;
  }
}

function valueOfBlock(statements: readonly Statement[], options: ExpressionOptions): RuleNode {
  const [first, ...rest] = statements;
  if (!first) throw new Refused('the block can end without returning a value');
  const expression = (source: string) => {
    const result = translateExpression(source, options);
    if (!result.ok) throw new Refused(result.reason);
    return result.ast;
  };
  switch (first.kind) {
    case 'return':
      return first.source.trim() === '' ? n.literal(null) : expression(first.source);
    case 'const': {
      const helper = helperNamed(first.name, first.source);
      if (helper)
        return valueOfBlock(rest, { ...options, helpers: new Set([...(options.helpers ?? []), helper]) });
      const consts = new Map(options.consts ?? []);
      consts.set(first.name, expression(first.source));
      return valueOfBlock(rest, { ...options, consts });
    }
    case 'if': {
      const test = expression(first.test);
      const then = valueOfBlock([...first.then, ...(returns(first.then) ? [] : rest)], options);
      const otherwise = valueOfBlock(
        [...first.otherwise, ...(returns(first.otherwise) ? [] : rest)],
        options,
      );
      return n.conditional(test, then, otherwise);
    }
    default:
      throw new Refused(`the block does more than compute a value: ${first.text}`);
  }
}

/** Whether a statement list always ends in `return` (so what follows it never runs). */
function returns(statements: readonly Statement[]): boolean {
  const last = statements.at(-1);
  if (!last) return false;
  if (last.kind === 'return') return true;
  return last.kind === 'if' && returns(last.then) && returns(last.otherwise);
}
