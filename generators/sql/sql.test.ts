/** The SQL generator as a pure function: deterministic, never mutating, every rule accounted for, names within limits. */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compileProtocol, type ParsedRule, type ResolvedProtocol } from '../../protocol-specs/index.ts';
import { EDGE_SPEC } from '../../test/db/fixtures/edge-cases.ts';
import { bannerText } from '../core/banner.ts';
import {
  ADDED_INDEXES_FILE,
  generateSql,
  HISTORY_FILE,
  schemaModel,
  TABLES_FILE,
  VIEWS_FILE,
} from './index.ts';
import { constraintName, ident, MAX_IDENTIFIER_BYTES, shortName, snakeCase } from './names.ts';
import { nomenclatureColumn } from './views/sinp-view.ts';

const examples = new URL('../../examples/', import.meta.url);
const codes = readdirSync(examples, { withFileTypes: true })
  .filter((e) => e.isDirectory() && existsSync(new URL(`${e.name}/protocol.json`, examples)))
  .map((e) => e.name)
  .sort();

function compile(spec: unknown): ResolvedProtocol {
  const result = compileProtocol(spec);
  if (!result.ok) throw new Error(JSON.stringify(result.diagnostics));
  return result.protocol;
}

const cases = [
  ...codes.map((code) => ({
    code,
    specPath: `examples/${code}/protocol.json`,
    protocol: compile(JSON.parse(readFileSync(new URL(`${code}/protocol.json`, examples), 'utf8'))),
  })),
  { code: 'edge_cases', specPath: 'test/db/fixtures/edge-cases.ts', protocol: compile(EDGE_SPEC) },
];

describe.each(cases)('sql generator on $code', ({ protocol, specPath }) => {
  const context = { specPath };

  it('writes 001-tables.sql, 002-views.sql, 003-history.sql and 004-indexes.sql, each under the banner', () => {
    const files = generateSql(protocol, context);
    expect(files.map((f) => [f.path, f.sql])).toEqual([
      [TABLES_FILE, 'install'],
      [VIEWS_FILE, 'derived'],
      [HISTORY_FILE, 'derived'],
      [ADDED_INDEXES_FILE, 'derived'],
    ]);
    for (const f of files) expect(f.contents.startsWith(`-- ${bannerText(protocol, context)}\n`)).toBe(true);
  });

  it('attaches the record-history trigger to every table of the module, naming its level and record column', () => {
    const history = generateSql(protocol, context).find((f) => f.path === HISTORY_FILE)?.contents ?? '';
    const tables = schemaModel(protocol).tables;
    expect(history.match(/CREATE OR REPLACE TRIGGER record_history /g)).toHaveLength(tables.length);
    for (const t of tables)
      expect(history).toContain(
        `ON ${t.schema}.${t.name}\n  FOR EACH ROW EXECUTE FUNCTION suivi.record_history_trigger('${t.level}', '${t.role === 'level' ? 'id' : 'record_id'}');`,
      );
  });

  it('adds the recent-changes index to every level table, if not already there (installed modules)', () => {
    const added = generateSql(protocol, context).find((f) => f.path === ADDED_INDEXES_FILE)?.contents ?? '';
    const levels = schemaModel(protocol).tables.filter((t) => t.role === 'level');
    expect(added.match(/CREATE INDEX IF NOT EXISTS /g)).toHaveLength(levels.length);
    for (const t of levels) expect(added).toContain(`ON ${t.schema}.${t.name} (updated_at DESC, id);`);
  });

  it('gives the same bytes twice and leaves the protocol as it was', () => {
    const before = JSON.stringify(protocol);
    const first = generateSql(protocol, context);
    const second = generateSql(protocol, context);
    expect(second).toEqual(first);
    expect(JSON.stringify(protocol)).toBe(before);
    expect(Object.isFrozen(protocol) && Object.isFrozen(protocol.levels[0])).toBe(true);
  });

  it('keeps every generated name within 63 bytes', () => {
    for (const table of schemaModel(protocol).tables) {
      const names = [
        table.name,
        ...table.columns.map((c) => c.name),
        ...table.constraints.map((c) => c.name),
        ...table.indexes.map((i) => i.name),
      ];
      for (const name of names)
        expect(Buffer.byteLength(name), name).toBeLessThanOrEqual(MAX_IDENTIFIER_BYTES);
    }
  });

  it('turns every visibility, requirement and bound rule into a CHECK or a line for the server', () => {
    const model = schemaModel(protocol);
    const unaccounted: string[] = [];
    for (const level of protocol.levels) {
      const tables = model.tables.filter((t) => t.level === level.key);
      const said = (key: string, kind: 'visible' | 'required' | 'min' | 'max', source: string) =>
        tables.some(
          (t) =>
            t.constraints.some((c) => c.name === constraintName(key, kind)) ||
            t.serverRules.some((r) => r.includes(source)),
        );
      for (const field of level.fields.flatMap((f) => [f, ...(f.kind === 'group' ? f.fields : [])])) {
        if (field.kind === 'section') continue; // stores nothing: its visibility only shapes the form
        const rules: Array<['visible' | 'required' | 'min' | 'max', ParsedRule | undefined]> = [
          ['visible', field.visibleIf],
          ['required', typeof field.required === 'object' ? field.required : undefined],
          ['min', 'min' in field && field.min && 'rule' in field.min ? field.min.rule : undefined],
          ['max', 'max' in field && field.max && 'rule' in field.max ? field.max.rule : undefined],
        ];
        for (const [kind, rule] of rules)
          if (rule && !said(field.key, kind, rule.source))
            unaccounted.push(`${level.key}.${field.key} ${kind}`);
      }
    }
    expect(unaccounted).toEqual([]);
  });
});

describe('sql names', () => {
  it('hashes long names to 63 bytes, deterministically and distinctly', () => {
    const a = `${'x'.repeat(70)}_a`;
    const b = `${'x'.repeat(70)}_b`;
    expect(shortName('site__pk')).toBe('site__pk');
    expect(shortName(a)).toHaveLength(MAX_IDENTIFIER_BYTES);
    expect(shortName(a)).toBe(shortName(a));
    expect(shortName(a)).not.toBe(shortName(b));
    expect(Buffer.byteLength(shortName('é'.repeat(40)))).toBeLessThanOrEqual(MAX_IDENTIFIER_BYTES);
  });

  it('quotes only what PostgreSQL would not read back unchanged', () => {
    expect(ident('chiro_gites')).toBe('chiro_gites');
    expect(ident('order')).toBe('"order"');
    expect(ident('Weird"Name')).toBe('"Weird""Name"');
  });

  it('names nomenclature columns after their SINP attribute', () => {
    expect(snakeCase('occStadeDeVie')).toBe('occ_stade_de_vie');
    expect(nomenclatureColumn('STATUT_OBS')).toBe('statut_observation_code');
    expect(nomenclatureColumn('DEE_FLOU')).toBe('d_ee_floutage_code');
    expect(nomenclatureColumn('TYPE_SITE')).toBe('type_site_code');
  });

  it('refuses a protocol code that is a core schema', () => {
    const suivi = { ...(cases[0]?.protocol as ResolvedProtocol), code: 'suivi' };
    expect(() => schemaModel(suivi)).toThrow(/names a schema/);
  });
});
