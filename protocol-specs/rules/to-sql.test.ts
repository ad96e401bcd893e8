/** The SQL compiler's output and refusals; agreement with the evaluator is in to-sql.pg.test.ts. */
import { describe, expect, it } from 'vitest';
import { parseRule } from './parse.ts';
import { sqlLiteral } from './sql-expr.ts';
import { compileRuleToSql, compileRuleToSqlValue, type SqlRuleEnvironment } from './to-sql.ts';

const env: SqlRuleEnvironment = {
  columns: {
    accessibility: { sql: '"accessibility"', type: { base: 'text', list: false, codes: ['Oui', 'Non'] } },
    num_passage: { sql: '"num_passage"', type: { base: 'number', list: false, integer: true } },
    methods: { sql: '"methods"', type: { base: 'text', list: true } },
    geom: { sql: '"geom"', type: { base: 'geometry', list: false } },
  },
};

const compile = (source: string) => {
  const parsed = parseRule(source);
  if (!parsed.ok) throw new Error(parsed.error.message);
  return compileRuleToSql(parsed.ast, env);
};

describe('sqlLiteral', () => {
  it.each([
    ['Oui', "'Oui'"],
    ["l'eau", "'l''eau'"],
    ["'); DROP TABLE t; --", "'''); DROP TABLE t; --'"],
    ['a\\b', "E'a\\\\b'"],
    ["\\'", "E'\\\\'''"],
    ['', "''"],
    [1.5, '1.5'],
    [-0, '0'],
    [1e21, '1e+21'],
    [true, 'TRUE'],
    [null, 'NULL'],
  ] as const)('%j → %s', (value, sql) => {
    expect(sqlLiteral(value)).toBe(sql);
  });

  it.each([['a\0b'], [Number.NaN], [Number.POSITIVE_INFINITY]])('refuses %j', (value) => {
    expect(() => sqlLiteral(value)).toThrow(RangeError);
  });
});

describe('compileRuleToSql', () => {
  it('compiles a GeoNature rule to a boolean that is never NULL', () => {
    const accessibility = `(NULLIF("accessibility", '')) COLLATE "C"`;
    expect(compile("value.accessibility === 'Oui' && value.num_passage === 1")).toEqual({
      ok: true,
      sql: `((${accessibility} IS NOT DISTINCT FROM ('Oui'::text) COLLATE "C") AND ("num_passage" IS NOT DISTINCT FROM 1))`,
    });
  });

  it('reads empty texts and lists as NULL', () => {
    const result = compile('empty(value.accessibility) || value.methods.length == 0');
    expect(result.ok && result.sql).toContain(`NULLIF("accessibility", '')`);
    expect(result.ok && result.sql).toContain(`NULLIF(array_replace("methods", ''::text, NULL::text), '{}')`);
  });

  it('gives a typed value for computed columns', () => {
    const parsed = parseRule('value.num_passage * 2');
    expect(parsed.ok && compileRuleToSqlValue(parsed.ast, env)).toEqual({
      ok: true,
      sql: '(("num_passage")::float8 * (2)::float8)',
      base: 'float',
      list: false,
    });
  });

  it.each([
    ['site.altitude > 1000', 'references site.altitude, which lives in another table'],
    ['parent.x == 1', 'references parent.x'],
    ['value.date_obs > today()', 'value.date_obs is not a column'],
    ["value.num_passage > 0 && today() > '2024-01-01'", 'today() changes from day to day'],
    ['currentUser() == null', 'currentUser() depends on who saves'],
    ['empty(value.geom)', 'value.geom is a geometry field'],
    ["value.accessibility == 'a\0b'", 'NUL'],
    [`${'round('.repeat(20)}value.num_passage${', 1)'.repeat(20)} > 0`, 'exceed'],
  ])('refuses %s', (source, reason) => {
    expect(compile(source)).toEqual({ ok: false, reason: expect.stringContaining(reason) });
  });
});
