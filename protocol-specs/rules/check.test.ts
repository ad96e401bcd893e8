import { describe, expect, it } from 'vitest';
import type { RuleNode } from './ast.ts';
import { checkRule, type RuleProblemCode } from './check.ts';
import { call, literal } from './nodes.ts';
import { parseRule } from './parse.ts';
import type { BaseType, RuleEnvironment } from './types.ts';

const env: RuleEnvironment = {
  scopes: {
    value: {
      accessibility: { base: 'text', list: false, codes: ['Oui', 'Non'] },
      num_passage: { base: 'number', list: false, integer: true },
      count_min: { base: 'number', list: false, integer: true },
      comment: { base: 'text', list: false },
      visited: { base: 'boolean', list: false },
      date_obs: { base: 'date', list: false },
      methods: { base: 'text', list: true, codes: ['Visuel', 'Auditif'] },
      geom: { base: 'geometry', list: false },
    },
    site: { altitude: { base: 'number', list: false } },
  },
};

function check(source: string | RuleNode, expected?: BaseType) {
  const ast = typeof source === 'string' ? parseRule(source) : { ok: true as const, ast: source };
  if (!ast.ok) throw new Error(`${String(source)}: ${ast.error.message}`);
  return checkRule(ast.ast, env, expected);
}

describe('checkRule passes well-typed rules', () => {
  it.each([
    ["value.accessibility === 'Oui' && value.num_passage === 1", 'boolean'],
    ['!value.comment', 'boolean'],
    ['value.comment', 'boolean'],
    ['value.count_min > 0 || value.visited', 'boolean'],
    ["value.methods.includes('Visuel')", 'boolean'],
    ["value.comment.includes('chemin')", 'boolean'],
    ["contains(value.comment, 'mare') || includes(value.comment, value.accessibility)", 'boolean'],
    ["contains(value.methods, 'Auditif')", 'boolean'],
    ["value.accessibility in ['Oui', null]", 'boolean'],
    ["code(value.accessibility) != 'Non'", 'boolean'],
    ['site.altitude > 1000', 'boolean'],
    ["value.date_obs >= '2024-01-01'", 'boolean'],
    ['value.count_min * 2 + 1', 'number'],
    ["concat(value.comment, ' (', value.num_passage, ')')", 'text'],
    ["value.comment + '!'", 'text'],
    ['today()', 'date'],
    ["'2024-01-01'", 'date'],
    ['value.accessibility == null', 'boolean'],
    ['value.num_passage == null', 'boolean'],
    ['round(site.altitude / 100, 1)', 'number'],
    ['value.geom', 'geometry'],
    ['coalesce(value.geom, value.geom) ?? value.geom', 'geometry'],
    ['value.visited ? value.geom : null', 'geometry'],
  ] as const)('%s (%s)', (source, expected) => {
    expect(check(source, expected).problems).toEqual([]);
  });

  it('types results', () => {
    expect(check('value.count_min + value.num_passage').type).toEqual({
      base: 'number',
      list: false,
      integer: true,
    });
    expect(check('value.count_min / 2').type).toEqual({ base: 'number', list: false });
    expect(check("value.comment ?? 'none'").type).toEqual({ base: 'text', list: false });
    expect(check("['a', null]").type).toEqual({ base: 'text', list: true });
  });
});

const failing: ReadonlyArray<{
  rule: string | RuleNode;
  expected?: BaseType;
  code: RuleProblemCode;
  message: string;
}> = [
  { rule: 'sit.altitude > 1', code: 'unknown-scope', message: 'did you mean site.altitude?' },
  {
    rule: "value.acessibility == 'Oui'",
    code: 'unknown-field',
    message: 'value.acessibility is not a field of this level; did you mean value.accessibility?',
  },
  { rule: 'site.altitud > 1', code: 'unknown-field', message: 'did you mean site.altitude?' },
  {
    rule: "value.num_passage == 'un'",
    code: 'type-mismatch',
    message: "value.num_passage (number) is compared with 'un' (text)",
  },
  {
    rule: 'value.comment * 2',
    code: 'type-mismatch',
    message: "'*' computes on numbers, not value.comment (text)",
  },
  { rule: 'value.visited < true', code: 'type-mismatch', message: "'<' orders numbers, texts or dates" },
  { rule: "'a' in value.comment", code: 'type-mismatch', message: "'in' needs a list on its right" },
  {
    rule: 'value.num_passage in value.methods',
    code: 'type-mismatch',
    message: 'can never be in value.methods',
  },
  {
    rule: 'includes(value.comment, 1)',
    code: 'type-mismatch',
    message: 'includes() looks for a text in a text, not for number',
  },
  {
    rule: "contains(value.num_passage, 'a')",
    code: 'type-mismatch',
    message: 'contains() expects a list or a text as argument 1, not number',
  },
  {
    rule: 'value.comment.includes(value.methods)',
    code: 'type-mismatch',
    message: 'includes() looks for a text in a text, not for list of text',
  },
  {
    rule: 'contains(value.methods, 1)',
    code: 'type-mismatch',
    message: 'contains() looks for number in a list of text',
  },
  {
    rule: 'round(value.comment)',
    code: 'type-mismatch',
    message: 'round() expects a number as argument 1, not text',
  },
  { rule: 'round(value.count_min, 0.5)', code: 'type-mismatch', message: 'a whole number of digits' },
  {
    rule: "value.visited ? 1 : 'x'",
    code: 'type-mismatch',
    message: "the branches of '?:' mix 1 (number) and 'x' (text)",
  },
  { rule: "[1, 'a']", code: 'type-mismatch', message: 'mixes types' },
  { rule: "value.date_obs > '2024-13-01'", code: 'type-mismatch', message: "'2024-13-01' is not a date" },
  {
    rule: 'empty(value.geom)',
    code: 'type-mismatch',
    message: 'value.geom is a geometry; rules cannot test geometries',
  },
  { rule: 'value.geom ? 1 : 2', code: 'type-mismatch', message: 'value.geom is a geometry' },
  { rule: 'value.count_min + 1', expected: 'boolean', code: 'type-mismatch', message: '' },
  {
    rule: 'value.comment',
    expected: 'number',
    code: 'type-mismatch',
    message: 'this rule yields text, but the slot expects number',
  },
  { rule: 'value.count_min > 0', expected: 'date', code: 'type-mismatch', message: 'yields boolean' },
  {
    rule: "value.accessibility === 'Yes'",
    code: 'unknown-choice',
    message: "'Yes' is not a value of value.accessibility (Oui, Non)",
  },
  {
    rule: "code(value.accessibility) != 'yes'",
    code: 'unknown-choice',
    message: "'yes' is not a value of code(value.accessibility)",
  },
  {
    rule: "value.accessibility in ['Oui', 'Peut-être']",
    code: 'unknown-choice',
    message: "'Peut-être' is not a value",
  },
  {
    rule: "value.methods.includes('Olfactif')",
    code: 'unknown-choice',
    message: "'Olfactif' is not a value of value.methods (Visuel, Auditif)",
  },
  {
    rule: "'Olfactif' in value.methods",
    code: 'unknown-choice',
    message: "'Olfactif' is not a value of value.methods",
  },
  { rule: 'round(1, 2, 3)', code: 'arity', message: 'round() takes 1 to 2 arguments, not 3' },
  { rule: 'today(1)', code: 'arity', message: 'today() takes 0 arguments, not 1' },
  { rule: 'concat()', code: 'arity', message: 'concat() takes at least 1 argument' },
  {
    rule: call('lenght', [literal('a')]),
    code: 'unknown-function',
    message: 'unknown function lenght(); did you mean length()?',
  },
];

describe('checkRule reports', () => {
  it.each(failing)('$code: $rule', ({ rule, expected, code, message }) => {
    const problems = check(rule, expected).problems;
    if (expected === 'boolean') {
      // A boolean slot takes any value: truthiness, as JavaScript rules use it.
      expect(problems).toEqual([]);
      return;
    }
    expect(problems.map((p) => p.code)).toContain(code);
    expect(problems.find((p) => p.code === code)?.message).toContain(message);
  });

  it('reports every problem of a rule at once', () => {
    const problems = check(
      "value.acessibility == 'Oui' && value.accessibility == 'Yes' && sit.x > 1",
    ).problems;
    expect(problems.map((p) => p.code).sort()).toEqual(['unknown-choice', 'unknown-field', 'unknown-scope']);
  });

  it('allows comparing anything with null', () => {
    expect(
      check('value.num_passage != null && value.methods == null && value.visited == undefined').problems,
    ).toEqual([]);
  });
});
