/** Levels: identities, the tree, geometry. */
import { type Diagnostic, error } from '../../diagnostics.ts';
import { levelKeyReservedReason } from '../../standard/reserved-names.ts';
import { STANDARD_FIELDS } from '../../standard/standard-fields.ts';
import { closestMatch } from '../../util/closest-match.ts';
import { asArray, asString, prop } from '../../util/lenient.ts';
import type { CheckContext, SemanticCheck } from './context.ts';
import { duplicates } from './duplicates.ts';

export const levelChecks: SemanticCheck = {
  name: 'levels',
  rules: {
    'level-id-unique': 'Level ids are unique.',
    'level-key-unique': 'Level keys are unique.',
    'level-key-reserved':
      'A level key is not an SQL reserved word, a system column, a rule scope name (value, parent, row, choice) or a path segment of the module API (x, forms, batch).',
    'standard-field-unknown': 'omitStandardFields names standard fields of the level type.',
    'level-parent-unknown': 'A level parent names an existing level.',
    'level-tree-cycle': 'Levels form a tree: no level is its own ancestor.',
    'level-geometry-required': 'A required geometry has a geometry kind.',
  },
  check({ model }: CheckContext): Diagnostic[] {
    const out: Diagnostic[] = [];
    out.push(
      ...duplicates(
        model.levels,
        (l) => l.id,
        (l) => `${l.path}/id`,
        'level-id-unique',
        'level id',
      ),
    );
    out.push(
      ...duplicates(
        model.levels,
        (l) => l.key,
        (l) => `${l.path}/key`,
        'level-key-unique',
        'level key',
      ),
    );
    const keys = model.levels.flatMap((l) => (l.key === undefined ? [] : [l.key]));
    for (const level of model.levels) {
      const reason = level.key === undefined ? undefined : levelKeyReservedReason(level.key);
      if (reason)
        out.push(error('level-key-reserved', `${level.path}/key`, `level key "${level.key}" ${reason}`));
      level.parents.forEach((parent, i) => {
        if (model.levelsByKey.has(parent)) return;
        const hint = closestMatch(parent, keys);
        out.push(
          error(
            'level-parent-unknown',
            `${level.path}/parents/${i}`,
            `no level has key "${parent}"${hint ? `; did you mean "${hint}"?` : ''}`,
          ),
        );
      });
      const standardKeys = level.type ? STANDARD_FIELDS[level.type].map((f) => f.key) : [];
      asArray(prop(level.raw, 'omitStandardFields')).forEach((name, i) => {
        if (typeof name !== 'string' || !level.type || standardKeys.includes(name)) return;
        const hint = closestMatch(name, standardKeys);
        const known = hint ? `; did you mean "${hint}"?` : `; it has ${standardKeys.join(', ') || 'none'}`;
        out.push(
          error(
            'standard-field-unknown',
            `${level.path}/omitStandardFields/${i}`,
            `"${name}" is not a standard field of a ${level.type} level${known}`,
          ),
        );
      });
      const geometry = prop(level.raw, 'geometry');
      if (asString(prop(geometry, 'kind')) === 'none' && prop(geometry, 'required') === true) {
        out.push(
          error(
            'level-geometry-required',
            `${level.path}/geometry/required`,
            'a geometry of kind "none" cannot be required',
          ),
        );
      }
    }
    out.push(...treeCycles(model));
    return out;
  },
};

function treeCycles(model: CheckContext['model']): Diagnostic[] {
  const out: Diagnostic[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (key: string, trail: string[]): void => {
    if (state.get(key) === 'done') return;
    if (state.get(key) === 'visiting') {
      const level = model.levelsByKey.get(key);
      const cycle = [...trail.slice(trail.indexOf(key)), key].join(' → ');
      if (level)
        out.push(error('level-tree-cycle', `${level.path}/parents`, `levels form a cycle: ${cycle}`));
      return;
    }
    state.set(key, 'visiting');
    for (const parent of model.levelsByKey.get(key)?.parents ?? []) {
      if (model.levelsByKey.has(parent)) visit(parent, [...trail, key]);
    }
    state.set(key, 'done');
  };
  for (const level of model.levels) if (level.key !== undefined) visit(level.key, []);
  return out;
}
