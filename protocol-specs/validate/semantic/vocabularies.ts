/** Vocabularies and the codes fields, defaults and field sets use. */
import { type Diagnostic, error, warning } from '../../diagnostics.ts';
import { findStandardVocabulary } from '../../standard/sinp-nomenclatures.ts';
import { closestMatch } from '../../util/closest-match.ts';
import { asArray, asString, asStrings, isObject, prop } from '../../util/lenient.ts';
import { allFields, type FieldModel } from '../model.ts';
import { codesOf } from '../rule-slots.ts';
import type { VocabularyCatalogue } from '../vocabulary-catalogue.ts';
import type { CheckContext, SemanticCheck } from './context.ts';
import { duplicates } from './duplicates.ts';

export const vocabularyChecks: SemanticCheck = {
  name: 'vocabularies',
  rules: {
    'vocabulary-id-unique': 'Protocol vocabulary ids and codes are unique, and no code hides a SINP type.',
    'vocabulary-value-unique': 'Codes are unique within a vocabulary.',
    'vocabulary-broader-unknown': 'A broader value is a code of the same vocabulary, with no cycle.',
    'vocabulary-unknown': 'A vocabulary field names a protocol vocabulary or a known SINP type.',
    'vocabulary-code-unknown': 'Codes in subsets, defaults and field sets exist in their vocabulary.',
    'choice-value-unique': 'Choice values are unique within a field.',
    'field-set-field': 'A field set applies to a choice or vocabulary field of its level.',
    'field-set-id-unique': 'Field set ids are unique in the protocol.',
  },
  check({ model, catalogue }: CheckContext): Diagnostic[] {
    const out: Diagnostic[] = [];
    out.push(
      ...duplicates(
        model.vocabularies,
        (v) => asString(prop(v.raw, 'id')),
        (v) => `${v.path}/id`,
        'vocabulary-id-unique',
        'vocabulary id',
      ),
    );
    out.push(
      ...duplicates(
        model.vocabularies,
        (v) => v.code,
        (v) => `${v.path}/code`,
        'vocabulary-id-unique',
        'vocabulary code',
      ),
    );
    for (const vocabulary of model.vocabularies) {
      out.push(...valueChecks(vocabulary.raw, vocabulary.path));
      if (vocabulary.code !== undefined && findStandardVocabulary(vocabulary.code)) {
        const message = `"${vocabulary.code}" is a SINP nomenclature type; give the protocol vocabulary its own code`;
        out.push(error('vocabulary-id-unique', `${vocabulary.path}/code`, message));
      }
    }
    const sets = model.levels.flatMap((l) =>
      asArray(prop(l.raw, 'fieldSets')).map((set, i) => ({
        id: asString(prop(set, 'id')),
        path: `${l.path}/fieldSets/${i}/id`,
      })),
    );
    out.push(
      ...duplicates(
        sets,
        (s) => s.id,
        (s) => s.path,
        'field-set-id-unique',
        'field set id',
      ),
    );
    for (const level of model.levels) {
      for (const field of allFields(level)) out.push(...fieldCodeChecks(field, catalogue));
      asArray(prop(level.raw, 'fieldSets')).forEach((set, i) => {
        out.push(...fieldSetChecks(set, `${level.path}/fieldSets/${i}`, level.fields, catalogue));
      });
    }
    return out;
  },
};

function valueChecks(vocabulary: Record<string, unknown>, path: string): Diagnostic[] {
  const values = asArray(prop(vocabulary, 'values')).map((v, i) => ({ raw: v, path: `${path}/values/${i}` }));
  const out = duplicates(
    values,
    (v) => asString(prop(v.raw, 'code')),
    (v) => `${v.path}/code`,
    'vocabulary-value-unique',
    'code',
  );
  const broaderOf = new Map<string, string | undefined>();
  for (const v of values) {
    const code = asString(prop(v.raw, 'code'));
    if (code !== undefined) broaderOf.set(code, asString(prop(v.raw, 'broader')));
  }
  for (const v of values) {
    const code = asString(prop(v.raw, 'code'));
    const broader = asString(prop(v.raw, 'broader'));
    if (broader === undefined) continue;
    if (!broaderOf.has(broader)) {
      out.push(
        error(
          'vocabulary-broader-unknown',
          `${v.path}/broader`,
          `broader code "${broader}" is not a value of this vocabulary`,
        ),
      );
      continue;
    }
    const seen = new Set<string>([code ?? '']);
    let cursor: string | undefined = broader;
    while (cursor !== undefined && !seen.has(cursor)) {
      seen.add(cursor);
      cursor = broaderOf.get(cursor);
    }
    if (cursor !== undefined && cursor === code) {
      out.push(
        error(
          'vocabulary-broader-unknown',
          `${v.path}/broader`,
          `value "${code}" is its own broader value (a cycle)`,
        ),
      );
    }
  }
  return out;
}

function fieldCodeChecks(field: FieldModel, catalogue: VocabularyCatalogue): Diagnostic[] {
  const out: Diagnostic[] = [];
  if (field.kind === 'choice') {
    const choices = asArray(prop(field.raw, 'choices')).map((c, i) => ({
      c,
      path: `${field.path}/choices/${i}`,
    }));
    out.push(
      ...duplicates(
        choices,
        (x) => (typeof x.c === 'string' ? x.c : asString(prop(x.c, 'value'))),
        (x) => x.path,
        'choice-value-unique',
        'choice',
      ),
    );
    out.push(
      ...defaultCodes(
        field,
        codesOf(field, catalogue) ?? [],
        `among the choices of ${field.key ?? 'this field'}`,
      ),
    );
  }
  if (field.kind !== 'vocabulary') return out;
  const code = asString(prop(field.raw, 'vocabulary'));
  if (code === undefined) return out;
  const vocabulary = catalogue.find(code);
  if (!vocabulary) {
    out.push(
      error(
        'vocabulary-unknown',
        `${field.path}/vocabulary`,
        `"${code}" is neither a protocol vocabulary nor a known SINP nomenclature type`,
      ),
    );
    return out;
  }
  const all = vocabulary.values.map((v) => v.code);
  asArray(prop(field.raw, 'codes')).forEach((c, i) => {
    if (typeof c === 'string' && !all.includes(c))
      out.push(unknownCode(`${field.path}/codes/${i}`, c, `a code of ${code}`, all));
  });
  out.push(...defaultCodes(field, codesOf(field, catalogue) ?? all, `a code of ${code}`));
  return out;
}

function defaultCodes(field: FieldModel, allowed: readonly string[], where: string): Diagnostic[] {
  const value = prop(field.raw, 'default');
  const path = `${field.path}/default`;
  const given = isObject(value)
    ? [...asStrings([prop(value, 'code')]), ...asStrings(prop(value, 'codes'))]
    : typeof value === 'string'
      ? [value]
      : asStrings(value);
  return given.filter((c) => !allowed.includes(c)).map((c) => unknownCode(path, c, where, allowed));
}

function unknownCode(path: string, code: string, where: string, known: readonly string[]): Diagnostic {
  const hint = closestMatch(code, known);
  return error(
    'vocabulary-code-unknown',
    path,
    `"${code}" is not ${where}${hint ? `; did you mean "${hint}"?` : ''}`,
  );
}

function fieldSetChecks(
  set: unknown,
  path: string,
  fields: readonly FieldModel[],
  catalogue: VocabularyCatalogue,
): Diagnostic[] {
  const appliesTo = prop(set, 'appliesTo');
  const key = asString(prop(appliesTo, 'field'));
  if (key === undefined) return [];
  const field = fields.find((f) => f.key === key && f.fieldSetPath === undefined);
  if (!field || (field.kind !== 'choice' && field.kind !== 'vocabulary')) {
    const what = field ? `a ${field.kind} field` : 'not a field of this level (outside field sets)';
    return [
      error(
        'field-set-field',
        `${path}/appliesTo/field`,
        `"${key}" is ${what}; a field set applies to a choice or vocabulary field`,
      ),
    ];
  }
  const allowed = codesOf(field, catalogue) ?? [];
  const out: Diagnostic[] = [];
  asArray(prop(appliesTo, 'codes')).forEach((c, i) => {
    if (typeof c === 'string' && !allowed.includes(c))
      out.push(unknownCode(`${path}/appliesTo/codes/${i}`, c, `a value of ${key}`, allowed));
  });
  if (prop(field.raw, 'required') !== true) {
    out.push(
      warning(
        'field-set-field',
        `${path}/appliesTo/field`,
        `"${key}" is not always required: records without it get none of this set`,
      ),
    );
  }
  return out;
}
