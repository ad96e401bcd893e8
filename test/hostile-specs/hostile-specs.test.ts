/**
 * A spec that validates installs. The example protocols, edited as a hostile or careless author would
 * (mutations.ts: NUL characters and lone surrogates anywhere, keys and codes as long as names allow,
 * reserved words, codes differing only by case, numbers beyond integer and numeric ranges, regular
 * expressions PostgreSQL may not read, calendar edges…), must either be refused by the validator with a
 * diagnostic, or generate a module whose SQL installs, on PGlite and on PostgreSQL when DATABASE_URL is
 * set. A fixed seed and a bounded count keep it reproducible and under a minute per engine.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateModule } from '../../generators/module.ts';
import { compileProtocol } from '../../protocol-specs/index.ts';
import { deepFreeze } from '../../protocol-specs/util/deep-freeze.ts';
import type { Database } from '../../runtime/db/database.ts';
import { migrate } from '../../runtime/db/migrate.ts';
import { installModule } from '../../runtime/modules/install.ts';
import { runtimeEngines } from '../helpers/engines.ts';
import { EXAMPLE_CODES, exampleSpec } from '../helpers/examples.ts';
import { type Json, MUTATIONS } from './mutations.ts';

/** Frozen: a mutation that edits its input instead of a copy throws. */
const SPECS = new Map(
  EXAMPLE_CODES.map((code) => [code, deepFreeze(exampleSpec(code) as { [key: string]: Json })]),
);

type Outcome =
  | { readonly refused: readonly string[] }
  | { readonly installed: string }
  | { readonly failed: string; readonly error: string };

/** Validate, and when the spec passes: generate the module folder and install it. */
async function tryInstall(db: Database, spec: unknown): Promise<Outcome> {
  const compiled = compileProtocol(spec);
  if (!compiled.ok) {
    return { refused: compiled.diagnostics.filter((d) => d.severity === 'error').map((d) => d.rule) };
  }
  let files: Awaited<ReturnType<typeof generateModule>>;
  try {
    files = await generateModule(compiled.protocol, { specPath: 'hostile/protocol.json' });
  } catch (error) {
    return { failed: 'generate', error: (error as Error).message };
  }
  const folder = mkdtempSync(join(tmpdir(), 'suivi-hostile-'));
  try {
    for (const file of files) {
      mkdirSync(dirname(join(folder, file.path)), { recursive: true });
      writeFileSync(join(folder, file.path), file.contents);
    }
    const result = await installModule(db, folder);
    return { installed: result.status };
  } catch (error) {
    return { failed: 'install', error: (error as Error).message };
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

describe.each(runtimeEngines())('hostile specs on $name', (engine) => {
  let db: Database;
  beforeAll(async () => {
    db = await engine.open();
    await migrate(db);
  });
  afterAll(async () => db?.close());

  it('installs the examples as they are', async () => {
    for (const spec of SPECS.values()) expect(await tryInstall(db, spec)).toHaveProperty('installed');
  });

  it('refuses the probe’s case: a text default rule whose literal is a NUL character', async () => {
    const spec = structuredClone(SPECS.get('chiro_gites')!) as { levels: { fields: Json[] }[] };
    spec.levels[0]!.fields.push({
      id: 'roost.nul_note',
      key: 'nul_note',
      kind: 'text',
      label: 'Note',
      default: { rule: "'\u0000'" },
    });
    expect(await tryInstall(db, spec)).toEqual({ refused: ['text-storable'] });
  });

  it('either refuses a mutated spec with a diagnostic, or installs it', async () => {
    const seen = { refused: 0, installed: 0 };
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...EXAMPLE_CODES),
        fc.constantFrom(...MUTATIONS),
        fc.nat({ max: 100_000 }),
        async (code, mutation, at) => {
          const spec = mutation.apply(SPECS.get(code)!, at);
          fc.pre(spec !== undefined);
          const outcome = await tryInstall(db, spec);
          if ('failed' in outcome) {
            throw new Error(
              `${mutation.name} (${code}, at ${at}): validates, then ${outcome.failed} fails: ${outcome.error}`,
            );
          }
          if ('refused' in outcome) {
            expect(outcome.refused.length).toBeGreaterThan(0);
            seen.refused++;
          } else seen.installed++;
        },
      ),
      { seed: 1717, numRuns: 40, endOnFailure: true },
    );
    // Both answers happen: the mutations are neither all harmless nor all refused.
    expect(seen.refused).toBeGreaterThan(0);
    expect(seen.installed).toBeGreaterThan(0);
  }, 300_000);
});
