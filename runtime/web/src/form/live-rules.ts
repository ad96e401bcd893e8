/**
 * Live rules in the browser: the same rules.json the server enforces, evaluated with the shared
 * evaluator on every change. Hidden fields leave the schema (and the data: the server clears them too),
 * computed fields are filled, conditional requirements join `required`, choice filters narrow enums.
 */
import {
  evaluateRule,
  isTruthy,
  type RuleContext,
  type RuleNode,
} from '../../../../protocol-specs/rules/index.ts';
import type { FieldRules, Json, RuleSource } from '../api.ts';

export interface RuleScopes {
  readonly parent?: Json;
  /** Records the rules name by their level (`visit.season`): the parent under its level's key. */
  readonly levels?: Readonly<Record<string, Json>>;
  readonly userId?: string | null;
}

const isoToday = () => new Date().toISOString().slice(0, 10);

function context(value: Json, scopes: RuleScopes, choice?: Json): RuleContext {
  return {
    records: {
      ...scopes.levels,
      value,
      ...(scopes.parent ? { parent: scopes.parent } : {}),
      ...(choice ? { choice } : {}),
    },
    today: isoToday(),
    now: new Date().toISOString(),
    userId: scopes.userId ?? null,
  };
}

/** A rule's value on the form's data, null when it cannot say (a missing value, an unknown scope). */
export const runRule = (rule: RuleSource, value: Json, scopes: RuleScopes) =>
  run(rule, context(value, scopes));

const run = (rule: RuleSource, ctx: RuleContext) => {
  try {
    return evaluateRule(rule.ast as RuleNode, ctx);
  } catch {
    // A rule the browser cannot evaluate must not block typing: the server has the final word.
    return null;
  }
};

export interface RuleState {
  readonly data: Json;
  readonly schema: Json;
  readonly ui: Json;
  readonly hidden: ReadonlySet<string>;
}

/** Defaults of a new record (rule defaults such as today(); schema defaults are RJSF's job). */
export function ruleDefaults(fields: Record<string, FieldRules>, scopes: RuleScopes): Json {
  const out: Json = {};
  for (const [key, rules] of Object.entries(fields)) {
    if (!rules.default) continue;
    const v = run(rules.default, context({}, scopes));
    if (v !== null && !(key === 'observers' && typeof v === 'string')) out[key] = v;
  }
  return out;
}

export function applyRules(
  schema: Json,
  ui: Json,
  fields: Record<string, FieldRules>,
  input: Json,
  scopes: RuleScopes,
): RuleState {
  const data: Json = { ...input };
  const hidden = new Set<string>();
  const required = new Set<string>((schema.required as string[] | undefined) ?? []);
  const properties: Record<string, Json> = { ...((schema.properties as Record<string, Json>) ?? {}) };
  const narrowedNames: Record<string, unknown[]> = {};
  // Two passes: a computed value may make another field visible (and the reverse) — enough in practice.
  for (let pass = 0; pass < 2; pass++) {
    for (const [key, rules] of Object.entries(fields)) {
      const ctx = context(data, scopes);
      if (rules.visibleIf && !isTruthy(run(rules.visibleIf, ctx))) {
        hidden.add(key);
        delete data[key];
        continue;
      }
      hidden.delete(key);
      if (rules.computed) {
        const v = run(rules.computed, ctx);
        if (v === null) delete data[key];
        else data[key] = v;
      }
      const req = rules.required;
      if (req === true || (typeof req === 'object' && isTruthy(run(req, ctx)))) required.add(key);
      else if (typeof req === 'object') required.delete(key);
    }
  }
  for (const [key, rules] of Object.entries(fields)) {
    const property = properties[key];
    // A multiple field lists its codes under `items`.
    const items = property?.items as Json | undefined;
    const codes = Array.isArray(property?.enum) ? property?.enum : items?.enum;
    if (!rules.filter || !property || !Array.isArray(codes)) continue;
    // `choice` is the candidate as the server builds it: its code, French label and broader code.
    const offered = (codes as unknown[]).map((code) =>
      isTruthy(run(rules.filter as RuleSource, context(data, scopes, candidate(rules, code)))),
    );
    const kept = (codes as unknown[]).filter((_, i) => offered[i]);
    if (kept.length === 0 || kept.length === codes.length) continue;
    properties[key] = Array.isArray(property.enum)
      ? { ...property, enum: kept }
      : { ...property, items: { ...items, enum: kept } };
    // The names go by position: they follow the codes kept.
    const fieldUi = ui[key] as Json | undefined;
    const names = fieldUi?.['ui:enumNames'];
    if (Array.isArray(names)) narrowedNames[key] = names.filter((_, i) => offered[i]);
  }
  for (const [key, property] of Object.entries(properties)) {
    // RJSF would render a oneOf of geometry kinds as a second, nested map: the map field handles the
    // kinds itself and the server validates the geometry.
    if ((ui[key] as Json | undefined)?.['ui:field'] === 'map') {
      properties[key] = { type: 'object', title: property.title, description: property.description };
    }
  }
  for (const key of hidden) {
    delete properties[key];
    required.delete(key);
  }
  const order = ui['ui:order'];
  const viewUi: Json = { ...ui };
  for (const [key, names] of Object.entries(narrowedNames))
    viewUi[key] = { ...(ui[key] as Json), 'ui:enumNames': names };
  if (Array.isArray(order)) {
    // RJSF refuses a ui:order naming properties the schema lacks (hidden fields, section headings).
    viewUi['ui:order'] = [...order.filter((k: string) => k in properties), '*'];
  }
  const viewSchema: Json = { ...schema, properties, required: [...required].filter((k) => k in properties) };
  // The data also holds the parent link (`<parent>_id`), which is no form field: the server checks both.
  delete viewSchema.additionalProperties;
  delete viewSchema.$schema;
  delete viewSchema.$comment;
  return { data, schema: viewSchema, ui: viewUi, hidden };
}

/** A filter's candidate: `choice.code`, `choice.label`, `choice.broader` (hierarchical vocabularies). */
function candidate(rules: FieldRules, code: unknown): Json {
  const known = typeof code === 'string' && rules.choices ? rules.choices[code] : undefined;
  return { code, value: code, label: known?.label ?? null, broader: known?.broader ?? null };
}

/** The server's problems as RJSF extraErrors: `/observers/0/name` → { observers: { 0: { name: … } } }. */
export function toErrorSchema(problems: readonly { path: string; message: string }[]): {
  schema: Json;
  unplaced: string[];
} {
  const schema: Json = {};
  const unplaced: string[] = [];
  for (const p of problems) {
    const parts = p.path.split('/').filter(Boolean);
    if (parts.length === 0) {
      unplaced.push(p.message);
      continue;
    }
    let node = schema;
    for (const part of parts) {
      node[part] ??= {};
      node = node[part] as Json;
    }
    node.__errors = [...((node.__errors as string[]) ?? []), p.message];
  }
  return { schema, unplaced };
}
