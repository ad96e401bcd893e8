/**
 * Stage 2 of validation, the checks only rules can make, on the resolved values of the visible fields:
 * conditional requirements, bounds given by rules (and literal time bounds, which JSON Schema cannot
 * say), and choice filters. Literal requirements and bounds are the JSON Schema's (stage 1).
 */
import { requiredInSchema } from '../../../generators/model/index.ts';
import {
  evaluateRule,
  isTruthy,
  type ParsedRule,
  type ResolvedField,
  type ResolvedVocabulary,
  type RuleOr,
  type RuleValue,
} from '../../../protocol-specs/index.ts';
import { ruleView } from './field-values.ts';
import type { Resolved } from './resolve-values.ts';
import { type Clock, ruleContext, type Scopes } from './rule-context.ts';
import type { Violation } from './violation.ts';

export interface CheckInput {
  readonly fields: readonly ResolvedField[];
  readonly resolved: Resolved;
  readonly clock: Clock;
  readonly scopes: Scopes;
  readonly self: 'value' | 'row';
  /** Pointer prefix of these fields: '' for a record, `/strata_cover/2` for a row. */
  readonly path: string;
  readonly vocabularies: readonly ResolvedVocabulary[];
}

const isEmpty = (v: unknown) =>
  v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0);

/** Rule order: numbers, or texts in code point order (ISO dates and times order as such). */
function compare(a: unknown, b: RuleValue): number | undefined {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  return undefined;
}

export function ruleViolations(input: CheckInput): Violation[] {
  const { fields, resolved } = input;
  const out: Violation[] = [];
  const view = ruleView(fields, resolved.values);
  const evaluate = (rule: ParsedRule, extra: Scopes = {}) =>
    evaluateRule(rule.ast, ruleContext(input.clock, { ...input.scopes, [input.self]: view, ...extra }));
  for (const field of fields) {
    if (field.kind === 'section' || !resolved.visible.has(field.key) || resolved.kept.has(field.key))
      continue;
    const path = `${input.path}/${field.key}`;
    const value = resolved.values[field.key];
    const required =
      field.required === true || (typeof field.required === 'object' && isTruthy(evaluate(field.required)));
    if (required && isEmpty(value) && !requiredInSchema(field)) out.push({ path, code: 'required' });
    if (isEmpty(value)) continue;
    for (const [code, bound] of bounds(field)) {
      const limit = 'rule' in bound ? evaluate(bound.rule) : field.kind === 'time' ? bound.literal : null;
      if (limit === null) continue;
      const d = compare(value, limit);
      if (d !== undefined && (code === 'min' ? d < 0 : d > 0)) out.push({ path, code, expected: limit });
    }
    if ('filter' in field && field.filter) {
      const filter = field.filter;
      const codes = Array.isArray(value) ? value : [value];
      const offered = codes.filter((c) => isTruthy(evaluate(filter, { choice: candidate(field, c, input) })));
      if (offered.length < codes.length)
        out.push({ path, code: 'choice', detail: `filtre : ${filter.source}` });
    }
  }
  return out;
}

function bounds(field: ResolvedField): Array<['min' | 'max', RuleOr<number | string>]> {
  const out: Array<['min' | 'max', RuleOr<number | string>]> = [];
  if ('min' in field && field.min) out.push(['min', field.min]);
  if ('max' in field && field.max) out.push(['max', field.max]);
  return out;
}

/** The candidate a filter reads as `choice`: its code, label and broader code. */
function candidate(field: ResolvedField, code: unknown, input: CheckInput): Record<string, unknown> {
  if (field.kind === 'choice') {
    const c = field.choices.find((x) => x.value === code);
    return { code, label: c?.label.fr ?? null, broader: null };
  }
  if (field.kind === 'vocabulary') {
    const value = input.vocabularies
      .find((v) => v.code === field.vocabulary)
      ?.values.find((x) => x.code === code);
    return { code, label: value?.label.fr ?? null, broader: value?.broader ?? null };
  }
  return { code, label: null, broader: null };
}
