import { describe, expect, it } from 'vitest';
import { editorReducer, initialEditor } from './editor-state.ts';
import { ruleMarks } from './rule-lint.ts';
import { completeAt, ruleNames } from './rule-names.ts';
import { selectionOf } from './selection.ts';

describe('editor state', () => {
  const start = initialEditor({ code: 'a' });

  it('keeps the last valid spec on a JSON syntax error, and undoes and redoes', () => {
    const typed = editorReducer(start, { type: 'text', text: '{"code": "b"}', at: 0 });
    const broken = editorReducer(typed, { type: 'text', text: '{"code": ', at: 10_000 });
    expect(broken.spec).toEqual({ code: 'b' });
    expect(broken.syntaxError).toMatch(/JSON/);
    const undone = editorReducer(broken, { type: 'undo' });
    expect(undone).toMatchObject({ spec: { code: 'b' }, syntaxError: null });
    expect(editorReducer(editorReducer(undone, { type: 'undo' }), { type: 'redo' }).spec).toEqual({
      code: 'b',
    });
  });

  it('pretty-prints form edits and joins a burst of them into one undo step', () => {
    const one = editorReducer(start, { type: 'edit', spec: { code: 'ab' }, at: 0, target: '/code' });
    const two = editorReducer(one, { type: 'edit', spec: { code: 'abc' }, at: 100, target: '/code' });
    expect(two.text).toBe('{\n  "code": "abc"\n}');
    expect(two.past).toHaveLength(1);
    expect(editorReducer(two, { type: 'undo' }).spec).toEqual({ code: 'a' });
    expect(two.revision).toBeGreaterThan(start.revision);
    // A structural edit (no target) right after is its own step.
    const three = editorReducer(two, { type: 'edit', spec: { code: 'abc', levels: [] }, at: 150 });
    expect(three.past).toHaveLength(2);
  });
});

describe('selection from a JSON pointer', () => {
  it.each([
    ['/levels/2/fields/3/visibleIf', { tab: 'level', level: 2, field: [3] }],
    ['/levels/1/fields/0/fields/4/min/rule', { tab: 'level', level: 1, field: [0, 4] }],
    ['/levels/1/parents/0', { tab: 'level', level: 1, field: [] }],
    ['/vocabularies/0/values/1/code', { tab: 'vocabularies' }],
    ['/occurrence/taxon', { tab: 'occurrence' }],
    ['/code', { tab: 'protocol' }],
  ])('%s', (pointer, want) => expect(selectionOf(pointer)).toEqual(want));
});

describe('rule names', () => {
  const spec = {
    levels: [
      { key: 'site', type: 'site', fields: [{ kind: 'text', key: 'habitat', label: 'Habitat' }] },
      {
        key: 'observation',
        type: 'observation',
        parents: ['site'],
        omitStandardFields: ['medias'],
        fields: [
          { kind: 'integer', key: 'count', label: { fr: 'Nombre' } },
          { kind: 'section', key: 'part', label: 'Partie' },
        ],
      },
    ],
  };

  it('offers the level fields (standard ones too), the parent and ancestors, and functions', () => {
    const names = ruleNames(spec, 1);
    expect(names.scopes.value?.map((o) => o.label)).toEqual(['cd_nom', 'comments', 'count']);
    expect(names.scopes.parent?.map((o) => o.label)).toContain('habitat');
    expect(Object.keys(names.scopes)).toEqual(['value', 'parent', 'site']);
    expect(completeAt(names, 'value.co')).toMatchObject({ from: 6 });
    const top = completeAt(names, 'coal');
    expect(top?.from).toBe(0);
    expect(top?.options.some((o) => o.label === 'coalesce' && o.type === 'function')).toBe(true);
    expect(completeAt(names, 'nope.x')).toBeNull();
    expect(ruleNames(spec, 1, { slot: 'filter' }).scopes.choice?.map((o) => o.label)).toEqual([
      'code',
      'label',
      'broader',
    ]);
  });
});

describe('rule marks', () => {
  it('places syntax errors and unknown fields, else the whole rule', () => {
    const d = (message: string) => ({ rule: 'r', path: '/x', message, severity: 'error' as const });
    expect(
      ruleMarks('value.count ==', [d('Expected an expression (at character 15 of the rule)')])[0],
    ).toMatchObject({
      from: 13,
      to: 14,
    });
    expect(ruleMarks('value.cont == 0', [d('value.cont is not a field of this level')])[0]).toMatchObject({
      from: 0,
      to: 10,
    });
    expect(ruleMarks('true', [d('always true')])[0]).toMatchObject({ from: 0, to: 4, severity: 'error' });
  });
});

describe('outline and offsets', () => {
  it('indents a level under its first parent and finds a line and column in the JSON text', async () => {
    const { levelOutline } = await import('./LevelTree.tsx');
    const { offsetOf } = await import('./JsonView.tsx');
    expect(
      levelOutline([
        { key: 'site' },
        { key: 'visit', parents: ['site'] },
        { key: 'obs', parents: ['visit'] },
        { key: 'x', parents: ['x'] },
      ]),
    ).toEqual([
      { index: 0, depth: 0 },
      { index: 1, depth: 1 },
      { index: 2, depth: 2 },
      { index: 3, depth: 0 },
    ]);
    expect(offsetOf('{\n  "a": 1\n}', 2, 3)).toBe(4);
    expect(offsetOf('{}', 9, 1)).toBe(2);
  });
});
