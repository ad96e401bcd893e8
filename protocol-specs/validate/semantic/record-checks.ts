/**
 * Record checks (`checks` on a level): ids unique in their level, and `fields` naming fields of the
 * level that hold a value (the message is shown there). Their rules are checked with every other rule
 * (rules.ts, slot `check`): syntax, fields, types, and a rule that is always true or always false.
 */
import { type Diagnostic, error, pointer } from '../../diagnostics.ts';
import { closestMatch } from '../../util/closest-match.ts';
import { asArray, asString, prop } from '../../util/lenient.ts';
import type { CheckContext, SemanticCheck } from './context.ts';
import { duplicates } from './duplicates.ts';

export const recordChecks: SemanticCheck = {
  name: 'record-checks',
  rules: {
    'check-duplicate-id': 'The ids of the checks of a level are unique.',
    'check-field-unknown': "A check's fields are fields of its level that hold a value.",
  },
  check({ model }: CheckContext): Diagnostic[] {
    const out: Diagnostic[] = [];
    for (const level of model.levels) {
      const checks = asArray(prop(level.raw, 'checks')).map((raw, i) => ({
        raw,
        path: `${level.path}${pointer('checks', i)}`,
      }));
      out.push(
        ...duplicates(
          checks,
          (c) => asString(prop(c.raw, 'id')),
          (c) => `${c.path}/id`,
          'check-duplicate-id',
          'check id',
        ),
      );
      const keys = level.fields
        .filter((f) => f.kind !== 'section' && f.key !== undefined)
        .map((f) => f.key as string);
      for (const check of checks) {
        asArray(prop(check.raw, 'fields')).forEach((key, i) => {
          if (typeof key !== 'string' || keys.includes(key)) return;
          const hint = closestMatch(key, keys);
          out.push(
            error(
              'check-field-unknown',
              `${check.path}${pointer('fields', i)}`,
              `"${key}" is not a field of level "${level.key ?? '?'}"${hint ? `; did you mean "${hint}"?` : ''}`,
            ),
          );
        });
      }
    }
    return out;
  },
};
