/**
 * Negation of a rule, for GeoNature's `hidden` (Suivi says `visibleIf`, its opposite). The rewrite keeps
 * the meaning exactly under Suivi's semantics and reads like a person would write it:
 *   - `!x` ↔ `x`; `a == b` ↔ `a != b` (typed equality: null equals only null, so this is exact);
 *   - `a && b` ↔ `!a || !b` and back (Suivi's `&&` and `||` yield booleans from truthiness);
 *   - `c ? a : b` → `c ? !a : !b`;
 *   - anything else is wrapped: `a < b` → `!(a < b)` (not `a >= b`, which is false when a is null).
 */
import { ruleNodes as n, type RuleNode } from '../../../protocol-specs/index.ts';

export function negate(rule: RuleNode): RuleNode {
  switch (rule.kind) {
    case 'unary':
      return rule.operator === '!' ? rule.operand : n.unary('!', rule);
    case 'binary':
      if (rule.operator === '==') return n.binary('!=', rule.left, rule.right);
      if (rule.operator === '!=') return n.binary('==', rule.left, rule.right);
      return n.unary('!', rule);
    case 'logical':
      if (rule.operator === '&&') return n.logical('||', negate(rule.left), negate(rule.right));
      if (rule.operator === '||') return n.logical('&&', negate(rule.left), negate(rule.right));
      return n.unary('!', rule);
    case 'conditional':
      return n.conditional(rule.test, negate(rule.consequent), negate(rule.alternate));
    default:
      return n.unary('!', rule);
  }
}

/**
 * A rule whose negation is `rule`, node for node: what export-gn writes as `hidden` so that import-gn's
 * negation gives `rule` back exactly. The readable negation when it comes back as `rule` (almost always),
 * else `!(rule)`, which `negate` always unwraps.
 */
export function negationSource(rule: RuleNode): RuleNode {
  const readable = negate(rule);
  return JSON.stringify(negate(readable)) === JSON.stringify(rule) ? readable : n.unary('!', rule);
}
