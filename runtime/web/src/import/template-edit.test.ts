/** The wizard's template edits: new objects every time, empty ancestors dropped, keys kept to mapped fields. */
import { describe, expect, it } from 'vitest';
import type { ImportTemplate } from './import-api.ts';
import { setConventions, setField, setMatch, setValue, usedColumns } from './template-edit.ts';

const BASE: ImportTemplate = {
  suivi_import_template: 1,
  module: 'chiro_gites',
  level: 'observation',
  provider: 'P',
  name: 'N',
  source: { format: 'csv' },
  levels: {
    visit: { fields: { visit_date_min: { column: 'Date' } }, match: { fields: ['visit_date_min'] } },
    observation: { fields: { sex: { column: 'Sexe', values: { M: '3' } } } },
  },
};

describe('template edits', () => {
  it('sets and clears field mappings, dropping an emptied ancestor and its key', () => {
    const t = setField(BASE, 'observation', 'count_adults', { column: 'Nb' });
    expect(t.levels.observation?.fields).toEqual({
      sex: { column: 'Sexe', values: { M: '3' } },
      count_adults: { column: 'Nb' },
    });
    expect(BASE.levels.observation?.fields.count_adults).toBeUndefined();
    const gone = setField(t, 'visit', 'visit_date_min', undefined);
    expect(Object.keys(gone.levels)).toEqual(['observation']);
    const emptied = setField(
      setField(t, 'observation', 'sex', undefined),
      'observation',
      'count_adults',
      undefined,
    );
    expect(emptied.levels.observation).toEqual({ fields: {} });
    expect([...usedColumns(t)].sort()).toEqual(['Date', 'Nb', 'Sexe']);
  });

  it('edits keys, conventions and value maps', () => {
    expect(setMatch(BASE, 'visit', []).levels.visit).toEqual({
      fields: { visit_date_min: { column: 'Date' } },
    });
    const c = setConventions(BASE, { date_format: 'dd/mm/yyyy', null_values: [] });
    expect(c.conventions).toEqual({ date_format: 'dd/mm/yyyy' });
    expect(setConventions(c, { date_format: undefined }).conventions).toBeUndefined();
    const sex = BASE.levels.observation?.fields.sex as { column: string };
    expect(setValue(sex, 'F', '2')).toEqual({ column: 'Sexe', values: { M: '3', F: '2' } });
    expect(setValue(sex, 'M', undefined)).toEqual({ column: 'Sexe' });
  });
});
