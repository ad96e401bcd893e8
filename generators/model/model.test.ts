/**
 * The module model: built once per protocol, complete (a store for every field, every named constraint
 * with the key and kind it stands for, hashed names included), and written as JSON that reads back as
 * the same value.
 */
import { describe, expect, it } from 'vitest';
import { compileProtocol, type ResolvedProtocol } from '../../protocol-specs/index.ts';
import { EDGE_SPEC } from '../../test/db/fixtures/edge-cases.ts';
import { EXAMPLE_CODES, exampleProtocol } from '../../test/helpers/examples.ts';
import { compactJsonText } from '../core/literal.ts';
import { checkConstraintName, constraintName } from '../sql/names.ts';
import { schemaModel } from '../sql/tables.ts';
import { moduleModel } from './build.ts';
import { modelGenerator } from './generator.ts';
import type { RecordShapeModel, TableModel } from './types.ts';

const compiled = compileProtocol(EDGE_SPEC);
if (!compiled.ok) throw new Error('EDGE_SPEC does not compile');
const PROTOCOLS: readonly ResolvedProtocol[] = [...EXAMPLE_CODES.map(exampleProtocol), compiled.protocol];

/** Every table a record shape names, nested group rows included. */
const shapeTables = (shape: RecordShapeModel): string[] => [
  shape.table.name,
  ...shape.stores.flatMap((s) =>
    s.kind === 'group' ? shapeTables(s.rows) : 'table' in s ? [s.table.name] : [],
  ),
];

describe.each(PROTOCOLS.map((p) => [p.code, p] as const))('module model of %s', (_code, protocol) => {
  const model = moduleModel(protocol);

  it('is built once per protocol and written as JSON that reads back as the same value', async () => {
    expect(moduleModel(protocol)).toBe(model);
    const [file] = await modelGenerator.generate(protocol, { specPath: 'p.json' });
    expect(file?.path).toBe('model.json');
    expect(JSON.parse(file?.contents ?? '').model).toEqual(JSON.parse(JSON.stringify(model)));
  });

  it('says where every field of every level is stored, in form order, in tables it lists', () => {
    expect(model.levels.map((l) => l.key)).toEqual(protocol.levels.map((l) => l.key));
    for (const [i, level] of protocol.levels.entries()) {
      const facts = model.levels[i]!;
      expect(facts.record.stores.map((s) => s.field)).toEqual(level.fields.map((f) => f.key));
      const listed = facts.tables.map((t) => t.name);
      expect(listed[0]).toBe(level.key);
      expect(listed).toEqual(expect.arrayContaining(shapeTables(facts.record)));
      expect(facts.parents.map((p) => p.key)).toEqual(level.parents);
    }
  });

  it('names every constraint of the table model with a key and kind that give its name back', () => {
    const tables = new Map<string, TableModel>(model.levels.flatMap((l) => l.tables.map((t) => [t.name, t])));
    for (const table of schemaModel(protocol).tables) {
      const described = tables.get(table.name);
      expect(described?.constraints.map((c) => c.name)).toEqual(table.constraints.map((c) => c.name));
      for (const c of described?.constraints ?? []) {
        if (c.kind === 'primary_key' || c.kind === 'unique') continue;
        if (c.kind === 'record_check') {
          expect(checkConstraintName(table.name, c.key)).toBe(c.name);
          continue;
        }
        expect(constraintName(c.key, c.kind)).toBe(c.name);
      }
    }
  });

  it('carries the route table and each level’s list query, by field and by query parameter', () => {
    const operations = new Set(model.routes.map((r) => `${r.method} ${r.path}`));
    expect(operations.size).toBe(model.routes.length);
    for (const level of model.levels) {
      expect(level.querySpec.sort).toEqual(level.query.sort);
      const fields = new Set(Object.values(level.querySpec.filters).map((f) => f.field));
      expect([...fields].sort()).toEqual([...new Set(level.query.filters.map((f) => f.field))].sort());
    }
  });
});

describe('module model of the edge cases', () => {
  const model = moduleModel(compiled.protocol);
  const table = (name: string) => model.levels.flatMap((l) => l.tables).find((t) => t.name === name)!;

  it('maps a hashed constraint name back to its field', () => {
    const key = 'a_rather_long_field_key_that_goes_on_and_on_until_it_nears_63ch';
    const hashed = constraintName(key, 'length');
    expect(hashed).not.toBe(`${key}__length`);
    expect(table('zone').constraints).toContainEqual({ name: hashed, kind: 'length', key });
  });

  it('describes a group’s row table and the child tables of its row fields', () => {
    const plot = model.levels.find((l) => l.key === 'plot')!;
    const rows = plot.record.stores.find((s) => s.kind === 'group');
    expect(rows?.kind === 'group' && rows.rows.stores.map((s) => [s.field, s.kind])).toEqual(
      expect.arrayContaining([
        ['who', 'observers'],
        ['pic', 'media'],
      ]),
    );
    expect(table('plot__rows__who')).toMatchObject({ role: 'observers', level: 'plot', field: 'rows.who' });
    expect(table('zone').constraints).toContainEqual({
      name: 'best_plot__fk',
      kind: 'fk',
      key: 'best_plot',
      references: { schema: 'edge_cases', name: 'plot' },
    });
  });
});

describe('compactJsonText', () => {
  it.each([
    ['a short object on one line', { a: 1, b: [true, null] }, '{ "a": 1, "b": [true, null] }\n'],
    ['an empty array and object', { a: [], b: {} }, '{ "a": [], "b": {} }\n'],
    [
      'a long one item a line, no comma after the last',
      { text: 'x'.repeat(50), more: 'y'.repeat(50) },
      `{\n  "text": "${'x'.repeat(50)}",\n  "more": "${'y'.repeat(50)}"\n}\n`,
    ],
  ])('%s', (_name, value, want) => {
    expect(compactJsonText(value)).toBe(want);
    expect(JSON.parse(want)).toEqual(value);
  });
});
