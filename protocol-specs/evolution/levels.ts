/**
 * Levels paired by id: added, removed, renamed; for each pair its labels, type, parents (by id: a
 * renamed parent is the same parent), geometry, display lists (by field id), field sets, record checks,
 * then its fields.
 */
import type { ResolvedLevel } from '../resolved.ts';
import { compareChecks } from './checks.ts';
import { type DiffContext, pairById, thingRef } from './diff-context.ts';
import type { ChangeDraft, ThingRef } from './diff-types.ts';
import { diffFields } from './fields.ts';
import { fieldIdOf, levelIdOf, levelPath } from './protocol-index.ts';
import { sameJson } from './stable-json.ts';

type LevelSubject = Omit<ChangeDraft, 'kind'> & { readonly level: ThingRef };

export function diffLevels(ctx: DiffContext): void {
  for (const pair of pairById(ctx.previous.protocol.levels, ctx.next.protocol.levels)) {
    if (pair.next && !pair.previous) {
      const l = pair.next;
      const path = levelPath(ctx.next, l);
      ctx.emit({
        kind: 'level_added',
        level: thingRef(undefined, l),
        path,
        after: { key: l.key, type: l.type },
      });
    } else if (pair.previous && !pair.next) {
      const l = pair.previous;
      const path = levelPath(ctx.previous, l);
      ctx.emit({
        kind: 'level_removed',
        level: thingRef(undefined, l),
        path,
        before: { key: l.key, type: l.type },
      });
    } else if (pair.previous && pair.next) {
      compareLevel(ctx, pair.previous, pair.next);
    }
  }
}

function compareLevel(ctx: DiffContext, p: ResolvedLevel, n: ResolvedLevel): void {
  const subject: LevelSubject = { level: thingRef(p, n), path: levelPath(ctx.next, n) };
  const at = (property: string) => `${subject.path}/${property}`;
  if (p.key !== n.key)
    ctx.emit({ ...subject, kind: 'level_renamed', path: at('key'), before: p.key, after: n.key });
  for (const property of ['label', 'plural'] as const) {
    if (!sameJson(p[property], n[property]))
      ctx.emit({
        ...subject,
        kind: 'level_label_changed',
        property,
        path: at(property),
        before: p[property],
        after: n[property],
      });
  }
  if (p.type !== n.type)
    ctx.emit({ ...subject, kind: 'level_type_changed', path: at('type'), before: p.type, after: n.type });
  const parents = (l: ResolvedLevel, index: typeof ctx.previous) =>
    l.parents.map((k) => levelIdOf(index, k)).sort();
  if (!sameJson(parents(p, ctx.previous), parents(n, ctx.next)))
    ctx.emit({
      ...subject,
      kind: 'level_parents_changed',
      path: at('parents'),
      before: p.parents,
      after: n.parents,
    });
  if (p.parentsRequired !== n.parentsRequired) {
    const kind = n.parentsRequired === 'all' ? 'level_parents_required' : 'level_parents_relaxed';
    ctx.emit({
      ...subject,
      kind,
      path: at('allParentsRequired'),
      before: p.parentsRequired,
      after: n.parentsRequired,
    });
  }
  compareGeometry(ctx, subject, p, n);
  compareDisplay(ctx, subject, p, n);
  if (!sameJson(fieldSets(p), fieldSets(n)))
    ctx.emit({
      ...subject,
      kind: 'level_field_sets_changed',
      path: at('fieldSets'),
      before: p.fieldSets,
      after: n.fieldSets,
    });
  compareChecks(ctx, subject, p, n);
  diffFields(ctx, subject.level, { level: p, fields: p.fields }, { level: n, fields: n.fields });
}

function compareGeometry(ctx: DiffContext, subject: LevelSubject, p: ResolvedLevel, n: ResolvedLevel): void {
  const path = `${subject.path}/geometry`;
  const [before, after] = [p.geometry, n.geometry];
  if (before.kind === 'none' && after.kind !== 'none') {
    ctx.emit({ ...subject, kind: 'level_geometry_added', path, after: after.kind });
  } else if (before.kind !== 'none' && after.kind === 'none') {
    ctx.emit({ ...subject, kind: 'level_geometry_removed', path, before: before.kind });
  } else if (before.kind !== after.kind) {
    const kind = after.kind === 'any' ? 'level_geometry_widened' : 'level_geometry_kind_changed';
    ctx.emit({ ...subject, kind, path, before: before.kind, after: after.kind });
  }
  // A geometry that did not exist was not required; a new required one must be filled in all the same.
  const required = (g: ResolvedLevel['geometry']) => g.kind !== 'none' && g.required;
  if (required(before) !== required(after) && after.kind !== 'none') {
    const kind = required(after) ? 'level_geometry_required' : 'level_geometry_relaxed';
    ctx.emit({
      ...subject,
      kind,
      path: `${path}/required`,
      before: required(before),
      after: required(after),
    });
  }
}

/** Lists, sort and map label name fields by key: compared by id, shown by key. */
function compareDisplay(ctx: DiffContext, subject: LevelSubject, p: ResolvedLevel, n: ResolvedLevel): void {
  const ids = (l: ResolvedLevel) => ({
    list: l.list.map((k) => fieldIdOf(l, k)),
    detail: l.detail.map((k) => fieldIdOf(l, k)),
    sort: l.sort.map((s) => ({ field: fieldIdOf(l, s.field), direction: s.direction })),
    mapLabel: l.mapLabel === undefined ? undefined : fieldIdOf(l, l.mapLabel),
    keep: l.keep.map((k) => fieldIdOf(l, k)),
  });
  const [before, after] = [ids(p), ids(n)];
  for (const property of ['list', 'detail', 'sort', 'mapLabel', 'keep'] as const) {
    if (!sameJson(before[property], after[property]))
      ctx.emit({
        ...subject,
        kind: 'level_display_changed',
        property,
        path: `${subject.path}/${property}`,
        before: p[property],
        after: n[property],
      });
  }
}

/** Field sets by id, the field they apply to by id. */
const fieldSets = (l: ResolvedLevel) =>
  l.fieldSets.map((s) => ({ id: s.id, label: s.label, field: fieldIdOf(l, s.field), codes: s.codes }));
