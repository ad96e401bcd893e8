/**
 * `suivi import-gn` and `suivi export-gn` as a user runs them, called in-process. The corpus protocols
 * are read from ../shared/corpus (copied to a temporary folder for --report, never into the repository).
 */
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CORPUS_PROTOCOLS, corpusSkipReason } from '../geonature/fixtures.test-helpers.ts';
import { cli } from './run-cli.test-helpers.ts';

const temp = mkdtempSync(join(tmpdir(), 'suivi-gn-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

describe('suivi export-gn', () => {
  it('writes a GeoNature folder from a spec, which import-gn reads back', async () => {
    const out = join(temp, 'chiro_gites');
    const exported = await cli('export-gn', 'examples/chiro_gites/protocol.json', '--out', out);
    expect(exported.code).toBe(0);
    expect(exported.stdout).toMatch(/files written/);
    const config = JSON.parse(readFileSync(join(out, 'config.json'), 'utf8'));
    expect(config.tree).toEqual({ module: { site: { visit: { observation: null } } } });
    const visit = JSON.parse(readFileSync(join(out, 'visit.json'), 'utf8'));
    expect(visit.specific.recorder_start.hidden).toBe("({value, meta}) => value.visit_method !== 'ACOUSTIC'");
    const imported = await cli('import-gn', out);
    expect(imported.code).toBe(0);
    expect(JSON.parse(imported.stdout).code).toBe('chiro_gites');
    expect(imported.stderr).toMatch(/rules: (\d+)\/\1 translated/);
  });

  it('refuses an invalid spec', async () => {
    const result = await cli(
      'export-gn',
      'test/fixtures/ten-mistakes.protocol.json',
      '--out',
      join(temp, 'x'),
    );
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/not valid/);
  });
});

const skip = corpusSkipReason();

describe.skipIf(skip !== undefined)('suivi import-gn on the corpus', () => {
  it('prints one protocol as a spec on stdout, warnings and rule verdicts on stderr', async () => {
    const result = await cli('import-gn', join(CORPUS_PROTOCOLS, 'POPAmphibien'));
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).levels.map((l: { key: string }) => l.key)).toEqual([
      'sites_group',
      'site',
      'visit',
      'observation',
    ]);
    expect(result.stderr).toMatch(/observation\.json \/change: untranslated rule: /);
    expect(result.stderr).toMatch(/rules: 19\/20 translated/);
  });

  it('--report checks two protocols end to end and prints the table and totals', async () => {
    const folder = join(temp, 'two');
    for (const name of ['stom', 'suivi_phytosocio'])
      cpSync(join(CORPUS_PROTOCOLS, name), join(folder, name), { recursive: true });
    const result = await cli('import-gn', '--report', folder);
    expect(result.stderr).toBe('');
    const lines = result.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^protocol\s+levels\s+fields\s+rules\s+warnings\s+errors\s+result$/);
    expect(lines.find((l) => l.startsWith('stom'))).toMatch(/18\/18\s+\d+\s+0\s+ok$/);
    expect(lines.at(-1)).toBe(
      'protocols: 2/2 ok, rules: 23/24 translated (1 built into Suivi, 1 need a human), 0 source bug(s) found',
    );
    expect(result.code).toBe(0);
  }, 120_000);

  it('--report over the whole corpus: 34/34 ok, at least 97% of the rules translated', async () => {
    const started = Date.now();
    const result = await cli('import-gn', '--report', CORPUS_PROTOCOLS);
    const totals = /protocols: (\d+)\/(\d+) ok, rules: (\d+)\/(\d+) translated/.exec(
      result.stdout.trim().split('\n').at(-1) ?? '',
    );
    console.info(`corpus report in ${((Date.now() - started) / 1000).toFixed(1)} s: ${totals?.[0]}`);
    expect(totals?.slice(1, 3)).toEqual(['34', '34']);
    expect(Number(totals?.[3]) / Number(totals?.[4])).toBeGreaterThanOrEqual(0.97);
    expect(result.code).toBe(0);
  }, 180_000);
});
