/**
 * What a migration must do to the records, from the model: for each field kept, the value each record's
 * old value becomes (cast as the plan says), or `failing` when the new field refuses it; the resolutions
 * the test chooses for the plan's checks (varied: set, map, archive); and the records and archive entries
 * expected after the upgrade.
 */
import type {
  MigrationPlan,
  MigrationResolutions,
  MigrationStep,
  Resolution,
} from '../../generators/migrations/plan-types.ts';
import {
  castValue,
  checkLevel,
  type FieldModel,
  fieldPath,
  isValid,
  offered,
  type ProtocolModel,
  pick,
  type RecordModel,
  type Value,
  validValue,
} from './evolution-model.ts';

/** Records by level id, then by record id. */
export type Records = Map<string, Map<string, RecordModel>>;

/** A value that left the module's tables and must be found in the archive with its record's id. */
export interface ArchivedValue {
  readonly recordId: string;
  readonly value: Value;
  readonly why: string;
}

export interface FieldChange {
  /** The level key and field path the plan's checks name (checkLevel, fieldPath). */
  readonly level: string;
  readonly path: string;
  /** The model level (or group) id whose records hold the field. */
  readonly levelId: string;
  /** A group's row field: a resolution archives its values with the record's id, not the row's. */
  readonly inGroup: boolean;
  readonly before?: FieldModel;
  readonly after: FieldModel;
  /** Record id → the value once cast (or `failing`). */
  readonly values: Map<string, Value | 'failing'>;
}

/** Every field of a level present in both versions, or new in a kept level. */
export function fieldChanges(previous: ProtocolModel, next: ProtocolModel, records: Records): FieldChange[] {
  const changes: FieldChange[] = [];
  for (const level of next.levels) {
    const old = previous.levels.find((l) => l.id === level.id);
    if (!old) continue;
    for (const after of level.fields) {
      const before = old.fields.find((f) => f.id === after.id);
      const values = new Map<string, Value | 'failing'>();
      for (const [id, record] of records.get(level.id) ?? []) {
        const cast = before ? castValue(before, after, record.values[after.id] ?? null) : null;
        values.set(id, cast !== 'failing' && !isValid(next, after, cast) ? 'failing' : cast);
      }
      changes.push({
        level: checkLevel(level),
        path: fieldPath(level, after),
        levelId: level.id,
        inGroup: level.type === 'group',
        ...(before ? { before } : {}),
        after,
        values,
      });
    }
  }
  return changes;
}

const failingCount = (c: FieldChange) => [...c.values.values()].filter((v) => v === 'failing').length;
export const failingChanges = (changes: readonly FieldChange[]) => changes.filter((c) => failingCount(c) > 0);

/** The first step of the plan that checks this field's rows: its resolution is the one failing rows get. */
export const checkingStep = (plan: MigrationPlan, change: FieldChange): MigrationStep | undefined =>
  plan.steps.find((s) => s.check?.level === change.level && s.check.field === change.path);

export interface Chosen {
  readonly resolutions: MigrationResolutions;
  /** Steps left unresolved on purpose while rows fail them: the first upgrade must be refused by them. */
  readonly unresolved: readonly string[];
}

/** The value a `set` writes, in the column's type as it is when the step runs (the old type for a cast). */
function setValue(step: MigrationStep, change: FieldChange, newValue: Value): Value {
  if (!step.id.endsWith('.type') || !change.before) return newValue;
  if (change.before.multiple) return [String(newValue)];
  return change.before.kind === 'text' ? String(newValue) : newValue;
}

/** Resolutions for the plan's checks, and the value each failing record then gets (by step id). */
export function chooseResolutions(
  plan: MigrationPlan,
  previous: ProtocolModel,
  next: ProtocolModel,
  changes: readonly FieldChange[],
  random: () => number,
  refuseFirst: boolean,
): Chosen & { readonly outcomes: Map<string, (old: Value) => Value> } {
  const resolutions: Record<string, Resolution> = {};
  const outcomes = new Map<string, (old: Value) => Value>();
  const unresolved: string[] = [];
  for (const change of changes) {
    const step = checkingStep(plan, change);
    if (!step?.accepts) continue;
    const failing = failingCount(change) > 0;
    if (!failing && random() < 0.6) continue;
    if (failing && refuseFirst && unresolved.length === 0) unresolved.push(step.id);
    const oldCodes = change.before
      ? offered(previous, change.before).filter((v) => !offered(next, change.after).includes(v))
      : [];
    const kinds = step.accepts.filter(
      (k) =>
        k === 'set' || k === 'archive' || (k === 'map' && oldCodes.length > 0 && !step.id.endsWith('.type')),
    );
    if (kinds.length === 0) continue;
    const kind = pick(random, kinds);
    if (kind === 'set') {
      const value = validValue(next, change.after, random, false);
      resolutions[step.id] = { set: setValue(step, change, value) as string };
      outcomes.set(step.id, () => value);
    } else if (kind === 'archive') {
      resolutions[step.id] = { archive: true };
      outcomes.set(step.id, () => null);
    } else {
      const codes = offered(next, change.after);
      const map = Object.fromEntries(oldCodes.map((c) => [c, pick(random, codes)]));
      resolutions[step.id] = { map };
      outcomes.set(step.id, (old) =>
        Array.isArray(old) ? old.map((c) => map[c] ?? c) : (map[old as string] ?? old),
      );
    }
  }
  return { resolutions, outcomes, unresolved };
}

/**
 * The records as the upgrade must leave them (`records` updated in place), and what left the tables
 * added to `archived`: removed levels, groups and fields, and values a resolution emptied.
 */
export function expectedAfter(
  model: ProtocolModel,
  next: ProtocolModel,
  records: Records,
  archived: ArchivedValue[],
  changes: readonly FieldChange[],
  plan: MigrationPlan,
  outcomes: ReadonlyMap<string, (old: Value) => Value>,
): void {
  for (const level of model.levels) {
    const kept = next.levels.find((l) => l.id === level.id);
    for (const [id, record] of records.get(level.id) ?? []) {
      for (const f of level.fields) {
        const value = record.values[f.id] ?? null;
        if (value === null) continue;
        if (!kept) archived.push({ recordId: id, value, why: `${level.key} removed` });
        else if (!kept.fields.some((n) => n.id === f.id))
          archived.push({ recordId: id, value, why: `field ${f.id} removed` });
      }
    }
    if (!kept) records.delete(level.id);
  }
  for (const change of changes) {
    const step = checkingStep(plan, change);
    const outcome = step && outcomes.get(step.id);
    const rows = records.get(change.levelId);
    for (const [id, record] of rows ?? []) {
      const cast = change.values.get(id) ?? null;
      const old = record.values[change.after.id] ?? null;
      let value: Value;
      if (cast === 'failing') {
        if (!outcome) throw new Error(`${change.after.id}: a failing value and no resolution`);
        // The resolution runs before the step: on the value as stored before any cast.
        value = outcome(old);
        if (value === null && old !== null)
          archived.push({
            recordId: change.inGroup ? (record.parent ?? '') : id,
            value: old,
            why: `${step?.id} archived`,
          });
      } else value = cast;
      rows?.set(id, { ...record, values: { ...record.values, [change.after.id]: value } });
    }
  }
  // Fields removed from a kept level: their values leave the records.
  for (const level of next.levels)
    for (const [id, record] of records.get(level.id) ?? [])
      records.get(level.id)?.set(id, {
        ...record,
        values: Object.fromEntries(level.fields.map((f) => [f.id, record.values[f.id] ?? null])),
      });
}
