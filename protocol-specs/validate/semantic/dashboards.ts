/** Dashboard properties of fields: `dimension` on single-valued choices, `measure` on numbers. */
import { type Diagnostic, error, warning } from '../../diagnostics.ts';
import { asString, prop } from '../../util/lenient.ts';
import { allFields, type FieldModel, type SpecModel } from '../model.ts';
import type { CheckContext, SemanticCheck } from './context.ts';

const DIMENSION_KINDS: ReadonlySet<string> = new Set(['choice', 'vocabulary']);
const MEASURE_KINDS: ReadonlySet<string> = new Set(['integer', 'decimal']);

export const dashboardChecks: SemanticCheck = {
  name: 'dashboards',
  rules: {
    'dimension-kind':
      '`dimension` is set only on single-valued choice or vocabulary fields of a level (not in a group).',
    'measure-kind': '`measure` is set only on integer or decimal fields of a level (not in a group).',
    'dashboard-field-level':
      'A dimension belongs to the occurrence level or one of its ancestors, a measure to the occurrence level: dashboards count occurrences.',
  },
  check({ model }: CheckContext): Diagnostic[] {
    const out: Diagnostic[] = [];
    const counted = countedLevels(model);
    const occurrenceLevel = asString(prop(prop(model.raw, 'occurrence'), 'level'));
    for (const level of model.levels) {
      for (const field of allFields(level)) {
        const dimension = prop(field.raw, 'dimension') === true;
        const measure = prop(field.raw, 'measure') !== undefined;
        if (dimension) out.push(...kindProblem(field, 'dimension'));
        if (measure) out.push(...kindProblem(field, 'measure'));
        if (dimension && level.key !== undefined && !counted.has(level.key))
          out.push(
            levelWarning(
              field,
              `level "${level.key}" is not the occurrence level or one of its ancestors`,
              'dimension',
            ),
          );
        // A visit's number summed once per observation would count it several times: measures stay on the occurrence.
        if (measure && level.key !== undefined && level.key !== occurrenceLevel)
          out.push(levelWarning(field, `level "${level.key}" is not the occurrence level`, 'measure'));
      }
    }
    return out;
  },
};

function levelWarning(field: FieldModel, why: string, what: 'dimension' | 'measure'): Diagnostic {
  return warning(
    'dashboard-field-level',
    `${field.path}/${what}`,
    `${why}: dashboards do not show this ${what}`,
  );
}

function kindProblem(field: FieldModel, what: 'dimension' | 'measure'): Diagnostic[] {
  const path = `${field.path}/${what}`;
  const name = `field "${field.key ?? '?'}"`;
  if (field.group)
    return [error(`${what}-kind`, path, `${name} is a row of a repeatable group: it cannot be a ${what}`)];
  const kinds = what === 'dimension' ? DIMENSION_KINDS : MEASURE_KINDS;
  if (!kinds.has(field.kind ?? '')) {
    const allowed = what === 'dimension' ? 'choice or vocabulary' : 'integer or decimal';
    return [
      error(
        `${what}-kind`,
        path,
        `${name} is a ${field.kind ?? '?'} field: only ${allowed} fields can be a ${what}`,
      ),
    ];
  }
  if (what === 'dimension' && prop(field.raw, 'multiple') === true)
    return [
      error(
        'dimension-kind',
        path,
        `${name} takes several values: only single-valued fields can be a dimension`,
      ),
    ];
  return [];
}

/** The occurrence level and its ancestors: the rows dashboards count and the levels joined to them. */
function countedLevels(model: SpecModel): ReadonlySet<string> {
  const start = asString(prop(prop(model.raw, 'occurrence'), 'level'));
  const out = new Set<string>();
  const stack = start ? [start] : [];
  while (stack.length > 0) {
    const key = stack.pop() as string;
    if (out.has(key)) continue;
    out.add(key);
    stack.push(...(model.levelsByKey.get(key)?.parents ?? []));
  }
  return out;
}
