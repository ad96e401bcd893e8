/** The rule language: parse, check, evaluate, compile to SQL, analyse. See docs/rules.md. */

export { type ConstantResult, constantValue, type FieldReference, referencedFields } from './analyse.ts';
export type * from './ast.ts';
export { type CheckResult, checkRule, type RuleProblem, type RuleProblemCode } from './check.ts';
export { evaluateRule, isTruthy, type RuleContext, type RuleValue } from './evaluate.ts';
export { formatRule } from './format.ts';
export {
  FUNCTION_NAMES,
  findFunction,
  RULE_FUNCTIONS,
  type RuleFunction,
  type RuleFunctionName,
} from './functions.ts';
export * as ruleNodes from './nodes.ts';
export {
  JS_BINARY_OPERATORS,
  MAX_RULE_DEPTH,
  MAX_RULE_LENGTH,
  type ParseResult,
  parseRule,
  type RuleSyntaxError,
} from './parse.ts';
export { type SqlBase, sqlLiteral } from './sql-expr.ts';
export {
  compileRuleToSql,
  compileRuleToSqlValue,
  type SqlColumn,
  type SqlRuleEnvironment,
  type SqlRuleResult,
  type SqlValueResult,
} from './to-sql.ts';
export type { BaseType, RuleEnvironment, RuleType } from './types.ts';
