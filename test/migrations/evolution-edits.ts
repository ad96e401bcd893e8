/**
 * The spec edits of the property test, on the model (evolution-model.ts): each takes two random numbers
 * that choose its target and its new value, and gives the next model, or undefined when it applies to
 * nothing (no field of that kind…). One edit per field in a migration: the fields an edit touches are
 * returned, so the next edit of the same migration leaves them alone and the expected values stay
 * simple (one change per value).
 */
import {
  type FieldModel,
  type Kind,
  type LevelModel,
  offered,
  type ProtocolModel,
} from './evolution-model.ts';

export const EDIT_KINDS = [
  'add_field',
  'remove_field',
  'rename_field',
  'cast_field',
  'add_value',
  'remove_value',
  'tighten_bound',
  'relax_bound',
  'add_level',
  'remove_level',
  'rename_level',
  'swap_keys',
  'require_field',
  'relabel',
] as const;
export type EditKind = (typeof EDIT_KINDS)[number];

export interface EditChoice {
  readonly kind: EditKind;
  readonly a: number;
  readonly b: number;
}

export interface Edited {
  readonly model: ProtocolModel;
  readonly touched: readonly string[];
  readonly description: string;
}

type Located = { readonly level: LevelModel; readonly field: FieldModel };

const fieldsOf = (model: ProtocolModel, free: ReadonlySet<string>): Located[] =>
  model.levels.flatMap((level) =>
    level.fields.filter((f) => !free.has(f.id)).map((field) => ({ level, field })),
  );

const at = <T>(items: readonly T[], n: number): T | undefined =>
  items.length === 0 ? undefined : items[n % items.length];

function replaceField(model: ProtocolModel, id: string, next: FieldModel | undefined): ProtocolModel {
  return {
    ...model,
    levels: model.levels.map((l) => ({
      ...l,
      fields: l.fields.flatMap((f) => (f.id === id ? (next ? [next] : []) : [f])),
    })),
  };
}

const KINDS: readonly Kind[] = ['integer', 'decimal', 'text', 'choice', 'vocabulary'];

/** The casts the planner supports, as the model can follow them. */
function castTarget(f: FieldModel, n: number): Partial<FieldModel> | undefined {
  const numeric = { min: undefined, max: undefined };
  const options: Array<Partial<FieldModel>> = [];
  if (f.kind === 'integer') options.push({ kind: 'decimal' }, { kind: 'text', ...numeric });
  if (f.kind === 'decimal') options.push({ kind: 'integer' }, { kind: 'text', ...numeric });
  if (f.kind === 'text')
    options.push({ kind: 'integer', maxLength: undefined }, { kind: 'decimal', maxLength: undefined });
  if (f.kind === 'choice' || f.kind === 'vocabulary') options.push({ multiple: !f.multiple });
  return at(options, n);
}

const without = <T extends object>(value: T): T =>
  Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;

export function applyEdit(
  model: ProtocolModel,
  choice: EditChoice,
  busy: ReadonlySet<string>,
): Edited | undefined {
  const { a, b } = choice;
  const serial = model.serial + 1;
  const free = fieldsOf(model, busy);
  const done = (next: ProtocolModel, touched: string[], description: string): Edited => ({
    model: { ...next, serial },
    touched,
    description,
  });
  switch (choice.kind) {
    case 'add_field': {
      const level = at(model.levels, a);
      if (!level) return undefined;
      const kind = at(KINDS, b) ?? 'integer';
      const id = `${level.key}.f${serial}`;
      const field: FieldModel = without({
        id,
        key: `f${serial}`,
        kind,
        multiple: kind === 'vocabulary' && b % 3 === 0,
        required: b % 4 === 1,
        label: `Field ${serial}`,
        ...(kind === 'integer' || kind === 'decimal' ? { min: -(b % 7), max: 100 + (b % 50) } : {}),
        ...(kind === 'text' && b % 2 === 0 ? { maxLength: 4 + (b % 6) } : {}),
        ...(kind === 'choice' ? { choices: ['c1', 'c2', 'c3'] } : {}),
      });
      const next = {
        ...model,
        levels: model.levels.map((l) => (l === level ? { ...l, fields: [...l.fields, field] } : l)),
      };
      return done(next, [id], `add ${field.kind}${field.required ? ' required' : ''} ${id} to ${level.key}`);
    }
    case 'remove_field': {
      // A group keeps one field at least (the spec requires it).
      const target = at(
        free.filter(({ level }) => level.type !== 'group' || level.fields.length > 1),
        a,
      );
      if (!target) return undefined;
      return done(
        replaceField(model, target.field.id, undefined),
        [target.field.id],
        `remove ${target.field.id}`,
      );
    }
    case 'rename_field': {
      // A key changes alone (values stay): it combines with any other edit of the same field.
      const target = at(fieldsOf(model, new Set()), a);
      if (!target) return undefined;
      const key = `${target.field.key.slice(0, 30)}_r${serial}`;
      return done(
        replaceField(model, target.field.id, { ...target.field, key }),
        [],
        `rename ${target.field.key} → ${key} (${target.field.id})`,
      );
    }
    case 'cast_field': {
      const target = at(free, a);
      const change = target && castTarget(target.field, b);
      if (!target || !change) return undefined;
      const field = without({ ...target.field, ...change });
      const to = `${field.kind}${field.multiple ? '[]' : ''}`;
      return done(replaceField(model, field.id, field), [field.id], `cast ${field.id} to ${to}`);
    }
    case 'add_value':
    case 'remove_value': {
      const adding = choice.kind === 'add_value';
      const targets = free.filter(({ field }) => field.kind === 'choice' || field.kind === 'vocabulary');
      const target = at(targets, a);
      if (!target) return undefined;
      const vocabulary = target.field.kind === 'vocabulary';
      const values = offered(model, target.field);
      if (!adding && values.length <= 2) return undefined;
      const removed = at(values, b) ?? '';
      const nextValues = adding ? [...values, `V${serial}`] : values.filter((v) => v !== removed);
      const what = adding ? `add value V${serial}` : `remove value ${removed}`;
      if (!vocabulary)
        return done(
          replaceField(model, target.field.id, { ...target.field, choices: nextValues }),
          [target.field.id],
          `${what} of ${target.field.id}`,
        );
      // The vocabulary is shared by its fields: all of them change, none may change otherwise.
      const users = fieldsOf(model, new Set()).filter(({ field }) => field.kind === 'vocabulary');
      if (users.some(({ field }) => busy.has(field.id))) return undefined;
      return done(
        { ...model, codes: nextValues },
        users.map(({ field }) => field.id),
        `${what} of the vocabulary`,
      );
    }
    case 'tighten_bound':
    case 'relax_bound': {
      const tighten = choice.kind === 'tighten_bound';
      const targets = free.filter(
        ({ field }) => field.kind === 'integer' || field.kind === 'decimal' || field.kind === 'text',
      );
      const target = at(targets, a);
      if (!target) return undefined;
      const f = target.field;
      let field: FieldModel;
      if (f.kind === 'text') {
        const length = f.maxLength ?? 12;
        field = without({
          ...f,
          maxLength: tighten ? Math.max(1, length - 1 - (b % 4)) : b % 2 === 0 ? undefined : length + 5,
        });
      } else if (b % 2 === 0) {
        const max = f.max ?? 500;
        const low = f.min ?? -50;
        field = without({
          ...f,
          max: tighten
            ? Math.max(low, max - 1 - (b % Math.max(1, max - low)))
            : b % 4 === 0
              ? undefined
              : max + 10,
        });
      } else {
        const min = f.min ?? -50;
        const high = f.max ?? 500;
        field = without({
          ...f,
          min: tighten
            ? Math.min(high, min + 1 + (b % Math.max(1, high - min)))
            : b % 3 === 0
              ? undefined
              : min - 10,
        });
      }
      return done(
        replaceField(model, f.id, field),
        [f.id],
        `${tighten ? 'tighten' : 'relax'} a bound of ${f.id}`,
      );
    }
    case 'add_level': {
      const visit = model.levels.find((l) => l.type === 'visit');
      if (!visit) return undefined;
      // Every third one a repeatable group of the site or the visit: a child table of rows.
      const owner =
        b % 3 === 0
          ? at(
              model.levels.filter((l) => l.type === 'site' || l.type === 'visit'),
              a,
            )
          : undefined;
      const key = owner ? `rows${serial}` : `sample${serial}`;
      const id = owner ? `${owner.key}.${key}` : `level.${key}`;
      const level: LevelModel = {
        id,
        key,
        type: owner ? 'group' : 'observation',
        parent: owner ? owner.key : visit.key,
        fields: [
          {
            id: `${key}.mass`,
            key: 'mass',
            kind: 'decimal',
            multiple: false,
            required: b % 2 === 0,
            label: 'Mass',
            min: 0,
            max: 50,
          },
          {
            id: `${key}.kind`,
            key: 'kind',
            kind: 'choice',
            multiple: false,
            required: false,
            label: 'Kind',
            choices: ['egg', 'larva'],
          },
        ],
      };
      return done(
        { ...model, levels: [...model.levels, level] },
        [],
        `add ${owner ? `group ${key} to ${owner.key}` : `level ${key}`}`,
      );
    }
    case 'remove_level': {
      const leaves = model.levels.filter(
        (l) => (l.type === 'observation' || l.type === 'group') && l.fields.every((f) => !busy.has(f.id)),
      );
      const level = at(leaves, a);
      if (!level) return undefined;
      return done(
        { ...model, levels: model.levels.filter((l) => l !== level) },
        level.fields.map((f) => f.id),
        `remove level ${level.key}`,
      );
    }
    case 'rename_level': {
      // A level's key changes under its id: its table and its children's `<parent>_id` columns are renamed.
      const level = at(model.levels, a);
      if (!level) return undefined;
      const key = `${level.key.slice(0, 20)}_l${serial}`;
      const levels = model.levels.map((l) => ({
        ...l,
        ...(l === level ? { key } : {}),
        ...(l.parent === level.key ? { parent: key } : {}),
      }));
      return done({ ...model, levels }, [], `rename level ${level.key} → ${key} (${level.id})`);
    }
    case 'swap_keys': {
      // Two fields of a level exchange their keys: renames that depend on each other.
      const level = at(
        model.levels.filter((l) => l.fields.length >= 2),
        a,
      );
      if (!level) return undefined;
      const first = at(level.fields, b);
      const second = at(level.fields, b + 1 + (a % Math.max(1, level.fields.length - 1)));
      if (!first || !second || first === second) return undefined;
      const swapped = replaceField(replaceField(model, first.id, { ...first, key: second.key }), second.id, {
        ...second,
        key: first.key,
      });
      return done(swapped, [], `swap the keys of ${first.id} and ${second.id}`);
    }
    case 'require_field': {
      // Required or optional again: rows without a value need a `set`.
      const target = at(free, a);
      if (!target) return undefined;
      const field = { ...target.field, required: !target.field.required };
      return done(
        replaceField(model, field.id, field),
        [field.id],
        `${field.required ? 'require' : 'make optional'} ${field.id}`,
      );
    }
    case 'relabel': {
      const target = at(free, a);
      if (!target) return undefined;
      const field = { ...target.field, label: `${target.field.label} (v${model.version + 1})` };
      return done(replaceField(model, field.id, field), [field.id], `relabel ${field.id}`);
    }
  }
}
