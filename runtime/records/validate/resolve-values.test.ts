/** The values stage without a database: defaults that reveal fields, hidden fields cleared, computed values. */
import { describe, expect, it } from 'vitest';
import { exampleProtocol } from '../../../test/helpers/examples.ts';
import { resolveValues } from './resolve-values.ts';
import { clockAt } from './rule-context.ts';

const level = (code: string, key: string) => {
  const found = exampleProtocol(code).levels.find((l) => l.key === key);
  if (!found) throw new Error(`${code} has no level ${key}`);
  return found;
};
const clock = clockAt(new Date('2024-05-02T22:30:00Z'), 'Europe/Paris', 'user-1');

describe('resolveValues', () => {
  const visit = level('amphibiens_mares', 'visit');

  it('applies a default that shows other fields, then theirs (a fixed point)', () => {
    const r = resolveValues({
      fields: visit.fields,
      values: { num_passage: 1 },
      mode: 'create',
      clock,
      scopes: {},
      self: 'value',
    });
    expect(r.values).toMatchObject({
      accessibility: 'Oui',
      survey_methods: ['VISUAL_NIGHT', 'LISTENING'],
      visit_date_min: '2024-05-03',
      observers: [{ name: 'user-1' }],
      inaccessible_reason: null,
    });
    expect(r.visible.has('site_state')).toBe(true);
  });

  it('clears what a value hides and applies no default to an update', () => {
    const values = {
      accessibility: 'Non',
      survey_methods: ['LISTENING'],
      site_state: 'created',
      num_passage: 1,
    };
    const created = resolveValues({
      fields: visit.fields,
      values,
      mode: 'create',
      clock,
      scopes: {},
      self: 'value',
    });
    expect(created.values).toMatchObject({ survey_methods: null, site_state: null, start_time: null });
    expect(created.visible.has('inaccessible_reason')).toBe(true);
    const updated = resolveValues({
      fields: visit.fields,
      values: {},
      mode: 'update',
      clock,
      scopes: {},
      self: 'value',
    });
    expect(updated.values).toMatchObject({ accessibility: null, visit_date_min: null });
  });

  it('recomputes computed fields from the values and the ancestors', () => {
    const observation = level('chiro_gites', 'observation');
    const values = { count_adults: 2, count_juveniles: 3, count_total: 100 };
    const summer = { visit: { season: 'summer' } };
    const r = resolveValues({
      fields: observation.fields,
      values,
      mode: 'update',
      clock,
      scopes: summer,
      self: 'value',
    });
    expect(r.values.count_total).toBe(5);
    const winter = resolveValues({
      fields: observation.fields,
      values,
      mode: 'update',
      clock,
      scopes: { visit: { season: 'winter' } },
      self: 'value',
    });
    expect(winter.values).toMatchObject({ count_juveniles: null, count_total: 2 });
  });
});
