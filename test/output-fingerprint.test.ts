/**
 * GENERATOR_VERSION is enforced: the committed fingerprint of the examples' generated output is the
 * current one (npm run gen refreshes it, and refuses to when the output changed for the same specs
 * without a version bump: builder/fingerprint/output-fingerprint.ts).
 */
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../builder/cli/run-cli.test-helpers.ts';
import {
  BUMP_MESSAGE,
  currentFingerprint,
  exampleModules,
  FINGERPRINT_PATH,
  type OutputFingerprint,
  readFingerprint,
  verdict,
} from '../builder/fingerprint/output-fingerprint.ts';
import { GENERATOR_VERSION } from '../generators/core/manifest.ts';

describe('generator output fingerprint', () => {
  it(`${FINGERPRINT_PATH} is the fingerprint of the committed examples under GENERATOR_VERSION`, () => {
    const recorded = readFingerprint(REPO_ROOT);
    const current = currentFingerprint(REPO_ROOT, GENERATOR_VERSION);
    const decided = verdict(recorded, current);
    const explain =
      decided.kind === 'bump'
        ? BUMP_MESSAGE
        : `${FINGERPRINT_PATH} is stale: run \`npm run gen\` (it regenerates the examples and refreshes it; when a generator changed its output for the same specs, bump GENERATOR_VERSION first: the refresh refuses otherwise).`;
    expect(decided.kind, explain).toBe('same');
  });

  it('covers every example module folder, the extension demo’s and the evolution example’s too', () => {
    const specs = exampleModules(REPO_ROOT).map((m) => m.spec.slice(REPO_ROOT.length));
    expect(specs).toEqual([
      'examples/amphibiens_mares/protocol.json',
      'examples/chiro_gites/protocol.json',
      'examples/evolution/papillons_transects/protocol.json',
      'examples/extension-demo/nichoirs/protocol.json',
      'examples/flore_quadrats/protocol.json',
      'examples/oiseaux_points_ecoute/protocol.json',
    ]);
  });

  const recorded: OutputFingerprint = { generatorVersion: '1.0.0', specs: 'S', output: 'O' };
  it.each([
    ['nothing changed', recorded, 'same'],
    ['the output changed, not the specs nor the version', { ...recorded, output: 'O2' }, 'bump'],
    [
      'the output changed with the version',
      { ...recorded, generatorVersion: '1.1.0', output: 'O2' },
      'refresh',
    ],
    ['the output changed with the specs', { ...recorded, specs: 'S2', output: 'O2' }, 'refresh'],
  ] as const)('verdict: %s → %s', (_, current, expected) => {
    expect(verdict(recorded, current).kind).toBe(expected);
  });

  it('verdict: no fingerprint yet → refresh', () => {
    expect(verdict(undefined, recorded).kind).toBe('refresh');
  });
});
