/** The reference-data routes through `app.request`, on both engines, over the example modules and demo data. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runtimeEngines } from '../../test/helpers/engines.ts';
import { signIn } from '../auth/auth.test-helpers.ts';
import type { Database } from '../db/database.ts';
import { DEMO_ACCOUNTS, DEMO_FRAMEWORK, DEMO_ORGANISATIONS } from '../demo/demo-data.ts';
import { EXAMPLES_ROOT, generatedModuleFolders } from '../modules/folders.ts';
import { loadModules } from '../modules/load.ts';
import { loadTaxrefLines } from '../refdata/taxref.ts';
import type { createApp } from './app.ts';
import { buildServerApp } from './build-app.ts';

const FOLDERS = generatedModuleFolders(EXAMPLES_ROOT);

interface Taxon {
  cd_nom: number;
  lb_nom: string;
  nom_vern: string | null;
  accepted: boolean;
}
type Problems = { path: string; code: string; message: string }[];

describe.each(runtimeEngines())('reference-data routes on $name', (engine) => {
  let db: Database;
  let app: ReturnType<typeof createApp>;

  /** A signed-in partner's cookie: users and datasets need an account. */
  let signedIn: Record<string, string> = {};
  const get = async <T>(path: string, status = 200, headers = signedIn): Promise<T> => {
    const response = await app.request(path, { headers });
    expect(response.status, await response.clone().text()).toBe(status);
    return (await response.json()) as T;
  };
  const taxa = async (query: string) => (await get<{ items: Taxon[] }>(`/api/taxa?${query}`)).items;
  const names = async (query: string) => (await taxa(query)).map((t) => t.lb_nom);

  beforeAll(async () => {
    db = await engine.openPrepared('demo');
    const modules = await loadModules(db, FOLDERS);
    // Names to check the order: a synonym and an accepted name of one genus, a vernacular-only match.
    await db.transaction((tx) =>
      loadTaxrefLines(tx, [
        'cd_nom,cd_ref,lb_nom,nom_vern,group2_inpn',
        '9000001,9000002,Sylvia testsynonyma,,Oiseaux',
        '9000002,9000002,Sylvia testvalida,,Oiseaux',
        '9000003,9000003,Fauxgenre sylvianus,Sylviette des tests,Oiseaux',
      ]),
    );
    app = buildServerApp({ db, modules, logError: () => {} });
    signedIn = (await signIn(app, 'partenaire.cen')).headers;
  });

  it('answers anonymous callers nothing personal: users and datasets need an account', async () => {
    for (const path of ['/api/users', `/api/users?ids=${DEMO_ACCOUNTS[2]!.id}`, '/api/datasets']) {
      const problems = await get<Problems>(path, 401, {});
      expect(problems).toMatchObject([{ path: '', code: 'unauthorized' }]);
    }
    // Public reference lists stay open.
    await get('/api/vocabularies/SEXE', 200, {});
    await get('/api/taxa?q=sylvia', 200, {});
  });
  afterAll(async () => db?.close());

  describe('GET /api/taxa', () => {
    it('finds a scientific name from a vernacular-looking prefix, whatever the case', async () => {
      const found = await names('q=pipistrelle&module=chiro_gites');
      expect(found).toEqual(['Pipistrellus kuhlii', 'Pipistrellus pipistrellus']);
      expect(await names('q=PIPIST&module=chiro_gites')).toEqual(found);
    });

    it('finds vernacular names, including a later name of the list ("Crapaud accoucheur")', async () => {
      const found = await taxa('q=crapaud&module=amphibiens_mares');
      expect(found.map((t) => t.lb_nom)).toEqual(['Bufo bufo', 'Alytes obstetricans']);
      expect(found[0]).toMatchObject({ cd_nom: 259, nom_vern: 'Crapaud commun (Le)', accepted: true });
    });

    it('ignores accents both ways and matches a later word of a vernacular name', async () => {
      const plain = await names('q=epe&module=oiseaux_points_ecoute');
      expect(plain).toEqual(['Dendrocopos major']);
      expect(await names(`q=${encodeURIComponent('ÉPE')}&module=oiseaux_points_ecoute`)).toEqual(plain);
      expect(await names(`q=${encodeURIComponent('étour')}&module=oiseaux_points_ecoute`)).toEqual([
        'Sturnus vulgaris',
      ]);
    });

    it('stays within the module’s taxonomy', async () => {
      expect(await names('q=fauvette')).toContain('Sylvia atricapilla');
      expect(await names('q=fauvette&module=oiseaux_points_ecoute')).toContain('Sylvia atricapilla');
      expect(await names('q=fauvette&module=chiro_gites')).toEqual([]);
      expect(await names('q=myotis&module=amphibiens_mares')).toEqual([]);
    });

    it('puts scientific prefixes first, accepted names before synonyms, and honours limit', async () => {
      const found = await names('q=sylvi&module=oiseaux_points_ecoute');
      expect(found).toEqual([
        'Sylvia atricapilla',
        'Sylvia communis',
        'Sylvia testvalida',
        'Sylvia testsynonyma',
        'Fauxgenre sylvianus',
      ]);
      expect(await names('q=sylvi&module=oiseaux_points_ecoute&limit=2')).toEqual(found.slice(0, 2));
      expect(await names('q=myotis%20myotis')).toEqual(['Myotis myotis']);
    });

    it('searches the characters typed: % and _ are no wildcards', async () => {
      expect(await names('q=py%25')).toEqual([]);
      expect(await names('q=m_otis')).toEqual([]);
    });

    it('refuses malformed parameters with 400 and the problem list', async () => {
      for (const query of [
        '',
        'q=a',
        'q=myo&limit=0',
        'q=myo&limit=51',
        'q=myo&limit=abc',
        'q=myo&module=nope',
      ]) {
        const problems = await get<Problems>(`/api/taxa?${query}`, 400);
        expect(problems.length).toBeGreaterThan(0);
        for (const p of problems)
          expect(p).toEqual({
            path: expect.stringMatching(/^\/query\//),
            code: expect.any(String),
            message: expect.any(String),
          });
      }
      const both = await get<Problems>('/api/taxa?limit=99&module=nope', 400);
      expect(both.map((p) => p.path).sort()).toEqual(['/query/limit', '/query/module', '/query/q']);
    });
    it('looks codes up with ?cd_nom=, unknown codes absent, and refuses a malformed list', async () => {
      const found = await taxa('cd_nom=259,9000002,99999999,259');
      expect(found.map((t) => [t.cd_nom, t.lb_nom])).toEqual([
        [259, 'Bufo bufo'],
        [9000002, 'Sylvia testvalida'],
      ]);
      for (const query of [
        'cd_nom=',
        'cd_nom=12,abc',
        `cd_nom=${Array.from({ length: 201 }, (_, i) => i + 1).join(',')}`,
      ]) {
        const problems = await get<Problems>(`/api/taxa?${query}`, 400);
        expect(problems.map((p) => p.path)).toEqual(['/query/cd_nom']);
      }
    });
  });

  describe('GET /api/vocabularies/:type', () => {
    it('lists a protocol vocabulary in the protocol’s order, with labels', async () => {
      const vocabulary = await get<{
        type: string;
        source: string;
        values: { code: string; label: object; broader: null }[];
      }>('/api/vocabularies/CHIRO_ROOST_TYPE');
      expect(vocabulary).toMatchObject({ type: 'CHIRO_ROOST_TYPE', source: 'protocol' });
      expect(vocabulary.values.map((v) => v.code).slice(0, 3)).toEqual(['BUILDING', 'CHURCH', 'CELLAR']);
      expect(vocabulary.values[0]).toEqual({
        code: 'BUILDING',
        label: { fr: 'Bâtiment (combles, grange, maison)', en: 'Building (attic, barn, house)' },
        broader: null,
      });
    });

    it('returns the subset asked for with ?codes=', async () => {
      const subset = await get<{ values: { code: string }[] }>(
        '/api/vocabularies/CHIRO_ROOST_TYPE?codes=MINE,CAVE',
      );
      expect(subset.values.map((v) => v.code)).toEqual(['CAVE', 'MINE']);
      const sinp = await get<{ values: { code: string; definition?: object }[] }>(
        '/api/vocabularies/SEXE?codes=2,3',
      );
      expect(sinp.values.map((v) => v.code)).toEqual(['2', '3']);
    });

    it('answers 404 for an unknown type and 400 for a malformed one or a bad subset', async () => {
      await get<Problems>('/api/vocabularies/NOPE_NOT_A_TYPE', 404);
      await get<Problems>('/api/vocabularies/bad%20type', 400);
      const problems = await get<Problems>('/api/vocabularies/SEXE?codes=2,,3', 400);
      expect(problems[0]?.path).toBe('/query/codes');
    });
  });

  it('refuses a NUL byte in a text parameter with 400 naming it, not 500', async () => {
    // Found by the API fuzz test: PostgreSQL text cannot hold NUL, and the database refused it.
    for (const [path, name] of [
      ['/api/taxa?q=myo%00', 'q'],
      ['/api/vocabularies/SEXE?codes=2%00', 'codes'],
    ]) {
      const problems = await get<Problems>(path ?? '', 400);
      expect(problems).toContainEqual(
        expect.objectContaining({ path: `/query/${name}`, code: 'invalid_character' }),
      );
    }
  });

  describe('GET /api/users', () => {
    it('lists active users with their organisation, never a password hash', async () => {
      const { items } = await get<{ items: { id: string; display_name: string; organisation: unknown }[] }>(
        '/api/users',
      );
      expect(items.length).toBe(DEMO_ACCOUNTS.length);
      const ines = items.find((u) => u.id === DEMO_ACCOUNTS[2]!.id);
      expect(ines).toEqual({
        id: DEMO_ACCOUNTS[2]!.id,
        display_name: 'Inès Chiroptérologue',
        organisation: { id: DEMO_ORGANISATIONS.chiro.id, name: DEMO_ORGANISATIONS.chiro.name },
      });
      expect(JSON.stringify(items)).not.toContain('scrypt');
    });

    it('filters on a part of the name and refuses a bad limit', async () => {
      const { items } = await get<{ items: { display_name: string }[] }>('/api/users?q=garde');
      expect(items.map((u) => u.display_name)).toEqual(['Louis Garde']);
      expect((await get<{ items: unknown[] }>('/api/users?q=%25')).items).toEqual([]);
      await get<Problems>('/api/users?limit=-1', 400);
    });
    it('names given users with ?ids=, inactive ones included, and refuses a malformed list', async () => {
      const wanted = [DEMO_ACCOUNTS[2]!.id, DEMO_ACCOUNTS[1]!.id];
      await db.query('UPDATE suivi.app_user SET active = false WHERE id = $1', [DEMO_ACCOUNTS[2]!.id]);
      try {
        const { items } = await get<{ items: { id: string }[] }>(`/api/users?ids=${wanted.join(',')}`);
        expect(items.map((u) => u.id).sort()).toEqual([...wanted].sort());
        const active = await get<{ items: { id: string }[] }>('/api/users');
        expect(active.items.map((u) => u.id)).not.toContain(DEMO_ACCOUNTS[2]!.id);
      } finally {
        await db.query('UPDATE suivi.app_user SET active = true WHERE id = $1', [DEMO_ACCOUNTS[2]!.id]);
      }
      const problems = await get<Problems>('/api/users?ids=not-a-uuid', 400);
      expect(problems[0]).toMatchObject({ path: '/query/ids', code: 'invalid' });
    });
  });

  describe('GET /api/datasets', () => {
    it('lists the datasets of a module with their framework', async () => {
      const modules = await loadModules(db, FOLDERS);
      const chiro = modules.find((m) => m.code === 'chiro_gites')!;
      const { items } = await get<{
        items: { id: string; name: string; framework: { id: string; name: string } }[];
      }>('/api/datasets?module=chiro_gites');
      expect(items.length).toBeGreaterThan(0);
      for (const id of chiro.protocol.datasets) expect(items.map((d) => d.id)).toContain(id);
      expect(items[0]!.framework).toEqual({ id: DEMO_FRAMEWORK.id, name: DEMO_FRAMEWORK.label });
      const all = await get<{ items: unknown[] }>('/api/datasets');
      expect(all.items.length).toBeGreaterThanOrEqual(items.length);
    });

    it('refuses an unknown module with 400', async () => {
      const problems = await get<Problems>('/api/datasets?module=nope', 400);
      expect(problems[0]).toMatchObject({ path: '/query/module', code: 'unknown_module' });
    });
  });
});
