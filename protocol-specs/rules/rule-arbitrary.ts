/** Random rule trees for property tests: every node kind, every function (with a fitting number of arguments), over the fields given. */
import fc from 'fast-check';
import type { BinaryOperator, LogicalOperator, RuleLiteral, RuleNode, UnaryOperator } from './ast.ts';
import { FUNCTION_NAMES, RULE_FUNCTIONS } from './functions.ts';
import { binary, call, conditional, field, list, literal, logical, unary } from './nodes.ts';

const LITERALS: readonly RuleLiteral[] = [
  0,
  1,
  -1,
  2,
  2.5,
  0.1,
  1e21,
  3e9,
  'a',
  'b',
  'Oui',
  '',
  '0',
  '2024-05-01',
  true,
  false,
  null,
];
const UNARY: readonly UnaryOperator[] = ['!', '-', '+'];
const BINARY: readonly BinaryOperator[] = ['==', '!=', '<', '<=', '>', '>=', '+', '-', '*', '/', '%', 'in'];
const LOGICAL: readonly LogicalOperator[] = ['&&', '||', '??'];

export function ruleArbitrary(fields: ReadonlyArray<{ scope: string; key: string }>): fc.Arbitrary<RuleNode> {
  const { node } = fc.letrec<{ node: RuleNode }>((tie) => ({
    node: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      fc.constantFrom(...LITERALS).map(literal),
      fc.constantFrom(...fields).map((f) => field(f.scope, f.key)),
      fc.tuple(fc.constantFrom(...UNARY), tie('node')).map(([op, x]) => unary(op, x)),
      fc.tuple(fc.constantFrom(...BINARY), tie('node'), tie('node')).map(([op, a, b]) => binary(op, a, b)),
      fc.tuple(fc.constantFrom(...LOGICAL), tie('node'), tie('node')).map(([op, a, b]) => logical(op, a, b)),
      fc.tuple(tie('node'), tie('node'), tie('node')).map(([a, b, c]) => conditional(a, b, c)),
      fc.constantFrom(...FUNCTION_NAMES).chain((name) => {
        const fn = RULE_FUNCTIONS[name];
        const arity = { minLength: fn.minArgs, maxLength: Math.min(fn.maxArgs, 3) };
        return fc.array(tie('node'), arity).map((args) => call(name, args));
      }),
      fc.array(tie('node'), { maxLength: 3 }).map(list),
    ),
  }));
  return node;
}
