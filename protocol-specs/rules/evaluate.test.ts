import { describe, expect, it } from 'vitest';
import { evaluateRule, isTruthy, type RuleContext, type RuleValue } from './evaluate.ts';
import { call, field, literal } from './nodes.ts';
import { parseRule } from './parse.ts';

const context = (value: Record<string, unknown>, more: Partial<RuleContext> = {}): RuleContext => ({
  records: { value, site: { altitude: 1200 }, parent: { kind: 'B' } },
  today: '2024-06-01',
  now: '2024-06-01T12:30:00Z',
  userId: 'u-42',
  ...more,
});

function run(
  source: string,
  value: Record<string, unknown> = {},
  more: Partial<RuleContext> = {},
): RuleValue {
  const parsed = parseRule(source);
  if (!parsed.ok) throw new Error(`${source}: ${parsed.error.message}`);
  return evaluateRule(parsed.ast, context(value, more));
}

const cases: ReadonlyArray<{ rule: string; value?: Record<string, unknown>; want: RuleValue }> = [
  // GeoNature rules as written
  {
    rule: "value.accessibility === 'Oui' && value.num_passage === 1",
    value: { accessibility: 'Oui', num_passage: 1 },
    want: true,
  },
  {
    rule: "value.accessibility === 'Oui' && value.num_passage === 1",
    value: { accessibility: 'Oui', num_passage: '1' },
    want: false,
  },
  { rule: '!(value.num_passage == 2)', value: { num_passage: 2 }, want: false },
  { rule: "['Visuel', null].includes(value.typ_detection)", value: {}, want: true },
  {
    rule: "['Visuel', null].includes(value.typ_detection)",
    value: { typ_detection: 'Auditif' },
    want: false,
  },
  { rule: 'value.count_min > 0', value: { count_min: 3 }, want: true },
  { rule: 'value.count_min > 0', value: {}, want: false },
  { rule: '!value.habitat_input', value: { habitat_input: '' }, want: true },
  { rule: "code(value.technique_observation) !== '0'", value: { technique_observation: '0' }, want: false },
  { rule: 'site.altitude > 1000', want: true },
  { rule: "parent.kind == 'B'", want: true },
  { rule: "value.x in ['a','b']", value: { x: 'b' }, want: true },
  { rule: 'value.a ? 1 : 2', value: { a: 0 }, want: 2 },
  // empty is null
  { rule: "value.x == ''", value: { x: null }, want: true },
  { rule: 'value.x == null', value: { x: '' }, want: true },
  { rule: 'value.x == null', value: { x: [] }, want: true },
  { rule: 'value.x == null', value: {}, want: true },
  { rule: 'value.x == null', value: { x: 0 }, want: false },
  { rule: 'value.x != null', value: { x: false }, want: true },
  { rule: 'empty(value.x)', value: { x: [] }, want: true },
  { rule: 'empty(value.x)', value: { x: [null] }, want: false },
  { rule: 'value.x', value: { x: '' }, want: null },
  // typed equality, no coercion
  { rule: "value.n == '1'", value: { n: 1 }, want: false },
  { rule: 'value.b == 1', value: { b: true }, want: false },
  { rule: 'value.l == [1, 2]', value: { l: [1, 2] }, want: true },
  { rule: 'value.l == [2, 1]', value: { l: [1, 2] }, want: false },
  // ordering
  { rule: 'value.n < 1', value: {}, want: false },
  { rule: 'value.n >= null', value: { n: 1 }, want: false },
  { rule: "value.t < 'b'", value: { t: 'B' }, want: true },
  { rule: "value.t < '\uE000'", value: { t: '𝒳' }, want: false },
  { rule: "value.d > '2024-01-01'", value: { d: '2024-05-01' }, want: true },
  { rule: "value.n > 'a'", value: { n: 5 }, want: false },
  { rule: 'value.b < true', value: { b: false }, want: false },
  // arithmetic
  { rule: 'value.a + value.b', value: { a: 1, b: null }, want: null },
  { rule: 'value.a / value.b', value: { a: 1, b: 0 }, want: null },
  { rule: 'value.a % value.b', value: { a: -7, b: 2 }, want: -1 },
  { rule: 'value.a % 0', value: { a: 7 }, want: null },
  { rule: 'value.a * 10', value: { a: 1e308 }, want: null },
  { rule: "value.a - '1'", value: { a: 2 }, want: null },
  { rule: '-value.a', value: { a: 'x' }, want: null },
  { rule: '0.1 + 0.2', want: 0.30000000000000004 },
  // + joins texts
  { rule: "value.t + '!'", value: { t: 'a' }, want: 'a!' },
  { rule: "value.t + '!'", value: {}, want: '!' },
  { rule: 'value.t + value.u', value: {}, want: null },
  { rule: "'n' + 1", want: 'n1' },
  { rule: 'true + 1', want: null },
  // logic
  { rule: 'value.a && value.b', value: { a: 'x', b: 2 }, want: true },
  { rule: 'value.a || value.b', value: { a: 0, b: '' }, want: false },
  { rule: "value.a ?? 'd'", value: { a: '' }, want: 'd' },
  { rule: "value.a ?? 'd'", value: { a: 0 }, want: 0 },
  { rule: '!value.l', value: { l: [] }, want: true },
  // membership
  { rule: 'null in value.l', value: { l: ['a', ''] }, want: true },
  { rule: "'a' in value.t", value: { t: 'abc' }, want: false },
  { rule: "value.tags.includes('a')", value: { tags: ['a', 'b'] }, want: true },
  { rule: '1 in value.l', value: { l: ['1'] }, want: false },
  // text includes / contains: a substring test, false on empty texts
  { rule: "value.t.includes('bc')", value: { t: 'abc' }, want: true },
  { rule: "contains(value.t, 'B')", value: { t: 'abc' }, want: false },
  { rule: "contains(value.t, '')", value: { t: 'abc' }, want: false },
  { rule: "includes(value.t, 'a')", value: { t: '' }, want: false },
  { rule: 'contains(value.t, value.u)', value: { t: 'a1', u: 1 }, want: false },
  { rule: "contains(value.tags, 'b')", value: { tags: ['a', 'b'] }, want: true },
  // functions
  { rule: 'today()', want: '2024-06-01' },
  { rule: 'now()', want: '2024-06-01T12:30:00Z' },
  { rule: 'currentUser()', want: 'u-42' },
  { rule: 'length(value.t)', value: { t: 'é𝒳' }, want: 2 },
  { rule: 'value.l.length', value: { l: [1, null] }, want: 2 },
  { rule: 'length(value.t)', value: {}, want: 0 },
  { rule: 'length(value.n)', value: { n: 5 }, want: null },
  { rule: "concat(value.a, '-', value.n, value.b)", value: { a: 'x', n: 2, b: true }, want: 'x-2true' },
  { rule: 'concat(value.a, value.b)', value: {}, want: null },
  { rule: "coalesce(value.a, value.b, 'z')", value: { a: '', b: 'b' }, want: 'b' },
  { rule: 'year(value.d)', value: { d: '2024-05-01' }, want: 2024 },
  { rule: 'year(value.d)', value: { d: 'May 2024' }, want: null },
  { rule: 'round(2.5)', want: 3 },
  { rule: 'round(-2.5)', want: -3 },
  { rule: 'round(1.005, 2)', want: 1 },
  { rule: 'round(1234.5, -2)', want: 1200 },
  { rule: 'round(1, 16)', want: null },
  { rule: 'round(1, 0.5)', want: null },
  { rule: 'abs(-3)', want: 3 },
  { rule: 'min(3, null, 1, 2)', want: 1 },
  { rule: "max('b', 'B', 'a')", want: 'b' },
  { rule: "min(1, 'a')", want: null },
  { rule: 'max(null, null)', want: null },
];

describe('evaluateRule', () => {
  it.each(cases)('$rule on $value → $want', ({ rule, value, want }) => {
    expect(run(rule, value)).toEqual(want);
  });

  it('reads an absent user as null', () => {
    expect(run('currentUser()', {}, { userId: undefined })).toBeNull();
  });

  it('gives null for trees the parser would not build', () => {
    const bogus = { kind: 'nope' } as unknown as Parameters<typeof evaluateRule>[0];
    expect(evaluateRule(bogus, context({}))).toBeNull();
    expect(evaluateRule(call('nope', [literal(1)]), context({}))).toBeNull();
    expect(evaluateRule(call('round', []), context({}))).toBeNull();
    expect(evaluateRule(field('value', '__proto__'), context({ ['__proto__']: 1 }))).toBeNull();
  });
});

describe('isTruthy', () => {
  it.each([
    [null, false],
    [false, false],
    [0, false],
    ['', false],
    [[], false],
    ['0', true],
    [[null], true],
    [-1, true],
    [true, true],
  ] as const)('%j → %s', (v, want) => {
    expect(isTruthy(v as RuleValue)).toBe(want);
  });
});
