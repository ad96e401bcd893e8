/**
 * The worked example of docs/migrations.md (examples/evolution/): butterfly transects at version 1, then
 * version 2 after a season (a label fixed, a field added, a field renamed under its id, a wind code added
 * and one removed with a `map` resolution, a temperature minimum raised with an `archive` resolution).
 *
 * - the committed v2 folder is what `npm run gen:evolution-example` makes from the two specs and the
 *   resolutions file (v1 generated, then v2 over it): byte for byte;
 * - on both engines: v1 installed from a folder generated here, records entered, then the committed v2
 *   folder upgrades it: every value where the plan says, the archive holding what left, the schema
 *   equal to a fresh install of v2.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, REPO_ROOT } from '../builder/cli/run-cli.test-helpers.ts';
import type { ResolvedProtocol } from '../protocol-specs/index.ts';
import type { Database } from '../runtime/db/database.ts';
import { installModule } from '../runtime/modules/install.ts';
import { upgradeModule } from '../runtime/modules/upgrade.ts';
import { runtimeEngines } from './helpers/engines.ts';
import { freshSchemaSnapshot, schemaSnapshot } from './helpers/schema-snapshot.ts';

const V1_SPEC = 'examples/evolution/v1/protocol.json';
const V2_SPEC = 'examples/evolution/papillons_transects/protocol.json';
const V2_FOLDER = join(REPO_ROOT, 'examples/evolution/papillons_transects/generated');
const S = 'papillons_transects';

const temp = mkdtempSync(join(tmpdir(), 'suivi-evolution-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

const files = (dir: string): Record<string, string> => {
  const found: Record<string, string> = {};
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const path = join(d, name);
      if (statSync(path).isDirectory()) walk(path);
      else found[relative(dir, path)] = readFileSync(path, 'utf8');
    }
  };
  walk(dir);
  return found;
};

/** The v1 folder, generated once for the file. */
let v1Folder: string;
beforeAll(async () => {
  v1Folder = join(temp, 'v1');
  const result = await cli('generate', V1_SPEC, '--out', v1Folder);
  expect(result.stderr).toBe('');
});

describe('examples/evolution', () => {
  it('its committed v2 folder is v1 generated, then v2 over it with the resolutions file', async () => {
    const out = join(temp, 'rebuilt');
    expect((await cli('generate', V1_SPEC, '--out', out)).code).toBe(0);
    const v2 = await cli('generate', V2_SPEC, '--out', out);
    expect(v2.stderr).toBe('');
    const rebuilt = files(out);
    expect(Object.keys(rebuilt)).toContain('migrations/0002-v1-to-v2.json');
    expect(rebuilt).toEqual(files(V2_FOLDER));
    const plan = JSON.parse(rebuilt['migrations/0002-v1-to-v2.json'] ?? '{}') as {
      steps: Array<{ id: string; class: string; resolved?: unknown }>;
    };
    expect(plan.steps.filter((s) => s.resolved).map((s) => s.id)).toEqual([
      'passage.wind.values',
      'passage.temperature.min',
    ]);
    expect(plan.steps.filter((s) => s.class === 'destructive')).toEqual([]);
  });
});

const TRANSECT = '00000000-0000-4000-8000-0000000000a1';
const WALKS = [
  '00000000-0000-4000-8000-0000000000b1',
  '00000000-0000-4000-8000-0000000000b2',
  '00000000-0000-4000-8000-0000000000b3',
] as const;
const TAXA = [990001, 990002];

describe.each(runtimeEngines())('the evolution example on $name', (engine) => {
  let db: Database;
  beforeAll(async () => {
    db = await engine.openPrepared('migrated');
  });
  afterAll(async () => {
    await db?.close();
  });
  const rows = async (sql: string, params: unknown[] = []) => (await db.query(sql, params)).rows;

  it('upgrades v1 with records to the committed v2: values kept, mapped, renamed or archived', async () => {
    expect((await installModule(db, v1Folder)).status).toBe('installed');
    await db.query(
      "INSERT INTO ref.taxon (cd_nom, lb_nom, group2_inpn) SELECT n, 'Taxon ' || n, 'Insectes' FROM unnest($1::int[]) AS n ON CONFLICT DO NOTHING",
      [TAXA],
    );
    await db.query(
      `INSERT INTO ${S}.transect (id, base_site_name, habitat, length_m) VALUES ($1, 'Prairie du Bois', 'prairie', 850)`,
      [TRANSECT],
    );
    await db.query(
      `INSERT INTO ${S}.passage (id, transect_id, visit_date_min, temperature, wind, cloud_cover) VALUES
        ($1, $4, '2026-05-12', 21.5, 'CALME', 10), ($2, $4, '2026-06-03', 6.5, 'MODERE', 80), ($3, $4, '2026-07-01', 27, 'MODERE', NULL)`,
      [...WALKS, TRANSECT],
    );
    await db.query(
      `INSERT INTO ${S}.observation (passage_id, cd_nom, count) VALUES ($1, $3, 4), ($2, $3, 1), ($2, $4, 12)`,
      [WALKS[0], WALKS[2], TAXA[0], TAXA[1]],
    );

    const report = await upgradeModule(db, V2_FOLDER);
    expect(report).toMatchObject({ code: S, from: 1, to: 2, status: 'upgraded' });
    expect(report.steps.find((s) => s.id === 'passage.wind.values')).toMatchObject({ ok: true, rows: 0 });

    expect(
      await rows(
        `SELECT id, temperature::text AS t, wind, cloud_cover_pct, start_time FROM ${S}.passage ORDER BY id`,
      ),
    ).toEqual([
      { id: WALKS[0], t: '21.5', wind: 'CALME', cloud_cover_pct: 10, start_time: null },
      { id: WALKS[1], t: null, wind: 'FAIBLE', cloud_cover_pct: 80, start_time: null },
      { id: WALKS[2], t: '27', wind: 'FAIBLE', cloud_cover_pct: null, start_time: null },
    ]);
    expect(
      await rows(
        `SELECT record_id, value::text AS value FROM suivi_archive.${S}__v1__passage__temperature__min`,
      ),
    ).toEqual([{ record_id: WALKS[1], value: '6.5' }]);
    expect(await rows(`SELECT count(*)::int AS n, sum(count)::int AS total FROM ${S}.observation`)).toEqual([
      { n: 3, total: 17 },
    ]);
    expect(
      await rows(
        `SELECT col_description('${S}.transect'::regclass, attnum) AS label FROM pg_attribute WHERE attrelid = '${S}.transect'::regclass AND attname = 'length_m'`,
      ),
    ).toEqual([{ label: expect.stringMatching(/^Longueur/) }]);
    // New writes follow v2: the removed code and a temperature under the new minimum are refused.
    await expect(
      db.query(`UPDATE ${S}.passage SET temperature = 8 WHERE id = $1`, [WALKS[0]]),
    ).rejects.toThrow(/temperature__min/);
    await db.query(`UPDATE ${S}.passage SET wind = 'RAFALES', start_time = '10:30' WHERE id = $1`, [
      WALKS[0],
    ]);

    const protocol = (
      JSON.parse(readFileSync(join(V2_FOLDER, 'ir/protocol.resolved.json'), 'utf8')) as {
        protocol: ResolvedProtocol;
      }
    ).protocol;
    expect(await schemaSnapshot(db, S)).toEqual(await freshSchemaSnapshot(db, protocol));
    expect(await rows('SELECT spec_version FROM suivi.module WHERE code = $1', [S])).toEqual([
      { spec_version: 2 },
    ]);
  });
});
