/**
 * Properties of the JavaScript tooling, on random rule trees: the printer reads back as the rule it
 * prints, a `hidden` written by export-gn negates back into its rule, and every rule export-gn writes as JavaScript is translated back
 * by import-gn into the same rule. Plus the statement reader on the shapes GeoNature configs use.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatRule, parseRule, type RuleNode } from '../../../protocol-specs/index.ts';
import { ruleArbitrary } from '../../../protocol-specs/rules/rule-arbitrary.ts';
import { normaliseRule } from '../equivalent.ts';
import { ruleFunction } from '../export/render-js.ts';
import { negate, negationSource } from './negate.ts';
import { printRule } from './print-rule.ts';
import type { ExpressionScope } from './scope.ts';
import { readStatements } from './statements.ts';
import { translateFunction } from './translate-function.ts';

const FIELDS = [
  { scope: 'value', key: 'a' },
  { scope: 'value', key: 'b' },
  { scope: 'site', key: 'alt' },
];

/** Every name is a text field: what the importer knows of a level, for rules over these fields. */
const SCOPE: ExpressionScope = {
  own: (key) => ({ ok: true, field: { scope: 'value', key, kind: 'text' } }),
  ancestor: (object, key) => ({ ok: true, field: { scope: object, key, kind: 'text' } }),
  parentObject: 'site',
};

/** The tree the parser gives for a rule (a literal -1 reads back as -(1), in Suivi's own format too). */
const reparsed = (ast: RuleNode): RuleNode | undefined => {
  const result = parseRule(formatRule(ast));
  return result.ok ? result.ast : undefined;
};

/**
 * JavaScript idioms the importer reads as JavaScript means them, not as Suivi would: `x || []` is a
 * null guard (x), `null || null` (GeoNature's `(null || undefined)`) is null, and a field with a literal
 * fallback, `x || 0` or `x || 'texte'`, is `coalesce(x, …)` (`x || null`: x). A rule holding one does not
 * come back as written, and is left out of the property.
 */
function hasJsIdiom(ast: RuleNode): boolean {
  if (ast.kind === 'logical' && ast.operator === '||') {
    const empty = (x: RuleNode) => x.kind === 'list' && x.items.length === 0;
    const nullish = (x: RuleNode) => x.kind === 'literal' && x.value === null;
    if (empty(ast.right) || (nullish(ast.left) && nullish(ast.right))) return true;
    const fallback = (x: RuleNode) => x.kind === 'literal' && typeof x.value !== 'boolean';
    if (ast.left.kind === 'field' && fallback(ast.right)) return true;
  }
  return Object.values(ast).some((v) =>
    Array.isArray(v)
      ? v.some((x) => typeof x === 'object' && hasJsIdiom(x))
      : typeof v === 'object' && v !== null && 'kind' in v && hasJsIdiom(v as RuleNode),
  );
}

describe('JavaScript tooling, on random rules', () => {
  it('printRule reads back as the rule it prints', () => {
    fc.assert(
      fc.property(ruleArbitrary(FIELDS), (ast) => {
        const expected = reparsed(ast);
        fc.pre(expected !== undefined);
        const printed = parseRule(printRule(ast));
        expect(printed.ok && printed.ast).toEqual(expected);
      }),
      { numRuns: 400 },
    );
  });

  it('the hidden rule export-gn writes negates back into the visibleIf it came from', () => {
    fc.assert(
      fc.property(ruleArbitrary(FIELDS), (ast) => {
        expect(negate(negationSource(ast))).toEqual(ast);
      }),
      { numRuns: 400 },
    );
  });

  it('a rule exported as JavaScript is imported back as the same rule', () => {
    fc.assert(
      fc.property(ruleArbitrary(FIELDS), (ast) => {
        const expected = reparsed(ast);
        fc.pre(expected !== undefined && !hasJsIdiom(expected));
        const js = ruleFunction(expected as RuleNode, {
          objects: new Map([['site', 'site']]),
          parent: 'site',
        });
        const back = translateFunction(js, { scope: SCOPE });
        expect(back.ok ? normaliseRule(back.ast, 'site') : back.reason).toEqual(
          normaliseRule(expected as RuleNode, 'site'),
        );
      }),
      { numRuns: 400 },
    );
  });
});

describe('readStatements', () => {
  it('reads const, if/else, return and patches, with or without semicolons', () => {
    const statements = readStatements(
      [
        'const total = (objForm.value.a + objForm.value.b)',
        'objForm.patchValue({total})',
        "if (objForm.value.p === 'Non') { objForm.patchValue({n: null, c: {'cd_nom': 1}}, {emitEvent: false}) } else { return }",
        "(objForm.value.h != 'Oui' ? objForm.patchValue({h2: 0}) : '');",
      ].join('\n'),
    );
    expect(statements.map((s) => s.kind)).toEqual(['const', 'patch', 'if', 'patch']);
    expect(statements[0]).toMatchObject({ name: 'total', source: '(objForm.value.a + objForm.value.b)' });
    expect(statements[2]).toMatchObject({
      test: "objForm.value.p === 'Non'",
      otherwise: [{ kind: 'return' }],
    });
    expect(statements[3]).toMatchObject({ test: "objForm.value.h != 'Oui'", entries: [{ key: 'h2' }] });
  });

  it('keeps what it does not recognise, for the caller to report', () => {
    expect(readStatements('console.log(1); objForm.controls.x.disable()').map((s) => s.kind)).toEqual([
      'other',
      'other',
    ]);
  });
});
