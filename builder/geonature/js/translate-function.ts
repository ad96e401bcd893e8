/**
 * One GeoNature function string → one Suivi rule tree: the arrow header is read off, then an expression
 * body is translated directly and a block body through its value (if/return chains become `?:`).
 */
import type { RuleNode } from '../../../protocol-specs/index.ts';
import { readArrow } from './arrow.ts';
import { blockValue, type ReturnReader } from './block-value.ts';
import { type ExpressionOptions, translateExpression } from './expression.ts';
import { readStatements, type Statement } from './statements.ts';

export type FunctionResult =
  | {
      readonly ok: true;
      readonly ast: RuleNode;
      readonly fixes: readonly string[];
      readonly bugs?: readonly string[];
    }
  | { readonly ok: false; readonly reason: string };

/**
 * `leaf` reads what the function returns when that is not a plain value (the object of a `filters`);
 * without it, an object body is refused.
 */
export function translateFunction(
  source: string,
  options: ExpressionOptions,
  leaf?: ReturnReader,
): FunctionResult {
  const arrow = readArrow(source);
  if (!arrow.ok) return arrow;
  const statements = (() => {
    switch (arrow.body.kind) {
      case 'expression':
        return leaf ? [returnOf(arrow.body.source)] : undefined;
      case 'block':
        return readStatements(arrow.body.source);
      case 'object':
        return leaf ? [returnOf(`{${arrow.body.source}}`)] : undefined;
    }
  })();
  if (statements) return blockValue(statements, options, leaf);
  if (arrow.body.kind === 'object')
    return { ok: false, reason: 'returns an object (API parameters), not a value' };
  return translateExpression(arrow.body.source, options);
}

const returnOf = (source: string): Statement => ({ kind: 'return', source, text: `return ${source}` });
