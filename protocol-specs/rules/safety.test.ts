/**
 * Properties of the language's safety: parsing never throws, evaluation never throws and never hands
 * back anything but rule values, and no rule reaches JavaScript machinery (prototypes, globals, getters).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { constantValue, referencedFields } from './analyse.ts';
import { checkRule } from './check.ts';
import { evaluateRule, type RuleContext, type RuleValue } from './evaluate.ts';
import { formatRule } from './format.ts';
import { parseRule } from './parse.ts';
import { ruleArbitrary } from './rule-arbitrary.ts';
import { compileRuleToSql } from './to-sql.ts';

const TOKENS = [
  'value.',
  'value',
  'parent.',
  'site.',
  'choice.',
  '.',
  '?.',
  'a',
  'x',
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'globalThis',
  'process',
  'this',
  'new ',
  'typeof ',
  '(',
  ')',
  '[',
  ']',
  "'",
  '"',
  '`',
  '\\',
  ',',
  ';',
  '?',
  ':',
  '!',
  '&&',
  '||',
  '??',
  '==',
  '===',
  '!=',
  '=',
  '<',
  '>=',
  ' in ',
  '+',
  '-',
  '*',
  '/',
  '%',
  '&',
  '|',
  ' ',
  '1',
  '0.5',
  '1e999',
  "'a'",
  'null',
  'undefined',
  'true',
  'includes(',
  '.includes(',
  '.length',
  'round(',
  'today()',
  'concat(',
  'code(',
  '\u0000',
  'é',
  '𝒳',
];

const tokenSoup = fc.array(fc.constantFrom(...TOKENS), { maxLength: 30 }).map((parts) => parts.join(''));
const anyText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 80 }),
  fc.string({ maxLength: 80 }),
  tokenSoup,
);

/** Values a record might hold after a bug or an attack: functions, getters, prototypes, odd numbers. */
function hostileRecord(): Record<string, unknown> {
  const record: Record<string, unknown> = JSON.parse('{"__proto__": {"polluted": 1}, "a": "Oui", "x": 1}');
  Object.defineProperty(record, 'getter', {
    enumerable: true,
    get() {
      throw new Error('a getter ran');
    },
  });
  Object.assign(record, {
    fn: () => 'called',
    toString: () => 'called',
    obj: { nested: 1 },
    nan: Number.NaN,
    inf: Number.POSITIVE_INFINITY,
    big: 10n,
    sym: Symbol('s'),
    date: new Date(0),
    list: [1, () => 2, { a: 1 }, [3], Number.NaN, ''],
    proxy: new Proxy(
      {},
      {
        get() {
          throw new Error('a trap ran');
        },
      },
    ),
  });
  return record;
}

const hostileContext = (value: unknown): RuleContext => ({
  records: {
    value: value as Record<string, unknown>,
    parent: Object.create({ inherited: 'secret' }) as Record<string, unknown>,
    site: new Proxy(
      {},
      {
        getOwnPropertyDescriptor: () => {
          throw new Error('trap');
        },
      },
    ),
  },
  today: '2024-06-01',
  now: '2024-06-01T00:00:00Z',
});

function isRuleValue(v: unknown): v is RuleValue {
  if (v === null || typeof v === 'string' || typeof v === 'boolean') return true;
  if (typeof v === 'number') return Number.isFinite(v);
  return Array.isArray(v) && v.every((item) => !Array.isArray(item) && isRuleValue(item));
}

const parsedRule = anyText
  .map(parseRule)
  .filter((r) => r.ok)
  .map((r) => (r.ok ? r.ast : undefined)!);
const HOSTILE_FIELDS = [
  'a',
  'x',
  'fn',
  'getter',
  'proxy',
  'list',
  'nan',
  '__proto__',
  'constructor',
  'toString',
  'length',
  'polluted',
].flatMap((key) => ['value', 'parent', 'site', '__proto__'].map((scope) => ({ scope, key })));
/** Trees built directly, as from JSON: they may name keys the parser refuses. */
const anyRule = fc.oneof(parsedRule, ruleArbitrary(HOSTILE_FIELDS));
const records = fc.oneof(
  fc.constant(hostileRecord()),
  fc.dictionary(
    fc.constantFrom('a', 'x', 'fn', '__proto__', 'constructor', 'length', 'toString'),
    fc.anything(),
  ),
  fc.anything(),
);

describe('safety', () => {
  it('parseRule never throws, whatever the text', () => {
    fc.assert(
      fc.property(anyText, (source) => {
        const result = parseRule(source);
        if (!result.ok) expect(result.error.offset).toBeGreaterThanOrEqual(0);
      }),
      { numRuns: 3000 },
    );
  });

  it('evaluateRule never throws and returns only rule values, on any record', () => {
    fc.assert(
      fc.property(anyRule, records, (ast, value) => {
        expect(isRuleValue(evaluateRule(ast, hostileContext(value)))).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('the checker, the SQL compiler and the analyses never throw on parsed rules', () => {
    const env = {
      scopes: { value: { a: { base: 'text', list: false }, x: { base: 'number', list: false } } },
    } as const;
    const columns = { a: { sql: '"a"', type: { base: 'text', list: false } } } as const;
    fc.assert(
      fc.property(anyRule, (ast) => {
        checkRule(ast, env, 'boolean');
        compileRuleToSql(ast, { columns });
        referencedFields(ast);
        constantValue(ast);
      }),
      { numRuns: 1000 },
    );
  });

  it('prints parsed rules back to the same tree', () => {
    fc.assert(
      fc.property(parsedRule, (ast) => {
        expect(parseRule(formatRule(ast))).toEqual({ ok: true, ast });
      }),
    );
  });

  it.each([
    'value.constructor',
    "value['__proto__']",
    'value.__proto__.polluted',
    'value.toString',
    "value['toString']",
    "constructor.constructor('x')()",
    'globalThis.process',
    'this.x',
    'value.fn',
    'value.getter',
    'value.proxy',
    'value.obj',
    'value.nan',
    'value.inf',
    'value.big',
    'value.sym',
    'value.date',
    'parent.inherited',
    'site.anything',
    "value.polluted ?? 'clean'",
    'value.toString()',
    'value.fn()',
  ])('%s cannot reach anything', (source) => {
    const parsed = parseRule(source);
    if (!parsed.ok) return; // refused outright
    const result = evaluateRule(parsed.ast, hostileContext(hostileRecord()));
    expect(result === null || result === 'clean').toBe(true);
  });

  it('reads lists item by item, dropping what is not a value', () => {
    const parsed = parseRule('value.list');
    expect(parsed.ok && evaluateRule(parsed.ast, hostileContext(hostileRecord()))).toEqual([
      1,
      null,
      null,
      null,
      null,
      null,
    ]);
  });

  it('does not take an array for a record', () => {
    const parsed = parseRule('value.length');
    expect(parsed.ok && evaluateRule(parsed.ast, hostileContext([1, 2]))).toBeNull();
  });
});
