/**
 * export-gn then import-gn gives back an equivalent spec (same levels, fields, kinds, rules: see
 * equivalent.ts), for every example protocol and every corpus protocol; and what export-gn writes is
 * JavaScript GeoNature can read (checked with TypeScript's parser, never run).
 */
import { readFileSync } from 'node:fs';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { EXAMPLE_CODES } from '../../test/helpers/examples.ts';
import { equivalentSpecs } from './equivalent.ts';
import { exportGeoNatureProtocol } from './export/export-protocol.ts';
import { CORPUS_PROTOCOLS, corpusNames, corpusSkipReason } from './fixtures.test-helpers.ts';
import { readProtocolFolder } from './folder-io.ts';
import { importGeoNatureFolder } from './import/import-protocol.ts';
import { looksLikeJs } from './js/arrow.ts';
import type { ProtocolFolder } from './model.ts';

const exampleSpec = (code: string): unknown =>
  JSON.parse(readFileSync(new URL(`../../examples/${code}/protocol.json`, import.meta.url), 'utf8'));

function roundTrip(spec: unknown, name: string) {
  const { folder } = exportGeoNatureProtocol(spec);
  const back = importGeoNatureFolder(folder, name);
  return { folder, back, equivalence: equivalentSpecs(spec, back.spec) };
}

/** Every rule string of the folder parses as JavaScript (a syntax error would break GeoNature's eval). */
function syntaxErrors(folder: ProtocolFolder): string[] {
  const errors: string[] = [];
  const visit = (v: unknown, where: string) => {
    if (typeof v === 'string' && looksLikeJs(v)) {
      const out = ts.transpileModule(`const rule = ${v};`, {
        reportDiagnostics: true,
        compilerOptions: { allowJs: true },
      });
      for (const d of out.diagnostics ?? [])
        errors.push(`${where}: ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}: ${v}`);
    } else if (Array.isArray(v)) {
      for (const [i, x] of v.entries()) visit(x, `${where}/${i}`);
    } else if (typeof v === 'object' && v !== null)
      for (const [k, x] of Object.entries(v)) visit(x, `${where}/${k}`);
  };
  for (const [path, text] of Object.entries(folder)) visit(JSON.parse(text), path);
  return errors;
}

describe('round trip through GeoNature: the example protocols', () => {
  it.each(EXAMPLE_CODES)('%s', (code) => {
    const { folder, back, equivalence } = roundTrip(exampleSpec(code), code);
    expect(equivalence.differences).toEqual([]);
    expect(syntaxErrors(folder)).toEqual([]);
    // What the GeoNature files say in JavaScript comes back as rules, none lost.
    expect(back.report.untranslated).toEqual([]);
  });
});

const skip = corpusSkipReason();

describe.skipIf(skip !== undefined)('round trip through GeoNature: the corpus protocols', () => {
  it.each(corpusNames())('%s', async (name) => {
    const imported = importGeoNatureFolder(await readProtocolFolder(`${CORPUS_PROTOCOLS}${name}`), name);
    const { folder, back, equivalence } = roundTrip(imported.spec, name);
    expect(equivalence.differences).toEqual([]);
    expect(syntaxErrors(folder)).toEqual([]);
    expect(back.report.untranslated).toEqual([]);
  });
});

describe('equivalentSpecs', () => {
  const spec = exampleSpec('amphibiens_mares') as {
    levels: Array<{ fields: Array<Record<string, unknown>> }>;
  };

  it('holds for a spec and itself, and tells a changed rule apart', () => {
    expect(equivalentSpecs(spec, spec).equivalent).toBe(true);
    const changed = structuredClone(spec);
    const field = changed.levels[2]?.fields.find((f) => typeof f.visibleIf === 'string') as Record<
      string,
      unknown
    >;
    field.visibleIf = `!(${String(field.visibleIf)})`;
    const result = equivalentSpecs(spec, changed);
    expect(result.equivalent).toBe(false);
    expect(result.differences.join('\n')).toMatch(/visibleIf/);
  });

  it("reads x in l as includes(l, x), and parent.x as the parent's key", () => {
    const base = { code: 'eq', version: 1, label: 'E', taxonomy: { scope: 'all' } };
    const levels = (rule: string) => [
      {
        id: 'l.s',
        key: 'site',
        type: 'custom',
        label: 'S',
        fields: [{ kind: 'choice', id: 'f.a', key: 'a', choices: ['x', 'y'] }],
      },
      {
        id: 'l.v',
        key: 'visit',
        type: 'custom',
        label: 'V',
        parents: ['site'],
        fields: [{ kind: 'text', id: 'f.b', key: 'b', visibleIf: rule }],
      },
    ];
    expect(
      equivalentSpecs(
        { ...base, levels: levels("parent.a in ['x']") },
        { ...base, levels: levels("includes(['x'], site.a)") },
      ).equivalent,
    ).toBe(true);
  });
});
