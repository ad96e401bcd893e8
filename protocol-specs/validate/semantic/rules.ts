/** Rules: each parses, type-checks against its level, can be true, and computed values do not loop. */
import { type Diagnostic, error, warning } from '../../diagnostics.ts';
import type { RuleNode } from '../../rules/ast.ts';
import { checkRule, constantValue, isTruthy, parseRule, referencedFields } from '../../rules/index.ts';
import type { RuleSlot } from '../rule-slots.ts';
import type { CheckContext, SemanticCheck } from './context.ts';
import { contradiction } from './contradiction.ts';

export const ruleChecks: SemanticCheck = {
  name: 'rules',
  rules: {
    'rule-syntax': 'A rule parses.',
    'rule-unknown-field': 'A rule names fields that exist on its level or an ancestor.',
    'rule-type': 'A rule is well typed and yields what its slot needs.',
    'rule-unknown-choice': 'A rule compares a coded field only with codes it can hold.',
    'rule-never-true': 'A visibility, requirement, filter or check rule can be true.',
    'rule-constant': 'A rule that is always true or always false is written as a literal.',
    'rule-cycle': 'Computed values and visibility do not depend on themselves.',
  },
  check({ slots }: CheckContext): Diagnostic[] {
    const out: Diagnostic[] = [];
    const parsed: Array<{ slot: RuleSlot; ast: RuleNode }> = [];
    for (const slot of slots) {
      const result = parseRule(slot.source);
      if (!result.ok) {
        out.push(
          error(
            'rule-syntax',
            slot.path,
            `${result.error.message} (at character ${result.error.offset + 1} of the rule)`,
          ),
        );
        continue;
      }
      parsed.push({ slot, ast: result.ast });
      out.push(...typeProblems(slot, result.ast));
      out.push(...truthProblems(slot, result.ast));
    }
    out.push(...cycles(parsed));
    return out;
  },
};

const PROBLEM_RULE: Readonly<Record<string, string>> = {
  'unknown-scope': 'rule-unknown-field',
  'unknown-field': 'rule-unknown-field',
  'unknown-choice': 'rule-unknown-choice',
};

function typeProblems(slot: RuleSlot, ast: RuleNode): Diagnostic[] {
  return checkRule(ast, slot.environment, slot.expected).problems.map((p) =>
    error(PROBLEM_RULE[p.code] ?? 'rule-type', slot.path, p.message),
  );
}

const BOOLEAN_SLOTS = new Set(['required', 'visibleIf', 'filter', 'check']);

function truthProblems(slot: RuleSlot, ast: RuleNode): Diagnostic[] {
  if (!BOOLEAN_SLOTS.has(slot.slot)) return [];
  const constant = constantValue(ast);
  if (constant.constant) {
    const truth = isTruthy(constant.value);
    if (!truth) return [error('rule-never-true', slot.path, `this ${slot.slot} rule is always false`)];
    return [
      warning('rule-constant', slot.path, `this ${slot.slot} rule is always true; write true or drop it`),
    ];
  }
  const why = contradiction(ast);
  return why ? [error('rule-never-true', slot.path, `this ${slot.slot} rule can never be true: ${why}`)] : [];
}

/** A computed value or a visibility that depends (through other such rules) on its own field. */
function cycles(parsed: ReadonlyArray<{ slot: RuleSlot; ast: RuleNode }>): Diagnostic[] {
  const edges = new Map<string, { path: string; deps: string[] }>();
  for (const { slot, ast } of parsed) {
    if ((slot.slot !== 'computed' && slot.slot !== 'visibleIf') || !slot.field?.key || !slot.level.key)
      continue;
    const node = `${slot.level.key}.${slot.field.key}`;
    const deps = referencedFields(ast)
      .filter((r) => r.scope === 'value')
      .map((r) => `${slot.level.key}.${r.key}`);
    const existing = edges.get(node);
    edges.set(node, { path: existing?.path ?? slot.path, deps: [...(existing?.deps ?? []), ...deps] });
  }
  const out: Diagnostic[] = [];
  const reported = new Set<string>();
  for (const [start, { path }] of edges) {
    const trail = findCycle(start, edges);
    if (!trail || reported.has(start)) continue;
    for (const n of trail) reported.add(n);
    out.push(error('rule-cycle', path, `rules depend on themselves: ${trail.join(' → ')}`));
  }
  return out;
}

function findCycle(start: string, edges: ReadonlyMap<string, { deps: string[] }>): string[] | undefined {
  const stack: Array<{ node: string; trail: string[] }> = [{ node: start, trail: [start] }];
  const seen = new Set<string>();
  while (stack.length > 0) {
    const { node, trail } = stack.pop()!;
    for (const dep of edges.get(node)?.deps ?? []) {
      if (dep === start) return [...trail, start];
      if (!seen.has(dep)) {
        seen.add(dep);
        stack.push({ node: dep, trail: [...trail, dep] });
      }
    }
  }
  return undefined;
}
