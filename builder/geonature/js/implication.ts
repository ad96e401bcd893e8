/**
 * Does rule `a` imply rule `b`? Used to prove that a `change` handler's "empty field x when c" adds
 * nothing to Suivi's own behaviour (a hidden field is emptied): it holds when c implies that x is hidden.
 * Checked by evaluating both rules, with Suivi's evaluator, on every combination of the values that
 * matter (each literal either rule compares with, null, and one value equal to none of them). For rules
 * made of comparisons with literals, that covers every case; beyond a few thousand combinations the
 * answer is a cautious no.
 */
import {
  evaluateRule,
  isTruthy,
  type RuleNode,
  type RuleValue,
  referencedFields,
  ruleNodes,
} from '../../../protocol-specs/index.ts';

const MAX_CASES = 4096;

const ANY_VALUES: readonly RuleValue[] = [null, '\u0000other', -987654321, true, false];

/** `values`: the values every field may take besides the literals of the rules (fields of text: null and a text). */
export function implies(a: RuleNode, b: RuleNode, values: readonly RuleValue[] = ANY_VALUES): boolean {
  const fields = referencedFields(ruleNodes.logical('&&', a, b));
  const candidates: RuleValue[] = [...values, ...literals(a), ...literals(b)];
  const unique = [...new Map(candidates.map((c) => [JSON.stringify(c), c])).values()];
  if (unique.length ** fields.length > MAX_CASES) return false;
  const assignment: RuleValue[] = fields.map(() => null);
  const check = (i: number): boolean => {
    if (i === fields.length) {
      const records: Record<string, Record<string, unknown>> = {};
      fields.forEach((f, j) => {
        records[f.scope] = { ...records[f.scope], [f.key]: assignment[j] };
      });
      const context = { records, today: '2000-01-01', now: '2000-01-01T00:00:00Z' };
      return !isTruthy(evaluateRule(a, context)) || isTruthy(evaluateRule(b, context));
    }
    return unique.every((value) => {
      assignment[i] = value;
      return check(i + 1);
    });
  };
  return check(0);
}

function literals(node: RuleNode): RuleValue[] {
  switch (node.kind) {
    case 'literal':
      return [node.value];
    case 'field':
      return [];
    case 'list':
      return node.items.flatMap(literals);
    case 'unary':
      return literals(node.operand);
    case 'binary':
    case 'logical':
      return [...literals(node.left), ...literals(node.right)];
    case 'conditional':
      return [...literals(node.test), ...literals(node.consequent), ...literals(node.alternate)];
    case 'call':
      return node.args.flatMap(literals);
  }
}
