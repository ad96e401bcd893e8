/** Fields: identities, keys, display references, kind-specific consistency. */
import { type Diagnostic, error, warning } from '../../diagnostics.ts';
import { fieldKeyReservedReason } from '../../standard/reserved-names.ts';
import { STANDARD_ID_PREFIX } from '../../standard/standard-fields.ts';
import { closestMatch } from '../../util/closest-match.ts';
import { asArray, asNumber, asString, prop } from '../../util/lenient.ts';
import { allFields, type FieldModel, type LevelModel } from '../model.ts';
import type { CheckContext, SemanticCheck } from './context.ts';
import { duplicates } from './duplicates.ts';

export const fieldChecks: SemanticCheck = {
  name: 'fields',
  rules: {
    'field-id-missing': 'Every field the protocol adds has an id.',
    'field-id-unique': 'The ids of the fields a protocol adds are unique in the protocol.',
    'field-id-reserved': `Ids starting with "${STANDARD_ID_PREFIX}" belong to standard fields, which keep theirs when refined.`,
    'field-key-unique': 'Field keys are unique within a level (and within a repeatable group).',
    'field-key-reserved':
      'A field key is not an SQL reserved word, a system or generated column, `geometry`, or `<level key>_id`.',
    'display-field-unknown': 'list, detail, sort, mapLabel and keep name fields of the level.',
    'group-nested': 'A repeatable group does not contain another group.',
    'group-items-order': 'minItems is not above maxItems.',
    'bounds-order': 'A literal min is not above the literal max.',
    'pattern-invalid': 'A pattern is a valid regular expression that PostgreSQL also understands.',
    'computed-conflict': 'A computed field has no default and is not declared editable.',
    'reference-level-unknown': 'A reference field names an existing level.',
  },
  check({ model }: CheckContext): Diagnostic[] {
    const out: Diagnostic[] = [];
    const authored = model.levels.flatMap((l) => allFields(l).filter((f) => f.authored && !f.standard));
    out.push(
      ...duplicates(
        authored,
        (f) => f.id,
        (f) => `${f.path}/id`,
        'field-id-unique',
        'field id',
      ),
    );
    for (const field of authored) {
      if (field.id === undefined) {
        out.push(
          error(
            'field-id-missing',
            field.path,
            `field "${field.key ?? '?'}" needs an immutable "id" (migrations rely on it)`,
          ),
        );
      } else if (field.id.startsWith(STANDARD_ID_PREFIX)) {
        out.push(
          error('field-id-reserved', `${field.path}/id`, `id "${field.id}" is reserved for standard fields`),
        );
      }
    }
    const refined = model.levels.flatMap((l) => l.fields.filter((f) => f.standard && f.authored));
    for (const field of refined.filter((f) => f.id !== `${STANDARD_ID_PREFIX}${f.key}`)) {
      const message = `field "${field.key}" refines a standard field, which keeps its id "${STANDARD_ID_PREFIX}${field.key}"; drop "id"`;
      out.push(error('field-id-reserved', `${field.path}/id`, message));
    }
    const levelKeys = model.levels.flatMap((l) => (l.key ? [l.key] : []));
    for (const level of model.levels) {
      out.push(...keyChecks(level.fields, levelKeys));
      for (const group of level.fields.filter((f) => f.kind === 'group'))
        out.push(...keyChecks(group.rowFields, []));
      out.push(...displayChecks(level));
      for (const field of allFields(level))
        out.push(...fieldConsistency(field, levelKeys, model.levelsByKey));
    }
    return out;
  },
};

function keyChecks(fields: readonly FieldModel[], levelKeys: readonly string[]): Diagnostic[] {
  const out = duplicates(
    fields,
    (f) => f.key,
    (f) => `${f.path}/key`,
    'field-key-unique',
    'field key',
  );
  for (const field of fields.filter((f) => f.authored && f.key !== undefined)) {
    const key = field.key as string;
    const reason = fieldKeyReservedReason(key, levelKeys);
    if (reason) out.push(error('field-key-reserved', `${field.path}/key`, `field key "${key}" ${reason}`));
  }
  return out;
}

function displayChecks(level: LevelModel): Diagnostic[] {
  const keys = level.fields.filter((f) => f.kind !== 'section').flatMap((f) => (f.key ? [f.key] : []));
  const known = new Set(keys);
  const out: Diagnostic[] = [];
  const check = (name: string, path: string) => {
    if (known.has(name)) return;
    const hint = closestMatch(name, keys);
    out.push(
      error(
        'display-field-unknown',
        path,
        `"${name}" is not a field of level "${level.key ?? '?'}"${hint ? `; did you mean "${hint}"?` : ''}`,
      ),
    );
  };
  for (const slot of ['list', 'detail', 'keep'] as const) {
    asArray(prop(level.raw, slot)).forEach((name, i) => {
      if (typeof name === 'string') check(name, `${level.path}/${slot}/${i}`);
    });
  }
  asArray(prop(level.raw, 'sort')).forEach((s, i) => {
    const name = asString(prop(s, 'field'));
    if (name !== undefined) check(name, `${level.path}/sort/${i}/field`);
  });
  const mapLabel = asString(prop(level.raw, 'mapLabel'));
  if (mapLabel !== undefined) check(mapLabel, `${level.path}/mapLabel`);
  return out;
}

function fieldConsistency(
  field: FieldModel,
  levelKeys: readonly string[],
  levels: ReadonlyMap<string, LevelModel>,
): Diagnostic[] {
  const out: Diagnostic[] = [];
  const raw = field.raw;
  if (field.kind === 'group' && field.group) {
    out.push(
      error('group-nested', field.path, 'a repeatable group cannot contain another group; use a child level'),
    );
  }
  const minItems = asNumber(prop(raw, 'minItems'));
  const maxItems = asNumber(prop(raw, 'maxItems'));
  if (minItems !== undefined && maxItems !== undefined && minItems > maxItems) {
    out.push(
      error(
        'group-items-order',
        `${field.path}/minItems`,
        `minItems ${minItems} is above maxItems ${maxItems}`,
      ),
    );
  }
  const min = prop(raw, 'min');
  const max = prop(raw, 'max');
  if (
    (typeof min === 'number' || typeof min === 'string') &&
    typeof max === typeof min &&
    min > (max as typeof min)
  ) {
    out.push(error('bounds-order', `${field.path}/min`, `min ${String(min)} is above max ${String(max)}`));
  }
  const pattern = asString(prop(raw, 'pattern'));
  if (pattern !== undefined) out.push(...patternProblems(pattern, `${field.path}/pattern`));
  if (prop(raw, 'computed') !== undefined) {
    if (prop(raw, 'readOnly') === false) {
      out.push(error('computed-conflict', `${field.path}/readOnly`, 'a computed field is always read-only'));
    }
    if (prop(raw, 'default') !== undefined) {
      out.push(
        error(
          'computed-conflict',
          `${field.path}/default`,
          'a computed field cannot have a default: its rule sets it',
        ),
      );
    }
  }
  const target = asString(prop(raw, 'level'));
  if (field.kind === 'reference' && target !== undefined && !levels.has(target)) {
    const hint = closestMatch(target, levelKeys);
    out.push(
      error(
        'reference-level-unknown',
        `${field.path}/level`,
        `no level has key "${target}"${hint ? `; did you mean "${hint}"?` : ''}`,
      ),
    );
  }
  return out;
}

/** PostgreSQL's regular expressions lack a few JavaScript constructs; the same pattern must hold in both. */
const UNPORTABLE: ReadonlyArray<[RegExp, string]> = [
  [/\(\?<[A-Za-z]/, 'named groups'],
  [/\\p\{/, 'Unicode property escapes (\\p{…})'],
  [/\\k</, 'named back-references'],
];

function patternProblems(pattern: string, path: string): Diagnostic[] {
  try {
    new RegExp(pattern, 'u');
  } catch (e) {
    return [error('pattern-invalid', path, `invalid regular expression: ${(e as Error).message}`)];
  }
  return UNPORTABLE.filter(([re]) => re.test(pattern)).map(([, what]) =>
    warning(
      'pattern-invalid',
      path,
      `pattern uses ${what}, which PostgreSQL CHECK constraints do not support`,
    ),
  );
}
