/**
 * Query strings read against the query specs the four generated routes modules declare (`QUERY_SPECS`):
 * every filter of every level with a valid value, then the 400 problems of bad ones, bbox and q.
 */
import { describe, expect, it } from 'vitest';
import { QUERY_SPECS as amphibiens } from '../../../examples/amphibiens_mares/generated/api/routes.ts';
import { QUERY_SPECS as chiro } from '../../../examples/chiro_gites/generated/api/routes.ts';
import { QUERY_SPECS as flore } from '../../../examples/flore_quadrats/generated/api/routes.ts';
import { QUERY_SPECS as oiseaux } from '../../../examples/oiseaux_points_ecoute/generated/api/routes.ts';
import { levelQuery, querySpec } from '../../../generators/model/list-query.ts';
import { exampleProtocol } from '../../../test/helpers/examples.ts';
import { HttpError } from '../../http/errors.ts';
import {
  type FilterParamSpec,
  parseExportQuery,
  parseListQuery,
  parseRecordId,
  parseRowVersion,
  type QuerySpec,
} from './parse-list-query.ts';

const UUID = '0b7e9f7c-3c52-4d8e-9a51-2f1c6b0d4e11';
const SPECS: Record<string, Readonly<Record<string, QuerySpec>>> = {
  amphibiens_mares: amphibiens,
  chiro_gites: chiro,
  flore_quadrats: flore,
  oiseaux_points_ecoute: oiseaux,
};
const levels = Object.entries(SPECS).flatMap(([code, specs]) =>
  Object.entries(specs).map(([level, spec]) => [`${code}/${level}`, code, level, spec] as const),
);

/** A valid query-string value for a filter, and what the reader should make of it. */
function sample(spec: QuerySpec, param: FilterParamSpec): { raw: string; value: unknown } {
  const code = spec.codes[param.field]?.[0] ?? '';
  const one = {
    text: ['abc', 'abc'],
    integer: ['3', 3],
    number: ['2.5', 2.5],
    boolean: ['true', true],
    date: ['2024-05-01', '2024-05-01'],
    time: ['21:30', '21:30'],
    datetime: ['2024-06-01T21:30:00+02:00', '2024-06-01T21:30:00+02:00'],
    uuid: [UUID.toUpperCase(), UUID],
    code: [code, code],
  }[param.type];
  return param.op === 'in'
    ? { raw: `${one[0]},${one[0]}`, value: [one[1], one[1]] }
    : { raw: String(one[0]), value: one[1] };
}

/** The problems of the 400 `work` throws. */
function problems(work: () => unknown) {
  try {
    work();
  } catch (error) {
    if (error instanceof HttpError && error.status === 400) return error.details;
    throw error;
  }
  throw new Error('no 400');
}

describe.each(levels)('list query of %s', (_name, code, level, spec) => {
  it('is the spec the generator derives from the protocol', () => {
    const protocol = exampleProtocol(code);
    const resolved = protocol.levels.find((l) => l.key === level)!;
    expect(spec).toEqual(querySpec(levelQuery(resolved, protocol)));
  });

  it('reads paging, sort and every filter', () => {
    const samples = Object.entries(spec.filters).map(([name, param]) => ({
      name,
      param,
      ...sample(spec, param),
    }));
    const sortField = spec.sort[0];
    const parsed = parseListQuery(level, spec, {
      page: '2',
      page_size: '10',
      ...(sortField ? { sort: `-${sortField}` } : {}),
      ...Object.fromEntries(samples.map((s) => [s.name, s.raw])),
    });
    expect(parsed).toEqual({
      page: 2,
      page_size: 10,
      sort: sortField ? [{ field: sortField, direction: 'desc' }] : spec.defaultSort,
      filters: samples.map((s) => ({ field: s.param.field, op: s.param.op, value: s.value })),
    });
    expect(parseListQuery(level, spec, {})).toEqual({
      page: 1,
      page_size: 50,
      sort: spec.defaultSort,
      filters: [],
    });
  });

  it('names each bad parameter in one 400', () => {
    const bad = problems(() =>
      parseListQuery(level, spec, { page: '0', page_size: '100000', sort: 'nope', nope: '1', bbox: '1,2,3' }),
    );
    expect(bad.map((e) => e.path)).toEqual([
      '/query/page',
      '/query/page_size',
      '/query/sort',
      '/query/nope',
      '/query/bbox',
    ]);
    expect(bad[3]).toEqual({
      path: '/query/nope',
      code: 'query-param-unknown',
      message: `${level} lists take no "nope" parameter`,
    });
    expect(bad[1]?.message).toBe('page_size is a whole number from 1 to 500');
    const date = Object.entries(spec.filters).find(([, p]) => p.type === 'date');
    if (date) {
      expect(problems(() => parseListQuery(level, spec, { [date[0]]: '2024-02-30' }))).toEqual([
        {
          path: `/query/${date[0]}`,
          code: 'query-value-invalid',
          message: `${date[0]} expects a date (YYYY-MM-DD)`,
        },
      ]);
    }
    // Exports take no paging: page is an unknown parameter there.
    expect(problems(() => parseExportQuery(level, spec, { page: '1' })).map((e) => e.code)).toEqual([
      'query-param-unknown',
    ]);
  });

  it('takes bbox on levels with a geometry and q on levels with text list columns', () => {
    const raw = { bbox: '-5,41,10,51.5', q: ' grotte ' };
    if (spec.bbox && spec.search) {
      expect(parseExportQuery(level, spec, raw)).toMatchObject({ bbox: [-5, 41, 10, 51.5], q: 'grotte' });
    } else {
      expect(
        problems(() => parseExportQuery(level, spec, raw))
          .map((e) => e.path)
          .sort(),
      ).toEqual([...(spec.bbox ? [] : ['/query/bbox']), ...(spec.search ? [] : ['/query/q'])]);
    }
  });
});

describe('codes, ids and row versions', () => {
  const spec: QuerySpec = {
    sort: [],
    defaultSort: [],
    filters: {
      kind: { field: 'kind', op: 'eq', type: 'code' },
      'kind[in]': { field: 'kind', op: 'in', type: 'code' },
    },
    codes: { kind: ['A', 'B'] },
    bbox: false,
    search: false,
  };

  it('accepts only the listed codes and says which', () => {
    expect(parseExportQuery('x', spec, { 'kind[in]': 'A,B' }).filters).toEqual([
      { field: 'kind', op: 'in', value: ['A', 'B'] },
    ]);
    expect(problems(() => parseExportQuery('x', spec, { 'kind[in]': 'A,C', constructor: 'A' }))).toEqual([
      {
        path: '/query/kind[in]',
        code: 'query-value-invalid',
        message: 'kind[in] expects a comma-separated list of one of the codes (A, B)',
      },
      {
        path: '/query/constructor',
        code: 'query-param-unknown',
        message: 'x lists take no "constructor" parameter',
      },
    ]);
  });

  it('reads a UUID id (lower-cased) and a whole row_version', () => {
    expect(parseRecordId({ id: UUID.toUpperCase() })).toBe(UUID);
    expect(problems(() => parseRecordId({ id: 'not-a-uuid' }))[0]?.code).toBe('id-invalid');
    expect(parseRowVersion({ row_version: '7' })).toEqual({ row_version: 7 });
    expect(parseRowVersion({})).toEqual({});
    expect(problems(() => parseRowVersion({ row_version: '-1' }))[0]?.path).toBe('/query/row_version');
  });
});

describe('dates, times, date-times and texts', () => {
  const spec: QuerySpec = {
    sort: [],
    defaultSort: [],
    filters: {
      day: { field: 'day', op: 'eq', type: 'date' },
      'day[in]': { field: 'day', op: 'in', type: 'date' },
      at: { field: 'at', op: 'eq', type: 'datetime' },
      start: { field: 'start', op: 'eq', type: 'time' },
      name: { field: 'name', op: 'eq', type: 'text' },
      'name[contains]': { field: 'name', op: 'contains', type: 'text' },
    },
    codes: {},
    bbox: false,
    search: true,
  };
  const refused = (query: Record<string, string>) =>
    problems(() => parseExportQuery('x', spec, query)).map((e) => `${e.path} ${e.code}`);

  it('refuses impossible months and days with a 400, never a thrown RangeError', () => {
    for (const day of ['2025-13-01', '2025-00-10', '2025-99-99', '2025-02-30', '2025-02-29', '2025-04-31'])
      expect(refused({ day }), day).toEqual(['/query/day query-value-invalid']);
    expect(refused({ 'day[in]': '2025-01-01,2025-13-01' })).toEqual(['/query/day[in] query-value-invalid']);
    for (const day of ['2024-02-29', '2000-02-29', '2025-12-31', '2025-01-01'])
      expect(parseExportQuery('x', spec, { day }).filters, day).toEqual([
        { field: 'day', op: 'eq', value: day },
      ]);
    expect(refused({ day: '1900-02-29' })).toEqual(['/query/day query-value-invalid']);
  });

  it('refuses date-times on an impossible date or with an offset the database refuses, and bad times', () => {
    for (const at of [
      '2025-13-01T10:00:00Z',
      '2025-00-10T10:00:00+02:00',
      '2025-02-30T10:00:00Z',
      '2025-01-01T10:00:00+16:00',
      '2025-01-01T10:00:00-99:99',
      '2025-01-01T10:00:00+14:60',
    ])
      expect(refused({ at }), at).toEqual(['/query/at query-value-invalid']);
    for (const at of ['2024-02-29T23:59:59.5Z', '2025-01-01T00:00:00+15:59', '2025-06-01T21:30:00-03:30'])
      expect(parseExportQuery('x', spec, { at }).filters, at).toEqual([{ field: 'at', op: 'eq', value: at }]);
    for (const start of ['24:00', '23:60', '99:99', '7:30', '12:00:60'])
      expect(refused({ start }), start).toEqual(['/query/start query-value-invalid']);
  });

  it('refuses a NUL character in a text filter or in q (the database cannot compare it)', () => {
    expect(refused({ name: 'a\u0000b', 'name[contains]': '\u0000', q: 'grotte\u0000' })).toEqual([
      '/query/name query-value-invalid',
      '/query/name[contains] query-value-invalid',
      '/query/q query-value-invalid',
    ]);
    expect(parseExportQuery('x', spec, { name: 'a\tb', q: ' été ' })).toMatchObject({
      filters: [{ field: 'name', op: 'eq', value: 'a\tb' }],
      q: 'été',
    });
  });
});
