/**
 * The fields of one level (or of one repeatable group), paired by id: added, removed, renamed, and for
 * each pair its kind, looks, rules, constraints and choices. A pair whose kind changed with no sensible
 * conversion is left out: evolution-diagnostics.ts reports it as an error.
 */
import type { ResolvedField, ResolvedLevel } from '../resolved.ts';
import { compareChoices } from './choices.ts';
import { compareConstraints, type FieldSubject } from './constraints.ts';
import { type DiffContext, pairById, thingRef } from './diff-context.ts';
import type { ThingRef } from './diff-types.ts';
import { kindChange } from './field-casts.ts';
import { movedItems } from './moved.ts';
import { levelIdOf, type ProtocolIndex, vocabularyIdOf } from './protocol-index.ts';
import { type RuleScope, ruleIdentity } from './rule-identity.ts';
import { sameJson, stableJson } from './stable-json.ts';

export interface FieldsSide {
  readonly level: ResolvedLevel;
  readonly fields: readonly ResolvedField[];
  /** The group holding these fields, for row fields. */
  readonly group?: ResolvedField & { kind: 'group' };
}

const isMultiple = (f: ResolvedField): boolean => 'multiple' in f && f.multiple;

/** A new field existing rows must fill: required, or a group that needs rows. */
const needsValue = (f: ResolvedField): boolean =>
  f.required !== false || (f.kind === 'group' && f.minItems > 0);

export function diffFields(ctx: DiffContext, level: ThingRef, p: FieldsSide, n: FieldsSide): void {
  const group = p.group && n.group ? thingRef(p.group, n.group) : undefined;
  const base = { level, ...(group ? { group } : {}) };
  const moved = movedItems(
    p.fields.map((f) => f.id),
    n.fields.map((f) => f.id),
  );
  for (const pair of pairById(p.fields, n.fields)) {
    if (pair.next && !pair.previous) {
      const f = pair.next;
      const kind =
        f.kind === 'section' ? 'section_added' : needsValue(f) ? 'field_added_required' : 'field_added';
      const after = {
        kind: f.kind,
        required: typeof f.required === 'object' ? f.required.source : f.required,
      };
      ctx.emit({ ...base, kind, field: thingRef(undefined, f), path: f.sourcePath, after });
    } else if (pair.previous && !pair.next) {
      const f = pair.previous;
      const kind = f.kind === 'section' ? 'section_removed' : 'field_removed';
      ctx.emit({
        ...base,
        kind,
        field: thingRef(undefined, f),
        path: f.sourcePath,
        before: { kind: f.kind },
      });
    } else if (pair.previous && pair.next) {
      const subject: FieldSubject = {
        ...base,
        field: thingRef(pair.previous, pair.next),
        path: pair.next.sourcePath,
      };
      const scopes = {
        p: { index: ctx.previous, level: p.level, ...(p.group ? { group: p.group } : {}) },
        n: { index: ctx.next, level: n.level, ...(n.group ? { group: n.group } : {}) },
      };
      comparePair(ctx, subject, pair.previous, pair.next, scopes, moved.has(pair.next.id));
    }
  }
}

function comparePair(
  ctx: DiffContext,
  subject: FieldSubject,
  p: ResolvedField,
  n: ResolvedField,
  scopes: { readonly p: RuleScope; readonly n: RuleScope },
  moved: boolean,
): void {
  const change = kindChange(p.kind, n.kind, isMultiple(p));
  if (p.kind !== n.kind && change === undefined) return;
  const at = (property: string) => `${subject.path}/${property}`;
  if (p.key !== n.key)
    ctx.emit({ ...subject, kind: 'field_renamed', path: at('key'), before: p.key, after: n.key });
  if (p.kind !== n.kind) {
    const kind = change === 'widening' ? 'field_kind_widened' : 'field_kind_cast';
    ctx.emit({ ...subject, kind, path: at('kind'), before: p.kind, after: n.kind });
  }
  if ('multiple' in p && 'multiple' in n && p.multiple !== n.multiple)
    ctx.emit({
      ...subject,
      kind: 'field_multiple_changed',
      path: at('multiple'),
      before: p.multiple,
      after: n.multiple,
    });
  compareTargets(ctx, subject, p, n);
  for (const property of ['label', 'help'] as const) {
    if (!sameJson(p[property], n[property]))
      ctx.emit({
        ...subject,
        kind: 'field_label_changed',
        property,
        path: at(property),
        before: p[property],
        after: n[property],
      });
  }
  if (moved) ctx.emit({ ...subject, kind: 'field_order_changed', path: subject.path });
  comparePresentation(ctx, subject, p, n, scopes);
  const computed = [ruleIdentity(p.computed, scopes.p), ruleIdentity(n.computed, scopes.n)];
  if (computed[0] !== computed[1])
    ctx.emit({
      ...subject,
      kind: 'field_computed_changed',
      path: at('computed'),
      before: p.computed?.source,
      after: n.computed?.source,
    });
  if (defaultIdentity(p, scopes.p) !== defaultIdentity(n, scopes.n))
    ctx.emit({
      ...subject,
      kind: 'field_default_changed',
      path: at('default'),
      before: defaultShown(p),
      after: defaultShown(n),
    });
  compareConstraints(ctx, subject, { field: p, scope: scopes.p }, { field: n, scope: scopes.n });
  if (p.kind === 'choice' && n.kind === 'choice') compareChoices(ctx, subject, p, n);
  if (p.kind === 'group' && n.kind === 'group') {
    const level = subject.level as ThingRef;
    diffFields(
      ctx,
      level,
      { level: scopes.p.level, fields: p.fields, group: p },
      { level: scopes.n.level, fields: n.fields, group: n },
    );
  }
}

/** Looks only: how the field is shown, never what it holds. */
function comparePresentation(
  ctx: DiffContext,
  subject: FieldSubject,
  p: ResolvedField,
  n: ResolvedField,
  scopes: { readonly p: RuleScope; readonly n: RuleScope },
): void {
  const read = (f: ResolvedField, property: string) => (f as unknown as Record<string, unknown>)[property];
  for (const property of ['display', 'unit', 'aliases', 'readOnly', 'fieldSet']) {
    const [before, after] = [read(p, property), read(n, property)];
    if (!sameJson(before, after))
      ctx.emit({
        ...subject,
        kind: 'field_presentation_changed',
        property,
        path: `${subject.path}/${property}`,
        before,
        after,
      });
  }
  // A section stores nothing: showing it or not is presentation.
  if (
    p.kind === 'section' &&
    n.kind === 'section' &&
    ruleIdentity(p.visibleIf, scopes.p) !== ruleIdentity(n.visibleIf, scopes.n)
  )
    ctx.emit({
      ...subject,
      kind: 'field_presentation_changed',
      property: 'visibleIf',
      path: `${subject.path}/visibleIf`,
      before: p.visibleIf?.source,
      after: n.visibleIf?.source,
    });
}

/** What a coded or linked field points at, by id: a renamed vocabulary or level is not a new target. */
function compareTargets(ctx: DiffContext, subject: FieldSubject, p: ResolvedField, n: ResolvedField): void {
  const targets: Array<[string, unknown, unknown, unknown, unknown]> = [];
  const id = (index: ProtocolIndex, f: ResolvedField) =>
    f.kind === 'vocabulary'
      ? vocabularyIdOf(index, f.vocabulary)
      : f.kind === 'reference'
        ? levelIdOf(index, f.level)
        : undefined;
  if (p.kind === 'vocabulary' && n.kind === 'vocabulary')
    targets.push(['vocabulary', id(ctx.previous, p), id(ctx.next, n), p.vocabulary, n.vocabulary]);
  if (p.kind === 'reference' && n.kind === 'reference')
    targets.push(['level', id(ctx.previous, p), id(ctx.next, n), p.level, n.level]);
  if (p.kind === 'habitat' && n.kind === 'habitat')
    targets.push(['typology', p.typology, n.typology, p.typology, n.typology]);
  for (const [property, beforeId, afterId, before, after] of targets) {
    if (beforeId !== afterId)
      ctx.emit({
        ...subject,
        kind: 'field_target_changed',
        property,
        path: `${subject.path}/${property}`,
        before,
        after,
      });
  }
}

function defaultIdentity(f: ResolvedField, scope: RuleScope): string | undefined {
  const d = f.default;
  if (d === undefined) return undefined;
  return d.kind === 'rule' ? `rule:${ruleIdentity(d.rule, scope)}` : stableJson(d);
}

function defaultShown(f: ResolvedField): unknown {
  const d = f.default;
  if (d === undefined) return undefined;
  return d.kind === 'rule' ? { rule: d.rule.source } : d.kind === 'codes' ? { codes: d.codes } : d.value;
}
