/**
 * One GeoNature function string → one Suivi rule tree: the arrow header is read off, then an expression
 * body is translated directly and a block body through its value (if/return chains become `?:`).
 */
import type { RuleNode } from '../../../protocol-specs/index.ts';
import { readArrow } from './arrow.ts';
import { blockValue } from './block-value.ts';
import { type ExpressionOptions, translateExpression } from './expression.ts';
import { readStatements } from './statements.ts';

export type FunctionResult =
  | { readonly ok: true; readonly ast: RuleNode; readonly fixes: readonly string[] }
  | { readonly ok: false; readonly reason: string };

export function translateFunction(source: string, options: ExpressionOptions): FunctionResult {
  const arrow = readArrow(source);
  if (!arrow.ok) return arrow;
  switch (arrow.body.kind) {
    case 'expression':
      return translateExpression(arrow.body.source, options);
    case 'block': {
      const value = blockValue(readStatements(arrow.body.source), options);
      return value.ok ? { ok: true, ast: value.ast, fixes: [] } : value;
    }
    case 'object':
      return { ok: false, reason: 'returns an object (API parameters), not a value' };
  }
}

/** The body of an expression function, spaces squeezed: for recognising idioms by their text. */
export function bodyText(source: string): string | undefined {
  const arrow = readArrow(source);
  return arrow.ok ? arrow.body.source.replace(/\s+/g, ' ').trim() : undefined;
}

/**
 * GeoNature's "hide the dataset picker when the user has a single dataset" (GeoNature then fills it
 * in). It reads the user's datasets, not the record, so it has no rule form; Suivi keeps a required
 * field visible rather than hide it (a hidden Suivi field is cleared).
 */
export const isSingleDatasetIdiom = (source: string): boolean =>
  /^meta\.dataset && Object\.keys\(meta\.dataset\)\.length ===? 1$/.test(bodyText(source) ?? '');
