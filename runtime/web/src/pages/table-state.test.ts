import { describe, expect, it } from 'vitest';
import { apiQuery, readTableState, writeTableState } from './table-state.ts';

describe('table state in the URL', () => {
  it('reads only its own level, with defaults for missing or bad values', () => {
    const state = readTableState(
      'visit',
      '?visit.sort=-visit_date&visit.page=3&visit.n%5Bgte%5D=2&site.page=9',
    );
    expect(state).toEqual({ page: 3, sort: '-visit_date', filters: { 'n[gte]': '2' } });
    expect(readTableState('visit', '?visit.page=zero')).toEqual({ page: 1, sort: null, filters: {} });
  });

  it('writes its own parameters and keeps the others', () => {
    const search = writeTableState('visit', '?site.page=2&visit.page=5', {
      page: 1,
      sort: 'n',
      filters: { 'name[contains]': 'mare', empty: ' ' },
    });
    expect(search).toBe('?site.page=2&visit.sort=n&visit.name%5Bcontains%5D=mare');
    expect(readTableState('visit', search)).toEqual({
      page: 1,
      sort: 'n',
      filters: { 'name[contains]': 'mare' },
    });
    expect(writeTableState('visit', '?visit.page=2', { page: 1, sort: null, filters: {} })).toBe('');
  });

  it('builds the API query with or without paging', () => {
    const state = { page: 2, sort: 'n', filters: { x: 'y' } };
    expect(String(apiQuery(state, { level: 'site', id: 'abc' }, { pageSize: 20 }))).toBe(
      'page=2&page_size=20&sort=n&site_id=abc&x=y',
    );
    expect(String(apiQuery(state, {}))).toBe('sort=n&x=y');
  });
});
