/** The example protocols compile cleanly and, together, exercise every field kind and constraint slot. */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  compileProtocol,
  normalise,
  type ProtocolSpec,
  type ResolvedField,
  type ResolvedProtocol,
  toAuthored,
} from '../protocol-specs/index.ts';
import { FIELD_KINDS } from '../protocol-specs/schema/field-schemas.ts';

const root = new URL('../examples/', import.meta.url);
const codes = readdirSync(root, { withFileTypes: true })
  // A protocol folder holds protocol.json (demo-data and extension-demo hold none at their root).
  .filter((e) => e.isDirectory() && existsSync(new URL(`${e.name}/protocol.json`, root)))
  .map((e) => e.name)
  .sort();
const specs = codes.map((code) => ({
  code,
  spec: JSON.parse(readFileSync(new URL(`${code}/protocol.json`, root), 'utf8')),
}));

const compiled: ResolvedProtocol[] = specs.map(({ spec }) => {
  const result = compileProtocol(spec);
  if (!result.ok) throw new Error(JSON.stringify(result.diagnostics, null, 2));
  return result.protocol;
});

const everyField = (p: ResolvedProtocol): ResolvedField[] =>
  p.levels.flatMap((l) => l.fields.flatMap((f) => [f, ...(f.kind === 'group' ? f.fields : [])]));

describe('example protocols', () => {
  it('are the four real protocols the project ships', () => {
    expect(codes).toEqual(['amphibiens_mares', 'chiro_gites', 'flore_quadrats', 'oiseaux_points_ecoute']);
  });

  it.each(specs)(
    '$code: its folder name is its code and it compiles without any diagnostic',
    ({ code, spec }) => {
      expect(spec.code).toBe(code);
      expect(spec.$schema).toBe('../../protocol-specs/schema/protocol.schema.json');
      expect(compileProtocol(spec)).toMatchObject({ ok: true, diagnostics: [] });
    },
  );

  it.each(specs)('$code: normalising is idempotent on its canonical form', ({ spec }) => {
    const once = normalise(spec as ProtocolSpec);
    const canonical = toAuthored(once);
    expect(compileProtocol(canonical).diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(toAuthored(normalise(canonical))).toEqual(canonical);
  });

  it('use every field kind between them', () => {
    const used = new Set(compiled.flatMap(everyField).map((f) => f.kind));
    expect(FIELD_KINDS.filter((k) => !used.has(k))).toEqual([]);
  });

  it('use every constraint slot between them', () => {
    const fields = compiled.flatMap(everyField);
    const has = (test: (f: ResolvedField) => boolean) => fields.some(test);
    const slots = {
      requiredLiteral: has((f) => f.required === true && !f.standard),
      requiredRule: has((f) => typeof f.required === 'object'),
      visibleIf: has((f) => f.visibleIf !== undefined && f.fieldSet === undefined),
      fieldSet: has((f) => f.fieldSet !== undefined),
      minLiteral: has((f) => 'min' in f && f.min !== undefined && 'literal' in f.min && !f.standard),
      maxRule: has((f) => 'max' in f && f.max !== undefined && 'rule' in f.max),
      pattern: has((f) => 'pattern' in f && f.pattern !== undefined),
      maxLength: has((f) => 'maxLength' in f && f.maxLength !== undefined && !f.standard),
      defaultLiteral: has((f) => f.default?.kind === 'literal'),
      defaultCode: has((f) => f.default?.kind === 'codes'),
      defaultRule: has((f) => f.default?.kind === 'rule' && !f.standard),
      computed: has((f) => f.computed !== undefined),
      filter: has((f) => 'filter' in f && f.filter !== undefined),
      readOnly: has((f) => f.readOnly && f.computed === undefined),
      multipleVocabulary: has((f) => f.kind === 'vocabulary' && f.multiple),
      fixedTaxon: has((f) => f.kind === 'taxon' && f.fixed !== undefined),
    };
    expect(Object.entries(slots).filter(([, used]) => !used)).toEqual([]);
    expect(compiled.some((p) => p.levels.some((l) => l.parents.length > 1))).toBe(true);
    expect(compiled.some((p) => p.levels.some((l) => l.type === 'custom'))).toBe(true);
    expect(
      compiled.some((p) => p.vocabularies.some((v) => v.values.some((x) => x.broader !== undefined))),
    ).toBe(true);
    expect(compiled.every((p) => p.occurrence !== undefined)).toBe(true);
  });

  it('name only taxa listed in the demo taxa file', () => {
    const demo = new Set(
      readFileSync(new URL('demo-data/taxa.csv', root), 'utf8')
        .trim()
        .split('\n')
        .slice(1)
        .map((line) => Number(line.split(',')[0])),
    );
    const named = compiled.flatMap((p) => [
      ...(p.taxonomy.scope === 'list'
        ? p.taxonomy.taxa
        : p.taxonomy.scope === 'species'
          ? [p.taxonomy.taxon]
          : []),
      ...everyField(p).flatMap((f) => (f.kind === 'taxon' ? [...f.taxa, ...(f.fixed ? [f.fixed] : [])] : [])),
    ]);
    expect(named.filter((cd) => !demo.has(cd))).toEqual([]);
  });
});
