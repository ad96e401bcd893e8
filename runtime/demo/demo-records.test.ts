/**
 * The demo records of the four example modules, on both engines: every one passes the API's validation
 * and is created as its owner, level by level as in the files; both organisations own some; the map of
 * each top level has features; every record gets a random id, none of the file's; a second seed adds
 * nothing and never brings back a deleted record; a refused record fails the seed, names itself and
 * leaves its module empty.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runtimeEngines } from '../../test/helpers/engines.ts';
import { signIn } from '../auth/auth.test-helpers.ts';
import { type Database, qualified } from '../db/database.ts';
import { EXAMPLES_ROOT, generatedModuleFolders } from '../modules/folders.ts';
import { loadModules, type ModuleRuntime } from '../modules/load.ts';
import { prepareModule } from '../records/model/module-plan.ts';
import { recordOperations } from '../records/operations.ts';
import { createApp } from '../server/app.ts';
import { DEMO_ACCOUNTS, DEMO_ORGANISATIONS } from './demo-data.ts';
import { type DemoRecordsSeed, seedDemoRecords } from './demo-records.ts';
import { type DemoRecord, hasDemoRecords, readDemoRecords } from './demo-records-file.ts';

const FOLDERS = generatedModuleFolders(EXAMPLES_ROOT);
const CODES = ['amphibiens_mares', 'chiro_gites', 'flore_quadrats', 'oiseaux_points_ecoute'];
const accountOf = (login: string) => DEMO_ACCOUNTS.find((a) => a.login === login)!;

/** One field per module that only a condition shows, and the demo has filled. */
const CONDITIONAL: Readonly<Record<string, readonly [level: string, column: string]>> = {
  amphibiens_mares: ['visit', 'inaccessible_reason'],
  chiro_gites: ['observation', 'count_total_max'],
  flore_quadrats: ['observation', 'sample_code'],
  oiseaux_points_ecoute: ['visit', 'habitat_notes'],
};

describe.each(runtimeEngines())('demo records on $name', (engine) => {
  let db: Database;
  let modules: readonly ModuleRuntime[];
  const files = new Map<string, DemoRecord[]>();
  let seed: DemoRecordsSeed;
  /** The id the seed gave the record the file calls `fileId`. */
  const given = (code: string, fileId: unknown) => seed.ids[code]!.get(String(fileId))!;
  const moduleOf = (code: string) => modules.find((m) => m.code === code)!;
  const planOf = (m: ModuleRuntime) =>
    prepareModule(m.protocol, m.model, Object.fromEntries(m.levels.map((l) => [l.key, l.forms.schema])));
  const count = async (code: string, level: string, where = 'TRUE', params: unknown[] = []) =>
    (
      await db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM ${qualified(code, level)} WHERE ${where}`,
        params,
      )
    ).rows[0]!.n;

  beforeAll(async () => {
    db = await engine.openPrepared('demo');
    modules = await loadModules(db, FOLDERS);
    for (const module of modules) if (hasDemoRecords(module)) files.set(module.code, readDemoRecords(module));
  }, 180_000);
  afterAll(async () => {
    await db?.close();
  });

  it('refuses a wrong record loudly, naming it, and leaves the module empty', async () => {
    const chiro = moduleOf('chiro_gites');
    const root = mkdtempSync(join(tmpdir(), 'suivi-demo-'));
    try {
      const [site] = files.get('chiro_gites')!;
      const { roost_type: _dropped, ...noRoostType } = site!.record;
      const broken = { ...noRoostType, id: 'de310000-0000-4000-8000-999999999999' };
      mkdirSync(join(root, 'demo'));
      writeFileSync(
        join(root, 'demo', 'records.json'),
        JSON.stringify({ records: [site, { level: 'site', owner: site!.owner, record: broken }] }),
      );
      const fake = { ...chiro, folder: join(root, 'generated') };
      await expect(seedDemoRecords(db, [fake])).rejects.toThrow(
        /chiro_gites\/demo\/records\.json: site de310000-0000-4000-8000-999999999999 refused: \/roost_type required/,
      );
      expect(await count('chiro_gites', 'site')).toBe(0);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('creates every record of every file through the validation, as its owner', async () => {
    seed = await seedDemoRecords(db, modules);
    expect(Object.keys(seed.created).sort()).toEqual(CODES);
    for (const code of CODES) {
      const records = files.get(code)!;
      expect(seed.created[code]).toBe(records.length);
      for (const level of moduleOf(code).protocol.levels) {
        const mine = records.filter((r) => r.level === level.key);
        expect(await count(code, level.key), `${code}.${level.key}`).toBe(mine.length);
        for (const login of new Set(mine.map((r) => r.owner))) {
          const ids = mine.filter((r) => r.owner === login).map((r) => given(code, r.record.id));
          const account = accountOf(login);
          expect(
            await count(
              code,
              level.key,
              'id = ANY($1::uuid[]) AND created_by = $2 AND organisation_id = $3',
              [ids, account.id, account.organisationId],
            ),
          ).toBe(ids.length);
        }
      }
    }
  });

  it('gives records to both organisations and shows a conditional field in every module', async () => {
    for (const code of CODES) {
      for (const organisation of Object.values(DEMO_ORGANISATIONS)) {
        const top = moduleOf(code).protocol.levels.filter((l) => l.parents.length === 0);
        let owned = 0;
        for (const level of top)
          owned += await count(code, level.key, 'organisation_id = $1', [organisation.id]);
        expect(owned, `${code}: ${organisation.name}`).toBeGreaterThan(0);
      }
      const [level, column] = CONDITIONAL[code]!;
      expect(await count(code, level, `${column} IS NOT NULL`), `${code}.${level}.${column}`).toBeGreaterThan(
        0,
      );
    }
  });

  it("serves each partner the map of its organisation's top-level records, and only those", async () => {
    const app = createApp({ db, modules, logError: () => {} });
    for (const login of ['partenaire.cen', 'partenaire.chiro']) {
      const partner = await signIn(app, login);
      const organisationId = accountOf(login).organisationId;
      for (const code of CODES) {
        const level = moduleOf(code).protocol.levels.find(
          (l) => l.parents.length === 0 && l.geometry.kind !== 'none',
        )!;
        const res = await partner.call('GET', `/api/modules/${code}/${level.key}.geojson`);
        expect(res.status).toBe(200);
        const ids = (res.json.features as { properties: { id: string } }[]).map((f) => f.properties.id);
        const expected = files
          .get(code)!
          .filter((r) => r.level === level.key && accountOf(r.owner).organisationId === organisationId)
          .map((r) => given(code, r.record.id));
        expect(ids.length, `${code}.${level.key} for ${login}`).toBeGreaterThan(0);
        expect(ids.sort()).toEqual(expected.sort());
      }
    }
  });

  it('gives every record a random UUID, none of the file’s, and keeps the links between them', async () => {
    const v4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
    const all = CODES.flatMap((code) => [...seed.ids[code]!.values()]);
    expect(all.length).toBe(CODES.reduce((n, code) => n + files.get(code)!.length, 0));
    expect(new Set(all).size).toBe(all.length);
    for (const id of all) expect(id).toMatch(v4);
    const fileIds = new Set(CODES.flatMap((code) => files.get(code)!.map((r) => String(r.record.id))));
    expect(all.filter((id) => fileIds.has(id))).toEqual([]);
    // Two records next to each other in a file are not next to each other in the database.
    const sites = files.get('flore_quadrats')!.filter((r) => r.level === 'site');
    const [a, b] = sites.map((r) => BigInt(`0x${given('flore_quadrats', r.record.id).replaceAll('-', '')}`));
    expect(b! - a! === 1n || a! - b! === 1n).toBe(false);
    // Parent links and references name the new ids: a managed quadrat's control quadrat, its group.
    const managed = sites.find((r) => typeof r.record.control_quadrat === 'string')!;
    const { rows } = await db.query<{ sites_group_id: string; control_quadrat: string }>(
      'SELECT sites_group_id::text, control_quadrat::text FROM flore_quadrats.site WHERE id = $1',
      [given('flore_quadrats', managed.record.id)],
    );
    expect(rows[0]).toEqual({
      sites_group_id: given('flore_quadrats', managed.record.sites_group_id),
      control_quadrat: given('flore_quadrats', managed.record.control_quadrat),
    });
  });

  it('adds nothing the second time, and never brings back a deleted demo record', async () => {
    const [observation] = files.get('amphibiens_mares')!.filter((r) => r.level === 'observation');
    const operations = recordOperations({
      db,
      modules: new Map([['amphibiens_mares', planOf(moduleOf('amphibiens_mares'))]]),
    });
    const removed = given('amphibiens_mares', observation!.record.id);
    await operations.remove({ module: 'amphibiens_mares', level: 'observation', id: removed });
    const before = await count('amphibiens_mares', 'observation');
    expect((await seedDemoRecords(db, modules)).created).toEqual({});
    expect(await count('amphibiens_mares', 'observation')).toBe(before);
    expect(await count('amphibiens_mares', 'observation', 'id = $1', [removed])).toBe(0);
  });
});
