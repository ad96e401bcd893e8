/**
 * Folds what a translation leaves constant, in rules where only truth counts (`hidden`, `required`):
 * `null == 'Non'` (a comparison of two literals, e.g. with a field the protocol does not have) is false,
 * `a || false` is `a`, `a && false` is false, `c ? true : x` is `c || x` (the shape if/else chains of
 * `return true` take). Suivi's `&&`/`||` yield booleans from truthiness, so in a
 * truth slot these are exact.
 */
import { evaluateRule, isTruthy, ruleNodes as n, type RuleNode } from '../../../protocol-specs/index.ts';
import { negate } from './negate.ts';

const CONTEXT = { records: {}, today: '2000-01-01', now: '2000-01-01T00:00:00Z' };

const truth = (node: RuleNode): boolean | undefined => {
  if (node.kind === 'literal') return isTruthy(node.value);
  return undefined;
};

export function foldTruth(node: RuleNode): RuleNode {
  switch (node.kind) {
    case 'binary': {
      const { left, right } = node;
      if (left.kind === 'literal' && right.kind === 'literal') {
        return n.literal(isTruthy(evaluateRule(n.binary(node.operator, left, right), CONTEXT)));
      }
      return n.binary(node.operator, left, right);
    }
    case 'unary': {
      if (node.operator !== '!') return node;
      const operand = foldTruth(node.operand);
      const t = truth(operand);
      return t === undefined ? n.unary('!', operand) : n.literal(!t);
    }
    case 'logical': {
      if (node.operator === '??') return node;
      const [left, right] = [foldTruth(node.left), foldTruth(node.right)];
      const [l, r] = [truth(left), truth(right)];
      const and = node.operator === '&&';
      if (l !== undefined) return l === and ? right : n.literal(l);
      if (r !== undefined) return r === and ? left : n.literal(r);
      return n.logical(node.operator, left, right);
    }
    case 'conditional': {
      const test = foldTruth(node.test);
      const t = truth(test);
      if (t !== undefined) return foldTruth(t ? node.consequent : node.alternate);
      const [yes, no] = [foldTruth(node.consequent), foldTruth(node.alternate)];
      const [y, f] = [truth(yes), truth(no)];
      // What an if/else chain of `return true` / `return false` gives: `c ? true : x` is `c || x`, etc.
      if (y !== undefined && f !== undefined) return y === f ? n.literal(y) : y ? test : negate(test);
      if (y === true) return foldTruth(n.logical('||', test, no));
      if (y === false) return foldTruth(n.logical('&&', negate(test), no));
      if (f === true) return foldTruth(n.logical('||', negate(test), yes));
      if (f === false) return foldTruth(n.logical('&&', test, yes));
      return n.conditional(test, yes, no);
    }
    default:
      return node;
  }
}
