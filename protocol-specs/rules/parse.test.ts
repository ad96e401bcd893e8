import { describe, expect, it } from 'vitest';
import type { RuleNode } from './ast.ts';
import { formatRule } from './format.ts';
import { binary, call, conditional, field, list, literal, logical, unary } from './nodes.ts';
import { MAX_RULE_DEPTH, MAX_RULE_LENGTH, parseRule } from './parse.ts';

const accepted: ReadonlyArray<{ given: string; want: RuleNode }> = [
  {
    given: "value.accessibility === 'Oui' && value.num_passage === 1",
    want: logical(
      '&&',
      binary('==', field('value', 'accessibility'), literal('Oui')),
      binary('==', field('value', 'num_passage'), literal(1)),
    ),
  },
  {
    given: '!(value.num_passage == 2)',
    want: unary('!', binary('==', field('value', 'num_passage'), literal(2))),
  },
  {
    given: "['Visuel', null].includes(value.typ_detection)",
    want: call('includes', [list([literal('Visuel'), literal(null)]), field('value', 'typ_detection')]),
  },
  { given: 'value.count_min > 0', want: binary('>', field('value', 'count_min'), literal(0)) },
  { given: '!value.habitat_input', want: unary('!', field('value', 'habitat_input')) },
  {
    given: "code(value.technique_observation) !== '0'",
    want: binary('!=', call('code', [field('value', 'technique_observation')]), literal('0')),
  },
  { given: 'site.altitude > 1000', want: binary('>', field('site', 'altitude'), literal(1000)) },
  {
    given: "value.x in ['a','b']",
    want: binary('in', field('value', 'x'), list([literal('a'), literal('b')])),
  },
  { given: 'value.a ? 1 : 2', want: conditional(field('value', 'a'), literal(1), literal(2)) },
  { given: "value['nom cité']", want: field('value', 'nom cité') },
  { given: 'value?.x', want: field('value', 'x') },
  { given: 'value.x === undefined', want: binary('==', field('value', 'x'), literal(null)) },
  { given: "value.x == ''", want: binary('==', field('value', 'x'), literal(null)) },
  { given: 'value.tags.length', want: call('length', [field('value', 'tags')]) },
  { given: "value.tags.includes('a')", want: call('includes', [field('value', 'tags'), literal('a')]) },
  { given: 'value.length', want: field('value', 'length') },
  { given: "choice.code != 'x'", want: binary('!=', field('choice', 'code'), literal('x')) },
  { given: 'parent.a ?? 3', want: logical('??', field('parent', 'a'), literal(3)) },
  { given: '-value.a * 2', want: binary('*', unary('-', field('value', 'a')), literal(2)) },
  { given: 'today()', want: call('today', []) },
  { given: '  value.a  ', want: field('value', 'a') },
  { given: 'round(value.n, -1)', want: call('round', [field('value', 'n'), unary('-', literal(1))]) },
];

describe('parseRule accepts', () => {
  it.each(accepted)('$given', ({ given, want }) => {
    expect(parseRule(given)).toEqual({ ok: true, ast: want });
  });

  it('returns a deeply frozen tree', () => {
    const parsed = parseRule("value.a in ['x', value.b] && !round(value.c)");
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    const nodes: unknown[] = [];
    const walk = (v: unknown) => {
      if (typeof v !== 'object' || v === null) return;
      nodes.push(v);
      for (const child of Object.values(v)) walk(child);
    };
    walk(parsed.ast);
    expect(nodes.length).toBeGreaterThan(8);
    expect(nodes.every((n) => Object.isFrozen(n))).toBe(true);
  });

  it('prints back to a rule that parses to the same tree', () => {
    for (const { want } of accepted) expect(parseRule(formatRule(want))).toEqual({ ok: true, ast: want });
  });
});

/** Refusals: the message names the offending token, the offset points at it. */
const rejected: ReadonlyArray<{ given: string; message: string; offset: number }> = [
  { given: 'value.a = 1', message: "'='", offset: 8 },
  { given: 'value.a.b', message: 'b of the level a', offset: 8 },
  { given: 'value.site.altitude', message: 'write site.altitude', offset: 11 },
  { given: 'this.x', message: "'this'", offset: 0 },
  { given: 'new Date()', message: "'new'", offset: 0 },
  { given: 'typeof value.x', message: "'typeof'", offset: 0 },
  { given: 'value.x instanceof value.y', message: "'instanceof'", offset: 8 },
  { given: 'value.a & value.b', message: "'&'", offset: 8 },
  { given: 'value.a | 2', message: "'|'", offset: 8 },
  { given: '1 << 2', message: "'<<'", offset: 2 },
  { given: 'value.a ** 2', message: "'**'", offset: 8 },
  { given: '~value.a', message: "'~'", offset: 0 },
  { given: 'x', message: "'x'", offset: 0 },
  { given: 'value.a > x', message: "'x'", offset: 10 },
  { given: 'value', message: 'value alone', offset: 0 },
  { given: 'today', message: 'today(…)', offset: 0 },
  { given: 'foo(1)', message: 'foo()', offset: 0 },
  { given: 'value.x.trim()', message: 'trim()', offset: 8 },
  { given: 'Math.round(value.x)', message: 'write round(…)', offset: 5 },
  { given: "constructor.constructor('x')()", message: 'only the language', offset: 0 },
  { given: 'value.constructor', message: "'constructor'", offset: 6 },
  { given: "value['__proto__']", message: "'__proto__'", offset: 7 },
  { given: '__proto__.x', message: "'__proto__'", offset: 0 },
  { given: 'value.prototype', message: "'prototype'", offset: 6 },
  { given: 'value[0]', message: "scope['key']", offset: 6 },
  { given: 'value[value.k]', message: "scope['key']", offset: 6 },
  { given: '[1,,2]', message: 'empty item', offset: 0 },
  { given: '(value.a, value.b)', message: 'comma', offset: 0 },
  { given: 'value.a value.b', message: "'value.b'", offset: 8 },
  { given: 'value.a;', message: "';'", offset: 7 },
  { given: 'value.a + ', message: '+', offset: 10 },
  { given: "'open", message: 'Unclosed', offset: 5 },
  { given: '1e400', message: '1e400', offset: 0 },
  { given: '', message: 'empty', offset: 0 },
  { given: ' \n\t', message: 'empty', offset: 0 },
  {
    given: `value.a == '${'x'.repeat(MAX_RULE_LENGTH)}'`,
    message: `${MAX_RULE_LENGTH} characters`,
    offset: MAX_RULE_LENGTH,
  },
  {
    given: `${'!'.repeat(MAX_RULE_DEPTH)}value.a`,
    message: `${MAX_RULE_DEPTH} levels`,
    offset: MAX_RULE_DEPTH,
  },
  {
    given: `${'abs('.repeat(100)}1${')'.repeat(100)}`,
    message: `${MAX_RULE_DEPTH} levels`,
    offset: 4 * MAX_RULE_DEPTH,
  },
];

describe('parseRule rejects', () => {
  it.each(rejected)('$given', ({ given, message, offset }) => {
    const parsed = parseRule(given);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.error.message).toContain(message);
    expect(parsed.error.offset).toBe(offset);
  });

  it('accepts exactly the maximum depth, and parentheses do not count', () => {
    expect(parseRule(`${'!'.repeat(MAX_RULE_DEPTH - 1)}value.a`).ok).toBe(true);
    expect(parseRule(`${'('.repeat(990)}1${')'.repeat(990)}`).ok).toBe(true);
  });

  it('refuses a value that is not a string without throwing', () => {
    expect(parseRule(42 as unknown as string).ok).toBe(false);
  });
});
