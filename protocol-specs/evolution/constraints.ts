/**
 * What a field admits: requirement, visibility, bounds, lengths, patterns, subsets. Narrower is
 * data-dependent (stored rows may no longer fit), wider is additive. Literal bounds are compared as
 * numbers, dates or times; a rule-valued one cannot be compared, so any new or changed rule counts as
 * a possible narrowing. Classified by what the spec admits, whether SQL (a CHECK, a NOT NULL) or the
 * server enforces it: rows that no longer fit exist either way.
 */
import type { FieldKind, ParsedRule, ResolvedField, RuleOr } from '../resolved.ts';
import type { DiffContext } from './diff-context.ts';
import type { ChangeDraft } from './diff-types.ts';
import { type RuleScope, sameRule } from './rule-identity.ts';

export type FieldSubject = Omit<ChangeDraft, 'kind'>;

interface Side {
  readonly field: ResolvedField;
  readonly scope: RuleScope;
}

type Verdict = 'tightened' | 'relaxed' | 'rule' | undefined;

const read = (field: ResolvedField, property: string): unknown =>
  (field as unknown as Record<string, unknown>)[property];

export function compareConstraints(ctx: DiffContext, subject: FieldSubject, p: Side, n: Side): void {
  const emit = (property: string, verdict: Verdict, before: unknown, after: unknown) => {
    if (verdict === undefined) return;
    const kind =
      verdict === 'tightened'
        ? 'field_constraint_tightened'
        : verdict === 'relaxed'
          ? 'field_constraint_relaxed'
          : 'field_rule_changed';
    ctx.emit({ ...subject, kind, property, path: `${subject.path}/${property}`, before, after });
  };
  const source = (r: boolean | ParsedRule | undefined) => (typeof r === 'object' ? r.source : r);

  emit('required', requiredVerdict(p, n), source(p.field.required), source(n.field.required));
  // A section stores nothing: what shows it is presentation (compared with the field's other looks).
  if (n.field.kind !== 'section' && p.field.kind !== 'section')
    emit('visibleIf', ruleVerdict(p.field.visibleIf, p, n.field.visibleIf, n), ...rules(p, n, 'visibleIf'));
  emit(
    'filter',
    ruleVerdict(ruleOf(p.field, 'filter'), p, ruleOf(n.field, 'filter'), n),
    ...rules(p, n, 'filter'),
  );
  for (const bound of ['min', 'max'] as const) {
    const before = read(p.field, bound) as RuleOr<number | string> | undefined;
    const after = read(n.field, bound) as RuleOr<number | string> | undefined;
    emit(bound, boundVerdict(bound, before, p, after, n), boundValue(before), boundValue(after));
  }
  const numbers: ReadonlyArray<[string, 'lower' | 'higher']> = [
    ['maxLength', 'lower'],
    ['decimals', 'lower'],
    ['maxItems', 'lower'],
    ['maxFiles', 'lower'],
    ['minItems', 'higher'],
  ];
  for (const [property, narrower] of numbers) {
    const before = read(p.field, property) as number | undefined;
    const after = read(n.field, property) as number | undefined;
    emit(property, numberVerdict(before, after, narrower, property === 'minItems'), before, after);
  }
  const pattern = [read(p.field, 'pattern'), read(n.field, 'pattern')] as const;
  emit('pattern', presenceVerdict(pattern[0], pattern[1]), ...pattern);
  const fixed = [read(p.field, 'fixed'), read(n.field, 'fixed')] as const;
  emit('fixed', presenceVerdict(fixed[0], fixed[1]), ...fixed);
  const freeText = [read(p.field, 'freeText'), read(n.field, 'freeText')] as const;
  if (freeText[0] !== undefined && freeText[1] !== undefined && freeText[0] !== freeText[1])
    emit('freeText', freeText[1] ? 'relaxed' : 'tightened', ...freeText);
  // Subsets: an empty list admits everything (the protocol's taxa, any dataset, any file type).
  for (const property of ['codes', 'taxa', 'datasets', 'accept']) {
    const before = read(p.field, property) as readonly (string | number)[] | undefined;
    const after = read(n.field, property) as readonly (string | number)[] | undefined;
    if (before && after) emit(property, subsetVerdict(before, after), before, after);
  }
}

const ruleOf = (field: ResolvedField, property: 'filter'): ParsedRule | undefined =>
  read(field, property) as ParsedRule | undefined;

const rules = (p: Side, n: Side, property: 'visibleIf' | 'filter'): [unknown, unknown] => [
  (read(p.field, property) as ParsedRule | undefined)?.source,
  (read(n.field, property) as ParsedRule | undefined)?.source,
];

function requiredVerdict(p: Side, n: Side): Verdict {
  const before = p.field.required;
  const after = n.field.required;
  if (before === after) return undefined;
  if (typeof before === 'object' && typeof after === 'object')
    return sameRule(before, p.scope, after, n.scope) ? undefined : 'rule';
  if (after === false || before === true) return 'relaxed';
  return typeof after === 'object' ? 'rule' : 'tightened';
}

/** A condition added or changed may exclude stored rows; a condition removed admits more. */
function ruleVerdict(
  before: ParsedRule | undefined,
  p: Side,
  after: ParsedRule | undefined,
  n: Side,
): Verdict {
  if (sameRule(before, p.scope, after, n.scope)) return undefined;
  return after === undefined ? 'relaxed' : 'rule';
}

function boundVerdict(
  bound: 'min' | 'max',
  before: RuleOr<number | string> | undefined,
  p: Side,
  after: RuleOr<number | string> | undefined,
  n: Side,
): Verdict {
  if (after === undefined) return before === undefined ? undefined : 'relaxed';
  if (before === undefined) return 'literal' in after ? 'tightened' : 'rule';
  if ('literal' in before && 'literal' in after) {
    const order = compareLiterals(n.field.kind, before.literal, after.literal);
    if (order === 0) return undefined;
    // A min raised, or a max lowered, admits fewer values.
    return (bound === 'min') === order < 0 ? 'tightened' : 'relaxed';
  }
  if ('rule' in before && 'rule' in after)
    return sameRule(before.rule, p.scope, after.rule, n.scope) ? undefined : 'rule';
  return 'rule';
}

const boundValue = (b: RuleOr<number | string> | undefined) =>
  b === undefined ? undefined : 'literal' in b ? b.literal : { rule: b.rule.source };

/**
 * Negative when `a` comes before `b`. Dates and times written in ISO order compare as text once times
 * carry their seconds; datetimes with offsets compare as instants. NaN (unparsable) reads as changed.
 */
export function compareLiterals(kind: FieldKind, a: number | string, b: number | string): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  const [x, y] = [String(a), String(b)];
  if (kind === 'datetime') {
    const diff = Date.parse(x) - Date.parse(y);
    return Number.isNaN(diff) ? (x === y ? 0 : -1) : diff;
  }
  const pad = (t: string) => (kind === 'time' && t.length === 5 ? `${t}:00` : t);
  return pad(x) < pad(y) ? -1 : pad(x) > pad(y) ? 1 : 0;
}

function numberVerdict(
  before: number | undefined,
  after: number | undefined,
  narrower: 'lower' | 'higher',
  zeroIsNone: boolean,
): Verdict {
  // minItems 0 says nothing, as an absent one does.
  const none = (v: number | undefined) => v === undefined || (zeroIsNone && v === 0);
  if (before === after || (none(before) && none(after))) return undefined;
  if (none(after)) return 'relaxed';
  if (none(before)) return 'tightened';
  const lower = (after as number) < (before as number);
  return lower === (narrower === 'lower') ? 'tightened' : 'relaxed';
}

/** Pattern and fixed taxon: any new or changed value may exclude rows; gone admits everything. */
function presenceVerdict(before: unknown, after: unknown): Verdict {
  if (before === after) return undefined;
  return after === undefined ? 'relaxed' : 'tightened';
}

function subsetVerdict(before: readonly (string | number)[], after: readonly (string | number)[]): Verdict {
  const [b, a] = [new Set(before), new Set(after)];
  if (b.size === a.size && [...b].every((v) => a.has(v))) return undefined;
  if (a.size === 0) return 'relaxed';
  if (b.size === 0) return 'tightened';
  return [...b].every((v) => a.has(v)) ? 'relaxed' : 'tightened';
}
