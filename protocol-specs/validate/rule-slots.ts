/**
 * Finds every rule slot of a spec (required, visibleIf, computed, filter, min/max/default rules, SINP
 * mapping rules) together with what the rule may see (its environment) and the type it must yield.
 */
import { pointer } from '../diagnostics.ts';
import { isFieldKind, isMultiple, ruleTypeOf } from '../field-types.ts';
import type { BaseType, RuleEnvironment, RuleType } from '../rules/types.ts';
import { asArray, asString, isObject, prop } from '../util/lenient.ts';
import { ancestorsOf, type FieldModel, type LevelModel, type SpecModel } from './model.ts';
import type { VocabularyCatalogue } from './vocabulary-catalogue.ts';

export type SlotName =
  | 'required'
  | 'visibleIf'
  | 'computed'
  | 'filter'
  | 'min'
  | 'max'
  | 'default'
  | 'check'
  | 'mapping';

export interface RuleSlot {
  readonly path: string;
  readonly source: string;
  readonly slot: SlotName;
  /** The type the rule must produce; 'boolean' slots accept any truthy value, as JavaScript rules do. */
  readonly expected: BaseType | undefined;
  readonly environment: RuleEnvironment;
  readonly level: LevelModel;
  readonly field?: FieldModel;
}

const CHOICE_SCOPE: Readonly<Record<string, RuleType>> = {
  code: { base: 'text', list: false },
  label: { base: 'text', list: false },
  broader: { base: 'text', list: false },
};

export function fieldRuleType(field: FieldModel, catalogue: VocabularyCatalogue): RuleType | undefined {
  if (!isFieldKind(field.kind)) return undefined;
  return ruleTypeOf(
    field.kind,
    isMultiple(field.kind, prop(field.raw, 'multiple')),
    codesOf(field, catalogue),
  );
}

/** The values a coded field may hold: its choices, or its vocabulary's codes (narrowed to a subset). */
export function codesOf(field: FieldModel, catalogue: VocabularyCatalogue): string[] | undefined {
  if (field.kind === 'choice') {
    return asArray(prop(field.raw, 'choices')).flatMap((c) => {
      const value = typeof c === 'string' ? c : asString(prop(c, 'value'));
      return value === undefined ? [] : [value];
    });
  }
  if (field.kind === 'vocabulary') {
    const subset = prop(field.raw, 'codes');
    if (Array.isArray(subset)) return subset.filter((c): c is string => typeof c === 'string');
    const vocabulary = catalogue.find(asString(prop(field.raw, 'vocabulary')) ?? '');
    return vocabulary?.values.map((v) => v.code);
  }
  return undefined;
}

function scopeOf(fields: readonly FieldModel[], catalogue: VocabularyCatalogue): Record<string, RuleType> {
  const scope: Record<string, RuleType> = {};
  for (const field of fields) {
    const type = fieldRuleType(field, catalogue);
    if (field.key !== undefined && type && !Object.hasOwn(scope, field.key)) scope[field.key] = type;
  }
  return scope;
}

export function levelEnvironment(
  model: SpecModel,
  level: LevelModel,
  catalogue: VocabularyCatalogue,
  extra: Record<string, Record<string, RuleType>> = {},
): RuleEnvironment {
  const scopes: Record<string, Record<string, RuleType>> = {};
  for (const ancestor of ancestorsOf(model, level).reverse()) {
    if (ancestor.key !== undefined) scopes[ancestor.key] = scopeOf(ancestor.fields, catalogue);
  }
  const onlyParent = level.parents.length === 1 ? model.levelsByKey.get(level.parents[0] ?? '') : undefined;
  if (onlyParent) scopes.parent = scopeOf(onlyParent.fields, catalogue);
  scopes.value = scopeOf(level.fields, catalogue);
  return { scopes: { ...scopes, ...extra } };
}

export function collectRuleSlots(model: SpecModel, catalogue: VocabularyCatalogue): RuleSlot[] {
  const slots: RuleSlot[] = [];
  for (const level of model.levels) {
    const environment = levelEnvironment(model, level, catalogue);
    slots.push(...checkSlots(level, environment));
    for (const field of level.fields) {
      slots.push(...fieldSlots(field, level, environment, catalogue));
      if (field.rowFields.length === 0) continue;
      const rowEnvironment = { scopes: { ...environment.scopes, row: scopeOf(field.rowFields, catalogue) } };
      for (const row of field.rowFields) slots.push(...fieldSlots(row, level, rowEnvironment, catalogue));
    }
  }
  slots.push(...mappingSlots(model, catalogue));
  return slots;
}

/** A level's record checks: boolean rules on the record and its ancestors. */
function checkSlots(level: LevelModel, environment: RuleEnvironment): RuleSlot[] {
  return asArray(prop(level.raw, 'checks')).flatMap((check, i): RuleSlot[] => {
    const source = prop(check, 'rule');
    if (typeof source !== 'string') return [];
    const path = `${level.path}${pointer('checks', i)}/rule`;
    return [{ path, source, slot: 'check', expected: 'boolean', environment, level }];
  });
}

function fieldSlots(
  field: FieldModel,
  level: LevelModel,
  env: RuleEnvironment,
  catalogue: VocabularyCatalogue,
): RuleSlot[] {
  if (!field.authored) {
    // Standard fields' own rules are ours and tested once; only authored overrides are checked here.
    return [];
  }
  const own = fieldRuleType(field, catalogue)?.base;
  const slots: RuleSlot[] = [];
  const add = (
    slot: SlotName,
    path: string,
    source: unknown,
    expected: BaseType | undefined,
    environment = env,
  ) => {
    if (typeof source === 'string') slots.push({ path, source, slot, expected, environment, level, field });
  };
  add('required', `${field.path}/required`, prop(field.raw, 'required'), 'boolean');
  add('visibleIf', `${field.path}/visibleIf`, prop(field.raw, 'visibleIf'), 'boolean');
  add('computed', `${field.path}/computed`, prop(field.raw, 'computed'), own);
  const filterEnv = { scopes: { ...env.scopes, choice: CHOICE_SCOPE } };
  add('filter', `${field.path}/filter`, prop(field.raw, 'filter'), 'boolean', filterEnv);
  for (const slot of ['min', 'max', 'default'] as const) {
    const value = prop(field.raw, slot);
    if (isObject(value)) add(slot, `${field.path}/${slot}/rule`, prop(value, 'rule'), own);
  }
  return slots;
}

/** What each SINP attribute's rule must yield; nomenclature rules yield a code of their type. */
const MAPPING_TYPES: Readonly<Record<string, BaseType>> = {
  taxon: 'number',
  citedName: 'text',
  countMin: 'number',
  countMax: 'number',
  dateStart: 'date',
  dateEnd: 'date',
  publishAfter: 'date',
  observers: 'text',
  determiner: 'text',
  geometry: 'geometry',
  dataset: 'uuid',
  comment: 'text',
};

function mappingSlots(model: SpecModel, catalogue: VocabularyCatalogue): RuleSlot[] {
  const occurrence = prop(model.raw, 'occurrence');
  const level = model.levelsByKey.get(asString(prop(occurrence, 'level')) ?? '');
  if (!isObject(occurrence) || !level) return [];
  const environment = levelEnvironment(model, level, catalogue);
  const slots: RuleSlot[] = [];
  const visit = (value: unknown, path: string, expected: BaseType | undefined) => {
    const source = prop(value, 'rule');
    if (typeof source === 'string')
      slots.push({ path: `${path}/rule`, source, slot: 'mapping', expected, environment, level });
  };
  for (const [name, value] of Object.entries(occurrence)) {
    if (name !== 'nomenclatures') visit(value, pointer('occurrence', name), MAPPING_TYPES[name]);
  }
  for (const [type, value] of Object.entries(prop(occurrence, 'nomenclatures') ?? {})) {
    visit(value, pointer('occurrence', 'nomenclatures', type), 'text');
  }
  return slots;
}
