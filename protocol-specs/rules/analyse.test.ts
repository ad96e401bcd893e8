import { describe, expect, it } from 'vitest';
import { constantValue, referencedFields } from './analyse.ts';
import { parseRule } from './parse.ts';

const ast = (source: string) => {
  const parsed = parseRule(source);
  if (!parsed.ok) throw new Error(parsed.error.message);
  return parsed.ast;
};

describe('referencedFields', () => {
  it('lists each field once, sorted by scope then key', () => {
    expect(
      referencedFields(ast('value.b > 1 && site.z == value.a || value.b == parent.a ?? site.z')),
    ).toEqual([
      { scope: 'parent', key: 'a' },
      { scope: 'site', key: 'z' },
      { scope: 'value', key: 'a' },
      { scope: 'value', key: 'b' },
    ]);
  });

  it('finds fields inside calls, lists and conditionals', () => {
    expect(
      referencedFields(ast('[value.x].includes(round(value.y)) ? value.z : 1')).map((f) => f.key),
    ).toEqual(['x', 'y', 'z']);
  });

  it('is empty for a rule without fields', () => {
    expect(referencedFields(ast("today() > '2024-01-01'"))).toEqual([]);
  });
});

describe('constantValue', () => {
  it.each([
    ['1 > 2', false],
    ["'a' == 'a'", true],
    ['empty(null)', true],
    ["[] == ''", true],
    ['round(2.5) + 1', 4],
    ["concat('a', 1)", 'a1'],
  ] as const)('%s is always %j', (source, value) => {
    expect(constantValue(ast(source))).toEqual({ constant: true, value });
  });

  it.each([
    'value.a == 1',
    "today() > '2024-01-01'",
    'currentUser() == null',
    "now() != ''",
    'empty(site.x)',
  ])('%s depends on the record or the moment', (source) => {
    expect(constantValue(ast(source))).toEqual({ constant: false });
  });
});
