/**
 * Stage 2 of validation, last step: the level's record checks (`checks`), each a rule the resolved record
 * (with its ancestors) must make true. A failure is one `check` problem at the first field the check
 * lists (or the record, path ""), carrying the check's id and its message in both languages.
 */
import { evaluateRule, isTruthy, type ResolvedLevel } from '../../../protocol-specs/index.ts';
import { ruleView } from './field-values.ts';
import type { Resolved } from './resolve-values.ts';
import { type Clock, ruleContext, type Scopes } from './rule-context.ts';
import type { Violation } from './violation.ts';

const pointer = (key: string) => `/${key.replaceAll('~', '~0').replaceAll('/', '~1')}`;

export function checkViolations(
  level: ResolvedLevel,
  resolved: Resolved,
  clock: Clock,
  scopes: Scopes,
): Violation[] {
  const checks = level.checks ?? [];
  if (checks.length === 0) return [];
  const context = ruleContext(clock, { ...scopes, value: ruleView(level.fields, resolved.values) });
  return checks.flatMap((check): Violation[] => {
    if (isTruthy(evaluateRule(check.rule.ast, context))) return [];
    const first = check.fields[0];
    return [
      {
        path: first === undefined ? '' : pointer(first),
        code: 'check',
        check: { id: check.id, message: check.message },
      },
    ];
  });
}
