/**
 * The table, rows and rules of the SQL agreement test (to-sql.pg.test.ts): one place to add a case.
 * Rows are written the way the evaluator receives records (text '' and [] included, dates as ISO text).
 */
import fc from 'fast-check';
import { sqlLiteral } from './sql-expr.ts';
import type { SqlRuleEnvironment } from './to-sql.ts';
import type { RuleType } from './types.ts';

/** A type alias rather than an interface: it is passed where a record (an indexable object) is expected. */
export type Row = {
  readonly id: number;
  readonly t: string | null;
  readonly t2: string | null;
  readonly i: number | null;
  readonly j: number | null;
  readonly n: number | null;
  readonly b: boolean | null;
  readonly d: string | null;
  readonly u: string | null;
  readonly tags: readonly string[] | null;
  readonly nums: readonly number[] | null;
};

const COLUMN_TYPES: Readonly<
  Record<Exclude<keyof Row, 'id'>, { readonly sql: string; readonly type: RuleType }>
> = {
  t: { sql: 'text', type: { base: 'text', list: false } },
  // A linguistic collation ('a' < 'B'), where rules order texts by code point ('B' < 'a').
  t2: { sql: 'text COLLATE "und-x-icu"', type: { base: 'text', list: false } },
  i: { sql: 'integer', type: { base: 'number', list: false, integer: true } },
  j: { sql: 'integer', type: { base: 'number', list: false, integer: true } },
  n: { sql: 'numeric', type: { base: 'number', list: false } },
  b: { sql: 'boolean', type: { base: 'boolean', list: false } },
  d: { sql: 'date', type: { base: 'date', list: false } },
  u: { sql: 'uuid', type: { base: 'uuid', list: false } },
  tags: { sql: 'text[]', type: { base: 'text', list: true } },
  nums: { sql: 'integer[]', type: { base: 'number', list: true, integer: true } },
};

const KEYS = Object.keys(COLUMN_TYPES) as Array<keyof typeof COLUMN_TYPES>;

export const SQL_ENV: SqlRuleEnvironment = {
  columns: Object.fromEntries(KEYS.map((k) => [k, { sql: `"${k}"`, type: COLUMN_TYPES[k].type }])),
};

export const createTableSql = (table: string): string =>
  `CREATE TABLE ${table} (id integer PRIMARY KEY, ${KEYS.map((k) => `"${k}" ${COLUMN_TYPES[k].sql}`).join(', ')})`;

function valueSql(key: keyof typeof COLUMN_TYPES, v: Row[keyof Row]): string {
  if (v === null) return 'NULL';
  if (Array.isArray(v)) return `ARRAY[${v.map((x) => sqlLiteral(x)).join(', ')}]::${COLUMN_TYPES[key].sql}`;
  return `(${sqlLiteral(v as string | number | boolean)})::${COLUMN_TYPES[key].sql.replace(/ COLLATE .*/, '')}`;
}

export const insertRowsSql = (table: string, rows: readonly Row[]): string =>
  `INSERT INTO ${table} (id, ${KEYS.map((k) => `"${k}"`).join(', ')}) VALUES ${rows
    .map((r) => `(${r.id}, ${KEYS.map((k) => valueSql(k, r[k])).join(', ')})`)
    .join(', ')}`;

const row = (id: number, r: Partial<Omit<Row, 'id'>>): Row => ({
  id,
  t: null,
  t2: null,
  i: null,
  j: null,
  n: null,
  b: null,
  d: null,
  u: null,
  tags: null,
  nums: null,
  ...r,
});

export const FIXED_ROWS: readonly Row[] = [
  row(1, {}),
  row(2, { t: '', t2: '', i: 0, j: 0, n: 0, b: false, tags: [], nums: [] }),
  row(3, { t: 'a', t2: 'b', i: 1, j: 2, n: 0.1, b: true, d: '2024-05-01', tags: ['a', 'b'], nums: [1, 2] }),
  row(4, {
    t: 'Oui',
    t2: 'a',
    i: 2,
    j: -3,
    n: 2.5,
    d: '2023-12-31',
    u: '00000000-0000-0000-0000-000000000001',
  }),
  row(5, { t: 'b', t2: 'B', i: -7, j: 2, n: -2.5, b: false, d: '1999-01-01', tags: [''], nums: [-7] }),
  row(6, { t: '𝒳', t2: '\uE000', i: 2147483647, j: 1, n: 1.005, tags: ['𝒳', 'Oui'] }),
  row(7, { t: "it's", t2: 'a\\b', i: 5, j: 5, n: 1e-7, b: true, d: '2024-01-01', tags: ['a', ''] }),
  row(8, { t: '0', t2: ' ', i: -2147483648, j: 3, n: 123456.789, d: '0001-01-01', nums: [0, 5] }),
  row(9, { t: 'Non', t2: 'Oui', i: 10, j: 0, n: 0.30000000000000004, b: false, d: '9999-12-31' }),
  row(10, { t: 'é', t2: 'e', i: 3, j: 4, n: 4503599627370495.5, tags: ['é'], nums: [3, 3] }),
];

/** Rules whose truth must agree, row by row, between evaluateRule and PostgreSQL. */
export const BOOLEAN_RULES: readonly string[] = [
  "value.t == 'a'",
  "value.t != 'a'",
  "value.t == ''",
  'value.t == null',
  '!value.t',
  'empty(value.t)',
  "value.t < 'b'",
  'value.t >= value.t2',
  'value.i > 0',
  "value.i === 1 && value.t == 'a'",
  '!(value.i == 2)',
  'value.i + value.n > 1',
  'value.n * 3 == 0.3',
  'value.i / value.j > 1',
  'value.i % 3 == -1',
  'value.i % value.j == 0',
  '-value.i < 0',
  'value.n',
  'value.b',
  '!value.b',
  'value.b == false',
  "value.d > '2024-01-01'",
  "value.d == '2024-05-01'",
  "value.d in ['2024-05-01', '1999-01-01']",
  'year(value.d) == 2024',
  "value.t in ['a', 'b', null]",
  "['Oui', null].includes(value.t)",
  "value.tags.includes('a')",
  "'a' in value.tags",
  'null in value.tags',
  'empty(value.tags)',
  'length(value.tags) >= 2',
  'value.tags.length == 0',
  'value.t.length > 1',
  'value.t in value.tags',
  'value.nums.includes(value.i)',
  "value.t.includes('a')",
  'value.t.includes(value.t2)',
  'includes(value.t2, value.t)',
  "contains(value.t, 'Ou')",
  "contains(value.t2, 'a\\\\b')",
  "contains(value.tags, 'a')",
  "contains(value.t, '')",
  'contains(value.t, value.i)',
  'contains(value.i, 1)',
  "value.t.includes('𝒳') || value.t.includes(\"'\")",
  "!contains(concat(value.t, value.t2), 'ab')",
  'value.j in value.nums',
  "concat(value.t, value.i) == 'a1'",
  "value.t + value.t2 == 'ab'",
  "coalesce(value.t, value.t2, 'z') == 'z'",
  "(value.t ?? 'none') == 'none'",
  "value.i ? value.t == 'a' : value.b",
  'round(value.n, 1) == 0.1',
  'round(value.n) >= 3',
  'abs(value.i) > 5',
  'min(value.i, value.n) < 0',
  "max(value.t, value.t2) == 'b'",
  "code(value.t) !== '0'",
  "value.u == '00000000-0000-0000-0000-000000000001'",
  "value.i > 'a'",
  'value.t == 1',
  'value.b < true',
  'value.nums == null',
  'value.n >= 2.5 || value.i <= -1',
  'value.i - value.j * 2 >= 0',
  '-value.t',
  '1 > 2',
  "value.t == 'Oui' && value.i === 2 || value.b",
];

/** Rules whose value (not only truth) must agree. */
export const VALUE_RULES: readonly string[] = [
  'value.i + value.n',
  'value.n / value.j',
  'round(value.n, 2)',
  'round(value.n)',
  'round(value.i, -1)',
  'round(value.n, -2)',
  'abs(value.n)',
  'value.i % value.j',
  'length(value.t)',
  'year(value.d)',
  'min(value.i, value.j, value.n)',
  'max(value.t, value.t2)',
  "concat(value.t, '-', value.i, value.b)",
  'value.t + value.t2',
  'coalesce(value.t, value.t2)',
  "value.i ? value.t : 'x'",
  '-value.n',
  'value.n * value.n',
  'value.tags.length',
];

/** Rules that cannot be enforced by a CHECK constraint, with a word of the reason given. */
export const REFUSED_RULES: ReadonlyArray<readonly [string, string]> = [
  ['site.altitude > 1000', 'another table'],
  ['value.d >= today()', 'today()'],
  ['now() != null', 'now()'],
  ["currentUser() == 'x'", 'currentUser()'],
  ["value.i + value.t == 'x'", "'+'"],
  ['value.n % 2 == 1', "'%'"],
  ['value.d < value.t', 'ordering'],
  ['round(value.n, value.i) > 1', 'round()'],
  ["concat(value.n) == '1'", 'printing'],
  ['value.geom', 'not a column'],
];

const TEXTS = ['', 'a', 'b', 'B', 'Oui', 'Non', 'é', '𝒳', '\uE000', "it's", '0', ' ', 'ab', 'a1'];
const text = fc.oneof(
  fc.constantFrom(...TEXTS),
  fc.string({ unit: fc.constantFrom('a', 'b', 'é', '𝒳', '\uE000', "'", '\\', '-', '0', '1'), maxLength: 4 }),
);
const int = fc.oneof(fc.integer({ min: -10, max: 10 }), fc.integer({ min: -2147483648, max: 2147483647 }));
// Magnitudes stay far from float8 overflow and underflow, which PostgreSQL reports as errors where
// the evaluator gives null or 0 (docs/rules.md).
const decimal = fc.oneof(
  fc.constantFrom(0, 0.1, 0.5, 2.5, -2.5, 1.005, 1e-7, 0.30000000000000004),
  fc.double({ min: -1e9, max: 1e9, noNaN: true }).map((x) => (Math.abs(x) < 1e-100 ? 0 : x)),
  int,
);
const isoDate = fc
  .date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2100-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));

const randomRow: fc.Arbitrary<Omit<Row, 'id'>> = fc.record({
  t: fc.option(text),
  t2: fc.option(text),
  i: fc.option(int),
  j: fc.option(fc.integer({ min: -3, max: 3 })),
  n: fc.option(decimal),
  b: fc.option(fc.boolean()),
  d: fc.option(fc.oneof(isoDate, fc.constantFrom('2024-05-01', '2024-01-01'))),
  u: fc.option(fc.uuid()),
  tags: fc.option(fc.array(text, { maxLength: 3 })),
  nums: fc.option(fc.array(fc.integer({ min: -3, max: 3 }), { maxLength: 3 })),
});

/** A batch of random rows with ids 1..count. */
export const randomRows = (count: number): fc.Arbitrary<Row[]> =>
  fc
    .array(randomRow, { minLength: count, maxLength: count })
    .map((rows) => rows.map((r, k) => ({ ...r, id: k + 1 })));
