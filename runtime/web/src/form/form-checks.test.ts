/** The form's own checks, on the rules the generator wrote for the examples. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { FieldRules, Json } from '../api.ts';
import { boundProblems, decimalProblems, decimalsOf, defaultsWithinBounds } from './form-checks.ts';

const rulesOf = (module: string, level: string) =>
  (
    JSON.parse(
      readFileSync(
        new URL(`../../../../examples/${module}/generated/forms/${level}.rules.json`, import.meta.url),
        'utf8',
      ),
    ) as { fields: Record<string, FieldRules> }
  ).fields;
const uiOf = (module: string, level: string) =>
  JSON.parse(
    readFileSync(
      new URL(`../../../../examples/${module}/generated/forms/${level}.ui.json`, import.meta.url),
      'utf8',
    ),
  ) as Json;

describe('form checks', () => {
  it('counts decimals as typed, and refuses more than the field keeps', () => {
    expect([decimalsOf(12), decimalsOf(12.5), decimalsOf(12.55), decimalsOf(1.5e-7)]).toEqual([0, 1, 2, 8]);
    const ui = uiOf('amphibiens_mares', 'visit');
    expect(decimalProblems(ui, { water_temperature: 12.55 })).toEqual([
      { path: '/water_temperature', code: 'decimals', expected: 1 },
    ]);
    expect(decimalProblems(ui, { water_temperature: 12.5 })).toEqual([]);
  });

  it('checks rule bounds against the other fields and the parent', () => {
    const observation = rulesOf('amphibiens_mares', 'observation');
    const data = { presence: 'Oui', count_type: 'Es', count_min: 5, count_max: 2 };
    expect(boundProblems(observation, data, {})).toEqual([{ path: '/count_max', code: 'min', expected: 5 }]);
    expect(boundProblems(observation, { ...data, count_max: 7 }, {})).toEqual([]);
    // A hidden field is not checked (the server clears it).
    expect(boundProblems(observation, data, {}, new Set(['count_max']))).toEqual([]);
    const reading = rulesOf('flore_quadrats', 'visit');
    const campaign = { start_date: '2026-06-01', end_date: '2026-07-31' };
    expect(
      boundProblems(reading, { visit_date_min: '2026-05-20' }, { parent: campaign, levels: { campaign } }),
    ).toEqual([{ path: '/visit_date_min', code: 'min', expected: '2026-06-01' }]);
  });

  it('drops a default its own window refuses, keeps one inside it', () => {
    const passage = rulesOf('oiseaux_points_ecoute', 'visit');
    // Last year: its window lies wholly before today (this year's ends at today at the latest).
    const year = new Date().getUTCFullYear() - 1;
    expect(defaultsWithinBounds(passage, { visit_date_min: `${year}-12-07`, num_passage: '1' }, {})).toEqual({
      num_passage: '1',
    });
    expect(defaultsWithinBounds(passage, { visit_date_min: `${year}-04-20`, num_passage: '1' }, {})).toEqual({
      visit_date_min: `${year}-04-20`,
      num_passage: '1',
    });
  });
});
