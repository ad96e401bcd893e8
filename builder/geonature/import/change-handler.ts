/**
 * A level's `change` handler (imperative: it runs at every edit and patches form values) → declarative
 * Suivi, statement by statement:
 *   - `x = e` on every run → `x` is computed as `e` (also when guarded by "the user has not typed x",
 *     with a warning: Suivi's computed fields cannot be overwritten);
 *   - "empty x when c" → nothing to write when c implies that x is hidden, since Suivi empties hidden
 *     fields itself (proved by implication.ts);
 *   - anything else (set x to a value under a condition, correct a value, set an object) has no
 *     declarative form and is reported.
 * The handler counts as translated when every statement is; the statements that are translated apply
 * either way.
 */
import { ruleNodes as n, type RuleNode } from '../../../protocol-specs/index.ts';
import { readArrow } from '../js/arrow.ts';
import { translateExpression } from '../js/expression.ts';
import { helperNamed } from '../js/helpers.ts';
import { implies } from '../js/implication.ts';
import { negate } from '../js/negate.ts';
import { printRule } from '../js/print-rule.ts';
import type { ExpressionScope } from '../js/scope.ts';
import { readStatements, type Statement } from '../js/statements.ts';
import type { Collector } from './collector.ts';

export interface ComputedAssignment {
  /** Suivi key of the field. */
  readonly key: string;
  readonly ast: RuleNode;
}

export interface ChangeContext {
  readonly scope: ExpressionScope;
  /** The visibility rule of a field of the level, by Suivi key (undefined: always shown). */
  readonly visibleIf: (key: string) => RuleNode | undefined;
  readonly collector: Collector;
  readonly file: string;
  readonly path: string;
}

/** The GeoNature keys a `change` handler assigns (they are kept even when hidden: they hold its results). */
export function changeTargets(change: unknown): Set<string> {
  const out = new Set<string>();
  if (typeof change !== 'string') return out;
  const arrow = readArrow(change);
  if (!arrow.ok) return out;
  const visit = (list: readonly Statement[]): void => {
    for (const s of list) {
      if (s.kind === 'patch') for (const e of s.entries) out.add(e.key);
      if (s.kind === 'if') {
        visit(s.then);
        visit(s.otherwise);
      }
    }
  };
  visit(readStatements(arrow.body.source));
  return out;
}

const DIRTY_GUARD = /^!\s*objForm\.controls\.([A-Za-z0-9_$]+)\.dirty$/;

export function translateChange(source: string, ctx: ChangeContext): ComputedAssignment[] {
  const arrow = readArrow(source);
  if (!arrow.ok) {
    ctx.collector.untranslated(ctx.file, ctx.path, arrow.reason);
    return [];
  }
  const statements = readStatements(arrow.body.source);
  const problems: string[] = [];
  /** Why those statements have no declarative form, each said once. */
  const reasons = new Set<string>();
  const computed: ComputedAssignment[] = [];
  const consts = new Map<string, RuleNode>();
  const helpers = new Set<string>();
  const expression = (text: string): RuleNode | undefined => {
    const result = translateExpression(text, { scope: ctx.scope, consts, helpers });
    if (!result.ok) problems.push(`${text.trim()}: ${result.reason}`);
    return result.ok ? result.ast : undefined;
  };
  const walk = (
    list: readonly Statement[],
    conditions: readonly RuleNode[],
    guarded: ReadonlySet<string>,
  ) => {
    for (const s of list) {
      if (s.kind === 'const' && helperNamed(s.name, s.source)) {
        helpers.add(s.name);
      } else if (s.kind === 'const') {
        const value = expression(s.source);
        if (value) consts.set(s.name, value);
      } else if (s.kind === 'if') {
        const dirty = DIRTY_GUARD.exec(s.test.trim());
        if (dirty?.[1] && s.otherwise.length === 0) {
          walk(s.then, conditions, new Set([...guarded, dirty[1]]));
          continue;
        }
        const test = expression(s.test);
        if (!test) continue;
        walk(s.then, [...conditions, test], guarded);
        walk(s.otherwise, [...conditions, negate(test)], guarded);
      } else if (s.kind === 'patch') {
        const test = s.test === undefined ? undefined : expression(s.test);
        if (s.test !== undefined && !test) continue;
        const all = test ? [...conditions, test] : conditions;
        for (const entry of s.entries) patch(entry.key, entry.value, all, guarded);
      } else if (s.kind === 'return' && s.source.trim() === '') {
        problems.push('returns early: the statements after it run only sometimes');
      } else {
        problems.push(
          `${s.text.trim()}: ${s.kind === 'other' ? s.reason : 'not an assignment of form values'}`,
        );
      }
    }
  };
  const patch = (
    gnKey: string,
    value: { kind: 'expression'; source: string } | { kind: 'object' },
    conditions: readonly RuleNode[],
    guarded: ReadonlySet<string>,
  ) => {
    const target = ctx.scope.own(gnKey);
    if (!target.ok) return problems.push(`sets ${gnKey}: ${target.reason}`);
    if (value.kind === 'object') {
      problems.push(`sets ${gnKey} to an object`);
      reasons.add('a rule cannot build an object (a taxon is its cd_nom)');
      return;
    }
    const ast = expression(value.source);
    if (!ast) return;
    const key = target.field.key;
    if (conditions.length === 0) {
      if (guarded.has(gnKey)) {
        ctx.collector.warn(
          ctx.file,
          ctx.path,
          `${key} is filled in until the user types it in GeoNature; in Suivi it is computed (${printRule(ast)}) and read-only`,
        );
      }
      computed.push({ key, ast });
      return;
    }
    const when = conditions.reduce((a, b) => n.logical('&&', a, b));
    const shown = ctx.visibleIf(key);
    const empties = ast.kind === 'literal' && ast.value === null;
    if (empties && shown && implies(when, negate(shown))) return; // Suivi empties it: hidden then.
    if (empties) {
      problems.push(`empties ${key} when ${printRule(when)}, while it is shown`);
      reasons.add('Suivi has no rule that empties a shown field');
    } else {
      problems.push(`sets ${key} to ${printRule(ast)} when ${printRule(when)}`);
      reasons.add(
        'Suivi has no conditional assignment: a computed field always applies, and a hidden field is emptied, not set',
      );
    }
  };
  walk(statements, [], new Set());
  if (problems.length === 0) ctx.collector.translated(ctx.file, ctx.path);
  else {
    ctx.collector.untranslated(ctx.file, ctx.path, [...problems, ...reasons].join('; '));
    if (computed.length > 0) {
      ctx.collector.warn(
        ctx.file,
        ctx.path,
        `translated in part: ${computed.map((c) => c.key).join(', ')} computed`,
      );
    }
  }
  return computed;
}
