/**
 * The 34 real protocols of ../shared/corpus: every one converts to a spec that validates with no error,
 * and at least 97% of their JavaScript rules are translated. Read from the corpus at run time.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { validateSpec } from '../../protocol-specs/index.ts';
import { CORPUS_PROTOCOLS, corpusNames, corpusSkipReason } from './fixtures.test-helpers.ts';
import { readProtocolFolder } from './folder-io.ts';
import { importGeoNatureFolder } from './import/import-protocol.ts';
import type { ImportResult } from './model.ts';

const skip = corpusSkipReason();
const results = new Map<string, ImportResult>();

describe.skipIf(skip !== undefined)('the GeoNature corpus', () => {
  beforeAll(async () => {
    for (const name of corpusNames()) {
      results.set(name, importGeoNatureFolder(await readProtocolFolder(`${CORPUS_PROTOCOLS}${name}`), name));
    }
  });

  it('has its 34 protocols', () => {
    expect(results.size).toBe(34);
  });

  it.each(corpusNames())('%s converts to a valid spec', (name) => {
    const result = results.get(name) as ImportResult;
    expect(validateSpec(result.spec).filter((d) => d.severity === 'error')).toEqual([]);
    // Every rule has a verdict; an untranslated one always says why.
    for (const u of result.report.untranslated) expect(u.reason).not.toBe('');
  });

  it('translates at least 97% of the JavaScript rules', () => {
    const all = [...results.values()].map((r) => r.report.rules);
    const translated = all.reduce((n, r) => n + r.translated, 0);
    const builtIn = all.reduce((n, r) => n + r.builtIn, 0);
    const total = all.reduce((n, r) => n + r.total, 0);
    const ratio = translated / total;
    console.info(
      `corpus rules: ${translated}/${total} translated (${(ratio * 100).toFixed(1)}%), of which ${builtIn} built into Suivi; ` +
        `as Suivi rules or keys: ${translated - builtIn}/${total} (${(((translated - builtIn) / total) * 100).toFixed(1)}%)`,
    );
    expect(total).toBe(298);
    expect(ratio).toBeGreaterThanOrEqual(0.97);
  });

  it('reports what it leaves untranslated with its file, path and source', () => {
    const untranslated = [...results.entries()].flatMap(([name, r]) =>
      r.report.untranslated.map((u) => ({ name, ...u })),
    );
    expect(untranslated.map((u) => `${u.name}/${u.file}${u.path}`).sort()).toEqual([
      'POPAmphibien/observation.json/change',
      'POPReptile/observation.json/change',
      'petite_chouette_montagne/observation.json/change',
      'suivi_phytosocio/visit.json/change',
    ]);
  });
});
