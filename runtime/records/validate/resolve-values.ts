/**
 * Stage 2 of validation, the values: which fields are visible, what hidden fields are cleared to, what
 * computed fields compute to, which defaults apply to a new record (a field absent from the body, or sent
 * empty when its default reads the parent). Rules may read fields set by other
 * rules, so the pass repeats until nothing changes (rules form no cycle: the validator refuses them).
 * Group rows go through the same steps with `row` as their own scope and `value` as the record's.
 */
import {
  evaluateRule,
  isTruthy,
  type ResolvedField,
  type RuleValue,
  referencedFields,
} from '../../../protocol-specs/index.ts';
import { fromRuleValue, literalDefault, ruleView, setOwn } from './field-values.ts';
import { type Clock, ruleContext, type Scopes } from './rule-context.ts';
import { sameValue } from './same-value.ts';

export type Mode = 'create' | 'update';

export interface ResolveInput {
  readonly fields: readonly ResolvedField[];
  /** Field key → value as sent (empty as null); only field keys. */
  readonly values: Readonly<Record<string, unknown>>;
  readonly mode: Mode;
  readonly clock: Clock;
  /** Other records the rules read: ancestors, and for a group row its record as `value`. */
  readonly scopes: Scopes;
  /** The scope naming these values in rules. */
  readonly self: 'value' | 'row';
}

export interface Resolved {
  readonly values: Record<string, unknown>;
  readonly visible: ReadonlySet<string>;
  /** Read-only fields the client cannot set and that are shown: an update keeps their stored value. */
  readonly kept: ReadonlySet<string>;
}

export function resolveValues(input: ResolveInput): Resolved {
  const { fields, mode, clock } = input;
  const values: Record<string, unknown> = {};
  for (const f of fields)
    if (f.kind !== 'section')
      setOwn(values, f.key, Object.hasOwn(input.values, f.key) ? input.values[f.key] : null);
  const visible = new Set<string>();
  const kept = new Set<string>();
  // What rules read of the values, rebuilt only after a value changed.
  let view: Record<string, unknown> | undefined;
  const evaluate = (ast: Parameters<typeof evaluateRule>[0]): RuleValue => {
    view ??= ruleView(fields, values);
    return evaluateRule(ast, ruleContext(clock, { ...input.scopes, [input.self]: view }));
  };

  for (let pass = 0; pass <= fields.length + 1; pass++) {
    let changed = false;
    for (const field of fields) {
      if (field.kind === 'section') continue;
      const shown = field.visibleIf === undefined || isTruthy(evaluate(field.visibleIf.ast));
      if (shown) visible.add(field.key);
      else visible.delete(field.key);
      const next = nextValue(field, shown, input, values[field.key], evaluate);
      if (field.readOnly && !field.computed && shown && mode === 'update') kept.add(field.key);
      else kept.delete(field.key);
      if (!sameValue(next, values[field.key])) {
        values[field.key] = next;
        view = undefined;
        changed = true;
      }
    }
    if (!changed) break;
  }
  return { values, visible, kept };
}

function nextValue(
  field: ResolvedField,
  shown: boolean,
  input: ResolveInput,
  current: unknown,
  evaluate: (ast: Parameters<typeof evaluateRule>[0]) => RuleValue,
): unknown {
  if (!shown) return null;
  if (field.computed) return fromRuleValue(field, evaluate(field.computed.ast));
  // A fixed taxon is the field's only value: filled in when missing (another one breaks the schema's `const`).
  if (field.kind === 'taxon' && field.fixed !== undefined) return current ?? field.fixed;
  // Read-only: never the client's. A new record gets its default; an update keeps what is stored.
  if (field.readOnly) return input.mode === 'create' ? defaultValue(field, evaluate) : null;
  const sent = Object.hasOwn(input.values, field.key);
  if (input.mode === 'create' && (!sent || (current === null && readsAncestor(field))))
    return defaultValue(field, evaluate);
  return current;
}

/**
 * A default taken from the parent record (`site.roost_type`) also fills a field sent empty: the client
 * may not have known the parent (an import's empty cell, a form opened before the parent loaded).
 */
function readsAncestor(field: ResolvedField): boolean {
  const d = field.default;
  return d?.kind === 'rule' && referencedFields(d.rule.ast).some((r) => !LOCAL_SCOPES.has(r.scope));
}
const LOCAL_SCOPES: ReadonlySet<string> = new Set(['value', 'row']);

function defaultValue(
  field: ResolvedField,
  evaluate: (ast: Parameters<typeof evaluateRule>[0]) => RuleValue,
) {
  if (field.kind === 'taxon' && field.fixed !== undefined) return field.fixed;
  const d = field.default;
  if (!d) return null;
  if (d.kind === 'rule') return fromRuleValue(field, evaluate(d.rule.ast));
  return literalDefault(field, d);
}
