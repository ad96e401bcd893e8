/**
 * A lenient, indexed view of an authored spec that every semantic rule shares: levels with their effective
 * fields (standard fields merged, field sets flattened, group rows nested), each with its JSON pointer.
 */
import { pointer } from '../diagnostics.ts';
import { LEVEL_TYPES } from '../schema/protocol-schema.ts';
import { type LevelType, STANDARD_FIELDS } from '../standard/standard-fields.ts';
import { asArray, asString, asStrings, isObject, type JsonObject, prop } from '../util/lenient.ts';

export interface FieldModel {
  readonly path: string;
  readonly raw: JsonObject;
  readonly id: string | undefined;
  readonly key: string | undefined;
  readonly kind: string | undefined;
  readonly standard: boolean;
  /** Written in the spec (standard fields the spec does not mention are not). */
  readonly authored: boolean;
  /** Pointer of the field set holding this field, if any. */
  readonly fieldSetPath?: string;
  /** The group this field is a row field of, if any. */
  readonly group?: FieldModel;
  readonly rowFields: readonly FieldModel[];
}

export interface LevelModel {
  readonly path: string;
  readonly raw: JsonObject;
  readonly id: string | undefined;
  readonly key: string | undefined;
  readonly type: LevelType | undefined;
  readonly parents: readonly string[];
  /** Top-level fields of the record, in form order (row fields of groups are under each group). */
  readonly fields: readonly FieldModel[];
}

export interface SpecModel {
  readonly raw: JsonObject;
  readonly levels: readonly LevelModel[];
  readonly levelsByKey: ReadonlyMap<string, LevelModel>;
  readonly vocabularies: readonly {
    readonly path: string;
    readonly raw: JsonObject;
    readonly code?: string;
  }[];
}

export function buildModel(spec: unknown): SpecModel {
  const raw = isObject(spec) ? spec : {};
  const levels = asArray(prop(raw, 'levels')).map((level, i) => buildLevel(level, pointer('levels', i)));
  const levelsByKey = new Map<string, LevelModel>();
  for (const level of levels)
    if (level.key !== undefined && !levelsByKey.has(level.key)) levelsByKey.set(level.key, level);
  const vocabularies = asArray(prop(raw, 'vocabularies')).map((v, i) => ({
    path: pointer('vocabularies', i),
    raw: isObject(v) ? v : {},
    code: asString(prop(v, 'code')),
  }));
  return { raw, levels, levelsByKey, vocabularies };
}

function buildLevel(level: unknown, path: string): LevelModel {
  const raw = isObject(level) ? level : {};
  const typeName = asString(prop(raw, 'type'));
  const type = (LEVEL_TYPES as readonly string[]).includes(typeName ?? '')
    ? (typeName as LevelType)
    : undefined;
  const authored = asArray(prop(raw, 'fields')).map((f, i) =>
    buildField(f, `${path}${pointer('fields', i)}`, false),
  );
  const authoredKeys = new Set(authored.map((f) => f.key));
  const omitted = new Set(asStrings(prop(raw, 'omitStandardFields')));
  const standard = (type ? STANDARD_FIELDS[type] : [])
    .filter((f) => !omitted.has(f.key) && !authoredKeys.has(f.key))
    .map((f) => buildField(f, `${path}/standard/${f.key}`, true));
  const fromSets = asArray(prop(raw, 'fieldSets')).flatMap((set, s) => {
    const setPath = `${path}${pointer('fieldSets', s)}`;
    return asArray(prop(set, 'fields')).map((f, i) =>
      buildField(f, `${setPath}${pointer('fields', i)}`, false, setPath),
    );
  });
  return {
    path,
    raw,
    id: asString(prop(raw, 'id')),
    key: asString(prop(raw, 'key')),
    type,
    parents: asStrings(prop(raw, 'parents')),
    fields: [...standard, ...authored.map((f) => mergeStandard(f, type)), ...fromSets],
  };
}

function buildField(
  field: unknown,
  path: string,
  standard: boolean,
  fieldSetPath?: string,
  group?: FieldModel,
): FieldModel {
  const raw = isObject(field) ? field : {};
  const model: FieldModel = {
    path,
    raw,
    id: asString(prop(raw, 'id')),
    key: asString(prop(raw, 'key')),
    kind: asString(prop(raw, 'kind')),
    standard,
    authored: !standard,
    ...(fieldSetPath === undefined ? {} : { fieldSetPath }),
    ...(group === undefined ? {} : { group }),
    rowFields: [],
  };
  if (model.kind !== 'group') return model;
  const rowFields = asArray(prop(raw, 'fields')).map((f, i) =>
    buildField(f, `${path}${pointer('fields', i)}`, false, fieldSetPath, model),
  );
  return Object.assign(model, { rowFields });
}

/** An authored field with a standard key of the same kind refines the standard one (shallow merge). */
function mergeStandard(field: FieldModel, type: LevelType | undefined): FieldModel {
  const base = type ? STANDARD_FIELDS[type].find((s) => s.key === field.key) : undefined;
  if (!base || base.kind !== field.kind) return field;
  const raw = { ...(base as unknown as JsonObject), ...field.raw };
  return { ...field, raw, id: asString(raw.id), standard: true, authored: true };
}

/** Every field of a level, row fields of groups included, in order. */
export function allFields(level: LevelModel): FieldModel[] {
  return level.fields.flatMap((f) => [f, ...f.rowFields]);
}

/** Ancestors of a level by key (every path up the tree), nearest first; cycles are cut. */
export function ancestorsOf(model: SpecModel, level: LevelModel): LevelModel[] {
  const seen = new Set<string>();
  const out: LevelModel[] = [];
  let frontier = [...level.parents];
  while (frontier.length > 0) {
    const next: string[] = [];
    for (const key of frontier) {
      const parent = model.levelsByKey.get(key);
      if (!parent || seen.has(key) || key === level.key) continue;
      seen.add(key);
      out.push(parent);
      next.push(...parent.parents);
    }
    frontier = next;
  }
  return out;
}
