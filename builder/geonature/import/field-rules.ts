/**
 * Stage 5: the JavaScript of one field (`hidden`, `required`, `min`, `max`, `value`/`default`, `values`,
 * `params`) → Suivi rule slots. `hidden` is negated into `visibleIf`; a rule that turns out constant
 * becomes the boolean it is; dynamic `values` become the union of their lists plus a choice filter.
 * Every rule string gets a verdict in the collector.
 */
import { type FieldKind, ruleNodes as n, type RuleNode } from '../../../protocol-specs/index.ts';
import { looksLikeJs } from '../js/arrow.ts';
import { readsUserDatasets, singleDatasetTest } from '../js/dataset-idiom.ts';
import { readFilterObject } from '../js/filter-object.ts';
import { foldTruth } from '../js/fold.ts';
import { negate } from '../js/negate.ts';
import type { ExpressionScope } from '../js/scope.ts';
import { translateFunction } from '../js/translate-function.ts';
import type { Collector } from './collector.ts';
import type { FieldDefinition } from './field-definitions.ts';
import { escapeSegment } from './read-files.ts';

export type RuleSlot = 'visibleIf' | 'required' | 'min' | 'max' | 'default' | 'filter';

export interface SlotRule {
  readonly slot: RuleSlot;
  readonly ast: RuleNode;
  /** The GeoNature rule it came from. */
  readonly file: string;
  readonly path: string;
}

export interface FieldRules {
  readonly rules: readonly SlotRule[];
  /** A `hidden` or `required` rule that is a constant: the boolean it always gives. */
  readonly hidden?: boolean;
  readonly required?: boolean;
  /** Choices a `values` function can return (their union), filtered by a rule in `rules`. */
  readonly choices?: readonly string[];
}

export interface FieldRuleContext {
  readonly scope: ExpressionScope;
  readonly collector: Collector;
}

export function translateFieldRules(d: FieldDefinition, kind: FieldKind, ctx: FieldRuleContext): FieldRules {
  const rules: SlotRule[] = [];
  let hidden: boolean | undefined;
  let required: boolean | undefined;
  let choices: string[] | undefined;
  for (const [key, value] of Object.entries(d.specific ?? {})) {
    if (typeof value !== 'string' || !looksLikeJs(value)) continue;
    const path = `${d.path}/${escapeSegment(d.origins[key] ?? key)}`;
    const { collector } = ctx;
    const refuse = (reason: string) => collector.untranslated(d.file, path, reason);
    if (key === 'params') {
      refuse('API query parameters of the list: Suivi lists have no query parameters');
      continue;
    }
    const result = translateFunction(
      value,
      { scope: ctx.scope },
      key === 'filters' ? readFilterObject : undefined,
    );
    if (!result.ok) {
      refuse(result.reason);
      continue;
    }
    if (readsUserDatasets(result.ast)) {
      if (key === 'hidden' && kind === 'dataset' && singleDatasetTest(result.ast)) {
        collector.builtIn(
          d.file,
          path,
          "hides the dataset picker when the user has one dataset: this reads the user's datasets, not the record; Suivi keeps the required dataset field shown (a hidden Suivi field is cleared), give it a default to pre-fill it",
        );
      } else {
        refuse(
          "reads how many datasets the user has (Object.keys(meta.dataset)), which is GeoNature's session, not the record",
        );
      }
      continue;
    }
    for (const fix of result.fixes) collector.warn(d.file, path, fix);
    for (const bug of result.bugs ?? []) collector.sourceBug(d.file, path, bug);
    const ast =
      key === 'hidden' || key === 'required' || key === 'filters'
        ? foldTruth(withoutDoubleNegation(result.ast))
        : result.ast;
    const constant = ast.kind === 'literal' && typeof ast.value === 'boolean' ? ast.value : undefined;
    const add = (slot: RuleSlot, node: RuleNode) => rules.push({ slot, ast: node, file: d.file, path });
    switch (key) {
      case 'hidden':
        if (constant === undefined) add('visibleIf', foldTruth(negate(ast)));
        else hidden = constant;
        break;
      case 'required':
        if (constant === undefined) add('required', ast);
        else required = constant;
        break;
      case 'min':
      case 'max':
        add(key, ast);
        break;
      case 'value':
      case 'default':
        add('default', ast);
        break;
      case 'filters':
        // A filter that keeps every value is no filter.
        if (constant !== true) add('filter', ast);
        break;
      case 'values': {
        const union = listLeaves(ast);
        if (!union) {
          refuse('the function does not return lists of values');
          continue;
        }
        choices = union;
        add('filter', n.call('includes', [ast, n.field('choice', 'code')]));
        break;
      }
      default:
        refuse(`"${key}" takes no rule in Suivi`);
        continue;
    }
    collector.translated(d.file, path);
  }
  return {
    rules,
    ...(hidden === undefined ? {} : { hidden }),
    ...(required === undefined ? {} : { required }),
    ...(choices ? { choices } : {}),
  };
}

/** `!!x` is x wherever only truth counts. */
function withoutDoubleNegation(ast: RuleNode): RuleNode {
  return ast.kind === 'unary' &&
    ast.operator === '!' &&
    ast.operand.kind === 'unary' &&
    ast.operand.operator === '!'
    ? withoutDoubleNegation(ast.operand.operand)
    : ast;
}

/** The texts a `values` function can return, in first-seen order; undefined unless every leaf is a list of texts. */
function listLeaves(ast: RuleNode): string[] | undefined {
  const out: string[] = [];
  const visit = (node: RuleNode): boolean => {
    if (node.kind === 'conditional') return visit(node.consequent) && visit(node.alternate);
    if (node.kind === 'literal' && node.value === null) return true;
    if (node.kind !== 'list') return false;
    for (const item of node.items) {
      if (item.kind !== 'literal' || typeof item.value !== 'string') return false;
      if (!out.includes(item.value)) out.push(item.value);
    }
    return true;
  };
  return visit(ast) && out.length > 0 ? out : undefined;
}
