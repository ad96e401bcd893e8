/**
 * The names a rule may use where it is written (docs/spec.md §5, docs/rules.md): `value.x` for the
 * level's fields (standard ones included), `parent.x` with a single parent, `<ancestor>.x`, `row.x` in a
 * group's row fields, `choice.*` in a filter, and the functions of the rule language. Completion offers
 * exactly these.
 */
import { RULE_FUNCTIONS } from '../../../../protocol-specs/rules/functions.ts';
import { STANDARD_FIELDS } from '../../../../protocol-specs/standard/standard-fields.ts';
import type { Json } from '../api.ts';
import type { LevelType } from './field-kinds.ts';
import { fieldsAt, isObject, levelsOf, type Spec } from './spec-model.ts';

export interface NameOption {
  readonly label: string;
  readonly type: 'variable' | 'function' | 'keyword' | 'namespace';
  readonly detail?: string;
}

export interface RuleNames {
  /** Scope → the field names it holds. */
  readonly scopes: Readonly<Record<string, readonly NameOption[]>>;
  readonly functions: readonly NameOption[];
}

const labelText = (label: unknown): string =>
  typeof label === 'string' ? label : isObject(label) ? String(label.fr ?? '') : '';

/** A level's readable fields: standard ones not omitted, then its own, sections left out. */
export function levelFieldNames(level: Json): NameOption[] {
  const omitted = new Set(Array.isArray(level.omitStandardFields) ? level.omitStandardFields : []);
  const standard = (STANDARD_FIELDS[level.type as LevelType] ?? []).filter((f) => !omitted.has(f.key));
  const own = fieldsAt(level, ['fields']);
  const sets = Array.isArray(level.fieldSets)
    ? level.fieldSets.filter(isObject).flatMap((s) => fieldsAt(s, ['fields']))
    : [];
  const byKey = new Map<string, NameOption>();
  for (const f of [...standard, ...own, ...sets] as Json[]) {
    if (typeof f.key !== 'string' || f.kind === 'section') continue;
    byKey.set(f.key, { label: f.key, type: 'variable', detail: `${String(f.kind)} · ${labelText(f.label)}` });
  }
  return [...byKey.values()];
}

function ancestors(levels: readonly Json[], level: Json, seen = new Set<string>()): Json[] {
  const out: Json[] = [];
  for (const key of Array.isArray(level.parents) ? level.parents : []) {
    if (typeof key !== 'string' || seen.has(key)) continue;
    seen.add(key);
    const parent = levels.find((l) => l.key === key);
    if (parent) out.push(parent, ...ancestors(levels, parent, seen));
  }
  return out;
}

const FUNCTIONS: readonly NameOption[] = Object.entries(RULE_FUNCTIONS).map(([name, f]) => ({
  label: name,
  type: 'function',
  detail: f.summary,
}));

/** The names of a rule in level `levelIndex`, in the row fields of group `groupPath` if given. */
export function ruleNames(
  spec: Spec,
  levelIndex: number,
  options: { readonly group?: Json; readonly slot?: string } = {},
): RuleNames {
  const levels = levelsOf(spec);
  const level = levels[levelIndex];
  if (!level) return { scopes: {}, functions: FUNCTIONS };
  const scopes: Record<string, NameOption[]> = { value: levelFieldNames(level) };
  const parents = Array.isArray(level.parents) ? level.parents : [];
  const up = ancestors(levels, level);
  if (parents.length === 1) {
    const parent = levels.find((l) => l.key === parents[0]);
    if (parent) scopes.parent = levelFieldNames(parent);
  }
  for (const a of up) if (typeof a.key === 'string') scopes[a.key] = levelFieldNames(a);
  if (options.group) scopes.row = levelFieldNames({ type: 'custom', fields: options.group.fields });
  if (options.slot === 'filter')
    scopes.choice = ['code', 'label', 'broader'].map((k) => ({ label: k, type: 'variable' as const }));
  return { scopes, functions: FUNCTIONS };
}

const KEYWORDS: readonly NameOption[] = ['true', 'false', 'null', 'in'].map((k) => ({
  label: k,
  type: 'keyword',
}));

/**
 * What to offer after `before` (the rule text up to the cursor): fields after `scope.`, else scopes,
 * functions and keywords. `from` is the offset in `before` where the completed word starts.
 */
export function completeAt(
  names: RuleNames,
  before: string,
): { from: number; options: readonly NameOption[] } | null {
  const word = /[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z0-9_]*)?$/.exec(before);
  if (!word) return null;
  const text = word[0];
  const dot = text.indexOf('.');
  if (dot >= 0) {
    const fields = names.scopes[text.slice(0, dot)];
    return fields ? { from: word.index + dot + 1, options: fields } : null;
  }
  const scopes: NameOption[] = Object.keys(names.scopes).map((s) => ({ label: s, type: 'namespace' }));
  return { from: word.index, options: [...scopes, ...names.functions, ...KEYWORDS] };
}
