/**
 * A level's `change` handler (imperative: it runs at every edit and patches form values) → declarative
 * Suivi, statement by statement:
 *   - `x = e` on every run → `x` is computed as `e` (also when guarded by "the user has not typed x",
 *     with a warning: Suivi's computed fields cannot be overwritten);
 *   - `x = <parent's field>` when x is empty (or on every run) → x's default is the parent's field, applied
 *     at creation (ancestors cannot be computed: computed fields are stored columns);
 *   - "empty x when c" → nothing to write when c implies that x is hidden, since Suivi empties hidden
 *     fields itself (proved by implication.ts); otherwise x is hidden when c (and so emptied), with a
 *     warning: GeoNature left it shown and empty;
 *   - `objForm.controls.x.setErrors({…})` when c → a record check `!c` shown on x;
 *   - anything else (set x to a value under a condition, correct a value, set an object) has no
 *     declarative form and is reported.
 * The handler counts as translated when every statement is; the statements that are translated apply
 * either way.
 */
import { ruleNodes as n, type RuleNode, referencedFields } from '../../../protocol-specs/index.ts';
import { readArrow } from '../js/arrow.ts';
import { translateExpression } from '../js/expression.ts';
import { foldTruth } from '../js/fold.ts';
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

/** A record check of the level (contract: `checks` of a level), from `setErrors` under a condition. */
export interface RecordCheck {
  readonly id: string;
  readonly rule: RuleNode;
  readonly fields: readonly string[];
}

export interface ChangeTranslation {
  readonly computed: readonly ComputedAssignment[];
  /** Defaults read from an ancestor at creation. */
  readonly defaults: readonly ComputedAssignment[];
  /** Fields to hide (and so empty) when the rule holds. */
  readonly hides: readonly ComputedAssignment[];
  readonly checks: readonly RecordCheck[];
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
        visit(s.consequent);
        visit(s.otherwise);
      }
    }
  };
  visit(readStatements(arrow.body.source));
  return out;
}

const DIRTY_GUARD = /^!\s*objForm\.controls\.([A-Za-z0-9_$]+)\.dirty$/;

const NOTHING: ChangeTranslation = { computed: [], defaults: [], hides: [], checks: [] };

export function translateChange(source: string, ctx: ChangeContext): ChangeTranslation {
  const arrow = readArrow(source);
  if (!arrow.ok) {
    ctx.collector.untranslated(ctx.file, ctx.path, arrow.reason);
    return NOTHING;
  }
  const statements = readStatements(arrow.body.source);
  const problems: string[] = [];
  /** Why those statements have no declarative form, each said once. */
  const reasons = new Set<string>();
  const computed: ComputedAssignment[] = [];
  const defaults: ComputedAssignment[] = [];
  const hides: ComputedAssignment[] = [];
  const checks: RecordCheck[] = [];
  const consts = new Map<string, RuleNode>();
  const helpers = new Set<string>();
  const expression = (text: string): RuleNode | undefined => {
    const result = translateExpression(text, { scope: ctx.scope, consts, helpers, formValidity: true });
    if (!result.ok) problems.push(`${text.trim()}: ${result.reason}`);
    for (const bug of result.ok ? (result.bugs ?? []) : []) ctx.collector.sourceBug(ctx.file, ctx.path, bug);
    return result.ok ? result.ast : undefined;
  };
  const warn = (message: string) => ctx.collector.warn(ctx.file, ctx.path, message);
  const walk = (
    list: readonly Statement[],
    conditions: readonly RuleNode[],
    guarded: ReadonlySet<string>,
  ) => {
    for (const s of list) {
      if (s.kind === 'const' && helperNamed(s.name, s.source)) {
        helpers.add(s.name);
      } else if (s.kind === 'const' || (s.kind === 'assign' && consts.has(s.name))) {
        if (s.kind === 'assign' && (conditions.length > 0 || s.operator))
          problems.push(`${s.text.trim()}: a local changed under a condition`);
        const value = expression(s.source);
        if (value) consts.set(s.name, value);
      } else if (s.kind === 'destructure') {
        for (const name of s.names) {
          const value = expression(`(${s.source}).${name}`);
          if (value) consts.set(name, value);
        }
      } else if (s.kind === 'setErrors') {
        if (s.clear) continue; // clearing the error: the check's other branch, implied by the check
        const target = ctx.scope.own(s.field);
        if (!target.ok) problems.push(`marks ${s.field} invalid: ${target.reason}`);
        else if (conditions.length === 0) problems.push(`${s.text.trim()}: marks a field invalid always`);
        else checks.push(checkOf(target.field.key, conditions, checks));
      } else if (s.kind === 'if') {
        const dirty = DIRTY_GUARD.exec(s.test.trim());
        if (dirty?.[1] && s.otherwise.length === 0) {
          walk(s.consequent, conditions, new Set([...guarded, dirty[1]]));
          continue;
        }
        const test = expression(s.test);
        if (!test) continue;
        walk(s.consequent, [...conditions, test], guarded);
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
    const fromAncestors = readsAncestorsOnly(ast);
    if (fromAncestors && (conditions.length === 0 || whenEmpty(conditions, key, ast))) {
      if (conditions.length === 0 && !guarded.has(gnKey))
        warn(
          `${key} is copied from ${printRule(ast)} at every change in GeoNature; in Suivi it is filled in from it when the record is created, and can be changed`,
        );
      defaults.push({ key, ast });
      return;
    }
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
    if (empties && !referencedFields(when).some((f) => f.scope === 'value' && f.key === key)) {
      warn(
        `GeoNature empties ${key} when ${printRule(when)} and leaves it shown; Suivi hides it then, which empties it`,
      );
      hides.push({ key, ast: when });
    } else if (empties) {
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
    const parts = [
      ...computed.map((c) => `${c.key} computed`),
      ...defaults.map((c) => `${c.key} defaults to ${printRule(c.ast)}`),
      ...hides.map((c) => `${c.key} hidden when ${printRule(c.ast)}`),
      ...checks.map((c) => `check ${c.id}`),
    ];
    if (parts.length > 0) warn(`translated in part: ${parts.join(', ')}`);
  }
  return { computed, defaults, hides, checks };
}

/** A value read from ancestors only (`site.habitat`): a default at creation, never a computed column. */
function readsAncestorsOnly(ast: RuleNode): boolean {
  const fields = referencedFields(ast);
  return fields.length > 0 && fields.every((f) => f.scope !== 'value');
}

/**
 * Whether the conditions say "x is empty" (perhaps also "and the parent's value is there"): they imply
 * that x is empty, and hold whenever x is empty and the copied value is not.
 */
function whenEmpty(conditions: readonly RuleNode[], key: string, value: RuleNode): boolean {
  const when = conditions.reduce((a, b) => n.logical('&&', a, b));
  const empty = n.call('empty', [n.field('value', key)]);
  // The copied fields hold texts, codes or numbers, never booleans: `!x` is "x is empty" for them.
  const values = [null, '\u0000other', 7];
  const filled = n.unary('!', n.call('empty', [value]));
  return implies(when, empty, values) && implies(n.logical('&&', empty, filled), when, values);
}

/** `setErrors` on x when the conditions hold: the record passes when they do not. */
function checkOf(
  key: string,
  conditions: readonly RuleNode[],
  previous: readonly RecordCheck[],
): RecordCheck {
  const when = conditions.reduce((a, b) => n.logical('&&', a, b));
  const taken = new Set(previous.map((c) => c.id));
  let id = `${key}_valid`;
  for (let i = 2; taken.has(id); i++) id = `${key}_valid_${i}`;
  return { id, rule: foldTruth(negate(when)), fields: [key] };
}
