/**
 * Pass B over a level: rules (field rules, then the `change` handler), display settings and site-type
 * field sets, giving the authored level. Each rule put in the spec is recorded with its GeoNature origin,
 * so that a rule the validator refuses can be taken out and reported (repair.ts).
 */
import {
  ruleNodes as n,
  type ProtocolSpec,
  parseRule,
  type RuleNode,
  STANDARD_FIELDS,
} from '../../../protocol-specs/index.ts';
import { looksLikeJs } from '../js/arrow.ts';
import { negate } from '../js/negate.ts';
import { printRule } from '../js/print-rule.ts';
import type { Field } from './build-field.ts';
import { changeTargets, translateChange } from './change-handler.ts';
import type { Collector } from './collector.ts';
import { overlayField } from './extensions.ts';
import { translateFieldRules } from './field-rules.ts';
import { stableId } from './keys.ts';
import { levelDisplay } from './level-config.ts';
import type { FieldEntry, LevelDraft } from './level-draft.ts';
import { levelScope } from './level-scope.ts';
import type { Provenance } from './provenance.ts';
import { extensionOf } from './read-files.ts';
import type { Vocabularies } from './vocabularies.ts';

type Level = ProtocolSpec['levels'][number];
type Mutable = Record<string, unknown>;

export interface FinishContext {
  readonly moduleCode: string;
  readonly collector: Collector;
  readonly provenance: Provenance;
  readonly vocabularies?: Pick<Vocabularies, 'namedValues'>;
}

export function finishLevel(draft: LevelDraft, drafts: readonly LevelDraft[], ctx: FinishContext): Level {
  const scope = levelScope(draft, drafts, ctx.vocabularies);
  const fields = new Map<FieldEntry, Mutable>();
  const assigned = changeTargets(draft.content.change);
  for (const entry of draft.entries)
    fields.set(entry, fieldOf(entry, draft, scope, ctx, assigned.has(entry.d.gnKey)));
  const byKey = new Map([...fields].map(([e, f]) => [e.key, f]));
  const change = draft.content.change;
  let checks: Array<Record<string, unknown>> = [];
  if (typeof change === 'string' && looksLikeJs(change)) {
    const visibleIf = (key: string): RuleNode | undefined => {
      const rule = byKey.get(key)?.visibleIf;
      const parsed = typeof rule === 'string' ? parseRule(rule) : undefined;
      return parsed?.ok ? parsed.ast : undefined;
    };
    const origin = { file: draft.file, path: '/change' };
    const translation = translateChange(change, { scope, visibleIf, collector: ctx.collector, ...origin });
    for (const { key, ast } of translation.computed) {
      const field = byKey.get(key);
      if (!field) continue;
      field.computed = printRule(ast);
      delete field.default;
      if (field.readOnly === false) delete field.readOnly;
      ctx.provenance.record(field, 'computed', origin);
    }
    for (const { key, ast } of translation.defaults) {
      const field = byKey.get(key);
      if (!field || field.computed !== undefined) continue;
      field.default = { rule: printRule(ast) };
      ctx.provenance.record(field, 'default', origin);
    }
    for (const { key, ast } of translation.hides) {
      const field = byKey.get(key);
      if (!field) continue;
      const shown = visibleIf(key);
      field.visibleIf = printRule(shown ? n.logical('&&', shown, negate(ast)) : negate(ast));
      ctx.provenance.record(field, 'visibleIf', origin);
    }
    checks = translation.checks.map((c) => {
      const check = {
        id: c.id,
        rule: printRule(c.rule),
        message: checkMessage(c.rule),
        fields: [...c.fields],
      };
      ctx.provenance.record(check, 'rule', origin);
      return check;
    });
  }
  const listable = (gnKey: string) => {
    const entry = draft.entries.find((e) => e.d.gnKey === gnKey);
    return entry && entry.built.kind !== 'section' ? entry.key : undefined;
  };
  const display = levelDisplay({
    object: draft.object,
    file: draft.file,
    content: draft.content,
    keyOf: listable,
    collector: ctx.collector,
  });
  // A standard field the protocol does not change is inherited anyway: listing it would be noise.
  const own = [...fields]
    .filter(([e, f]) => !e.set && !(e.standard && Object.keys(f).every((k) => k === 'kind' || k === 'key')))
    .map(([, f]) => f as unknown as Field);
  const fieldSets = draft.sets.map((set) => ({
    id: set.id,
    label: set.label,
    appliesTo: { field: set.appliesTo.field, codes: [...set.appliesTo.codes] },
    fields: [...fields].filter(([e]) => e.set === set.id).map(([, f]) => f as unknown as Field),
  }));
  return {
    id: stableId(ctx.moduleCode, draft.key),
    key: draft.key,
    type: draft.type,
    ...(draft.parents.length > 0 ? { parents: [...draft.parents] } : {}),
    ...display,
    ...(draft.omit.length > 0 ? { omitStandardFields: [...draft.omit] } : {}),
    fields: own,
    ...(fieldSets.length > 0 ? { fieldSets } : {}),
    ...(checks.length > 0 ? { checks } : {}),
  } as Level;
}

/** The check's message: the rule the record breaks, in both languages (GeoNature's setErrors has none). */
const checkMessage = (rule: RuleNode) => ({
  fr: `Saisie incohérente : la condition ${printRule(rule)} doit être vraie`,
  en: `Inconsistent entry: the condition ${printRule(rule)} must hold`,
});

function fieldOf(
  entry: FieldEntry,
  draft: LevelDraft,
  scope: ReturnType<typeof levelScope>,
  ctx: FinishContext,
  assigned: boolean,
): Mutable {
  const { d, built } = entry;
  const field: Mutable = { ...(built.field as unknown as Mutable), key: entry.key };
  if (entry.key !== d.gnKey) field.aliases = [d.gnKey];
  if (entry.standard) refineStandard(field, entry, draft);
  const rules = translateFieldRules(d, built.kind, { scope, collector: ctx.collector });
  if (rules.choices && field.kind !== 'choice') {
    for (const k of ['maxLength', 'pattern', 'default']) delete field[k];
    field.kind = 'choice';
  }
  if (rules.choices) field.choices = rules.choices;
  const hidden = d.def.hidden === true || rules.hidden === true;
  if (rules.required !== undefined) field.required = rules.required;
  if (hidden && field.kind !== 'section') {
    // GeoNature hides the field and keeps its value; Suivi would empty a hidden field: show it read-only.
    field.readOnly = true;
    if (field.required === true && !built.hasDefault && !assigned) {
      ctx.collector.warn(
        d.file,
        d.path,
        'hidden and required with no value in GeoNature (it could never be filled in): no longer required',
      );
      delete field.required;
    }
  }
  for (const rule of rules.rules) {
    const text = printRule(rule.ast);
    if (rule.slot === 'visibleIf' || rule.slot === 'required' || rule.slot === 'filter')
      field[rule.slot] = text;
    else field[rule.slot] = { rule: text };
    ctx.provenance.record(field, rule.slot, rule);
  }
  overlayField(field, extensionOf(d.specific));
  return field;
}

/** A standard field keeps what Suivi defines unless the protocol's own entry says otherwise. */
function refineStandard(field: Mutable, entry: FieldEntry, draft: LevelDraft): void {
  const standard = STANDARD_FIELDS[draft.type].find((f) => f.key === entry.key) as Mutable | undefined;
  const own = entry.d.specific ?? {};
  delete field.id;
  if (standard) field.kind = standard.kind;
  if (own.attribut_label === undefined) delete field.label;
  if (own.definition === undefined && own.description === undefined && own.title === undefined)
    delete field.help;
  const gnRequired = entry.d.def.required === true;
  const suiviRequired = standard?.required === true;
  if (typeof entry.d.def.required === 'boolean' && gnRequired !== suiviRequired) field.required = gnRequired;
  else delete field.required;
  if (
    standard?.kind === 'observers' &&
    typeof field.multiple === 'boolean' &&
    field.multiple === (standard.multiple ?? true)
  ) {
    delete field.multiple;
  }
}
