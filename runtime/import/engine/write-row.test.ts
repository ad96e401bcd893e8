/**
 * An import row refused by a record check reports the check's own words in both languages, at the
 * field (and provider column) it lists, as the record API found them (worded by validate/messages.ts).
 */
import { describe, expect, it } from 'vitest';
import { exampleProtocol } from '../../../test/helpers/examples.ts';
import { invalid } from '../../http/errors.ts';
import { worded } from '../../records/validate/messages.ts';
import { refusalProblems } from './write-row.ts';

describe('refusalProblems', () => {
  it("reports a failed record check with its message in French and English, at its field's column", () => {
    const birds = exampleProtocol('oiseaux_points_ecoute');
    const visit = birds.levels.find((l) => l.key === 'visit');
    const check = visit?.checks?.find((c) => c.id === 'notes_finished');
    if (!visit || !check) throw new Error('oiseaux_points_ecoute v2 has its notes_finished check');
    const error = invalid(worded(visit, [{ path: '/habitat_notes', code: 'check', check }]));
    const problems = refusalProblems(error, 7, visit, { habitat_notes: 'Notes' });
    expect(problems).toEqual([
      {
        row: 7,
        level: 'visit',
        field: 'habitat_notes',
        column: 'Notes',
        code: 'check',
        message: {
          fr: "Les notes d'habitat contiennent encore « TODO ».",
          en: 'The habitat notes still contain “TODO”.',
        },
      },
    ]);
  });
});
