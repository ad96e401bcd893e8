/**
 * A level's rules.json: every rule its form evaluates live, as `{ source, ast }` (the AST is the IR's,
 * already JSON, for `evaluateRule`), the `keep` list, the ancestor fields the rules read, and the checks
 * only the server makes.
 *
 * How a form uses it: a field (or section heading) is shown when its `visibleIf` is absent or true, and
 * cleared when hidden; it is required when shown and `required` is `true` or evaluates true; `computed`
 * replaces the value on every change; rule `default`s fill a new record; `min`/`max` bound the value;
 * `filter` is evaluated with each candidate as `choice` (its code, and its label and broader code from
 * `choices`) and keeps the ones for which it is true; each record check whose rule is not true shows its
 * message on its fields.
 */
import {
  formatRule,
  type Labels,
  type ParsedRule,
  type ResolvedField,
  type ResolvedLevel,
  type ResolvedProtocol,
  type RuleNode,
  type RuleOr,
  referencedFields,
  ruleNodes,
} from '../../protocol-specs/index.ts';
import { type ServerCheck, serverChecks } from './server-checks.ts';

export interface RuleJson {
  readonly source: string;
  readonly ast: RuleNode;
}

export interface FieldRules {
  readonly visibleIf?: RuleJson;
  readonly required?: true | RuleJson;
  readonly computed?: RuleJson;
  readonly default?: RuleJson;
  readonly min?: RuleJson;
  readonly max?: RuleJson;
  readonly filter?: RuleJson;
  /**
   * With a filter: what each candidate offers the filter as `choice` besides its code — its French label
   * and its broader code (hierarchical vocabularies) — as the server reads them.
   */
  readonly choices?: Readonly<Record<string, { readonly label: string; readonly broader?: string }>>;
  /** A group's row fields, whose rules read the row as `row` and the record as `value`. */
  readonly fields?: Readonly<Record<string, FieldRules>>;
}

export interface LevelRules {
  readonly level: string;
  readonly keep: readonly string[];
  /** Fields of other records the rules read, by scope (`parent`, an ancestor level key): load them first. */
  readonly reads: Readonly<Record<string, readonly string[]>>;
  /** Fields and section headings that have rules, in form order. */
  readonly fields: Readonly<Record<string, FieldRules>>;
  /** The level's record checks, when it has some: each failed one is shown on its fields (or the form). */
  readonly checks?: readonly CheckRules[];
  readonly serverOnly: readonly ServerCheck[];
}

export interface CheckRules {
  readonly id: string;
  readonly rule: RuleJson;
  readonly message: Labels;
  readonly fields: readonly string[];
}

/** Scopes a form always has at hand: the record, the group row, the candidate of a filter. */
const LOCAL_SCOPES: ReadonlySet<string> = new Set(['value', 'row', 'choice']);

const json = (rule: ParsedRule | undefined): RuleJson | undefined =>
  rule ? { source: rule.source, ast: rule.ast } : undefined;

/**
 * A bound as a rule. Literal bounds of numbers, dates and date-times are in the schema; a time has no
 * JSON Schema format to bound, so its literal becomes a constant rule here.
 */
function bound(field: ResolvedField, value: RuleOr<number | string> | undefined): RuleJson | undefined {
  if (value === undefined) return undefined;
  if ('rule' in value) return json(value.rule);
  if (field.kind !== 'time') return undefined;
  const ast = ruleNodes.literal(value.literal);
  return { source: formatRule(ast), ast };
}

/** The candidates a filter sees, as the server builds them (runtime/records/validate/rule-checks.ts). */
function candidates(
  field: ResolvedField,
  protocol: ResolvedProtocol,
): Record<string, { label: string; broader?: string }> | undefined {
  if (!('filter' in field) || !field.filter) return undefined;
  if (field.kind === 'choice')
    return Object.fromEntries(field.choices.map((c) => [c.value, { label: c.label.fr }]));
  if (field.kind !== 'vocabulary') return undefined;
  const vocabulary = protocol.vocabularies.find((v) => v.code === field.vocabulary);
  const offered = field.codes ? new Set(field.codes) : undefined;
  return Object.fromEntries(
    (vocabulary?.values ?? [])
      .filter((v) => !offered || offered.has(v.code))
      .map((v) => [v.code, { label: v.label.fr, ...(v.broader ? { broader: v.broader } : {}) }]),
  );
}

function fieldRules(field: ResolvedField, protocol: ResolvedProtocol): FieldRules {
  const rules: Record<string, unknown> = {
    visibleIf: json(field.visibleIf),
    required: field.required === false ? undefined : field.required === true ? true : json(field.required),
    computed: json(field.computed),
    default: field.default?.kind === 'rule' ? json(field.default.rule) : undefined,
    min: 'min' in field ? bound(field, field.min) : undefined,
    max: 'max' in field ? bound(field, field.max) : undefined,
    filter: 'filter' in field ? json(field.filter) : undefined,
    choices: candidates(field, protocol),
    fields: field.kind === 'group' ? fieldsRules(field.fields, protocol) : undefined,
  };
  const present = Object.entries(rules).filter(([, v]) => v !== undefined);
  return Object.fromEntries(present) as FieldRules;
}

function fieldsRules(
  fields: readonly ResolvedField[],
  protocol: ResolvedProtocol,
): Record<string, FieldRules> | undefined {
  const entries = fields
    .map((f) => [f.key, fieldRules(f, protocol)] as const)
    .filter(([, r]) => Object.keys(r).length);
  return entries.length > 0 ? Object.fromEntries(entries) : undefined;
}

/** Every rule in a field's entry, row fields included. */
function rulesIn(rules: FieldRules): RuleJson[] {
  return Object.entries(rules).flatMap(([slot, value]) => {
    if (slot === 'fields') return Object.values(value as Record<string, FieldRules>).flatMap(rulesIn);
    if (slot === 'choices') return [];
    return typeof value === 'object' ? [value as RuleJson] : [];
  });
}

function reads(
  fields: Readonly<Record<string, FieldRules>>,
  checks: readonly CheckRules[],
): Record<string, string[]> {
  const byScope = new Map<string, Set<string>>();
  for (const rule of [...Object.values(fields).flatMap(rulesIn), ...checks.map((c) => c.rule)]) {
    for (const { scope, key } of referencedFields(rule.ast)) {
      if (LOCAL_SCOPES.has(scope)) continue;
      byScope.set(scope, (byScope.get(scope) ?? new Set()).add(key));
    }
  }
  return Object.fromEntries([...byScope.keys()].sort().map((s) => [s, [...(byScope.get(s) ?? [])].sort()]));
}

export function buildLevelRules(protocol: ResolvedProtocol, level: ResolvedLevel): LevelRules {
  const fields = fieldsRules(level.fields, protocol) ?? {};
  const checks = (level.checks ?? []).map((c) => ({
    id: c.id,
    rule: { source: c.rule.source, ast: c.rule.ast },
    message: c.message,
    fields: [...c.fields],
  }));
  return {
    level: level.key,
    keep: [...level.keep],
    reads: reads(fields, checks),
    fields,
    ...(checks.length > 0 ? { checks } : {}),
    serverOnly: serverChecks(level.fields, protocol),
  };
}
