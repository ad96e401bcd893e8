/**
 * The SINP export and conformity check through the server's app on the demo database, both engines:
 * the standard's field names, the metadata UUIDs, diffusion and sensitivity per dataset, the scope, and a row
 * made non-conforming on purpose being reported with its field and reason.
 */
import type { Hono } from 'hono';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runtimeEngines } from '../../../test/helpers/engines.ts';
import { type Caller, serverApp, signIn } from '../../auth/auth.test-helpers.ts';
import type { Database } from '../../db/database.ts';
import { DEMO_ORGANISATIONS } from '../../demo/demo-data.ts';
import { seedDemoRecords } from '../../demo/demo-records.ts';
import { EXAMPLES_ROOT, generatedModuleFolders } from '../../modules/folders.ts';
import { loadModules } from '../../modules/load.ts';
import { recordsDb } from '../../records/sql/dynamic.ts';
import { rowProblems } from './sinp-check.ts';
import { SINP_FIELDS } from './sinp-fields.ts';

const BASE = '/api/exports/chiro_gites/sinp';

async function body(who: Caller, app: Hono, path: string) {
  const res = await app.request(path, { headers: who.headers });
  return { status: res.status, text: await res.text() };
}

const rowsOf = (csv: string) =>
  csv
    .split('\r\n')
    .filter((l) => l !== '')
    .map((l) => l.split(','));

async function diffusable(db: Database, organisation?: string): Promise<number> {
  const where = organisation ? sql`WHERE organisation_id = ${organisation}::uuid` : sql``;
  const { rows } = await sql<{
    n: number;
  }>`SELECT count(*)::int AS n FROM chiro_gites.v_occurrence_sinp ${where}`.execute(recordsDb(db));
  return rows[0]?.n ?? 0;
}

describe('rowProblems', () => {
  it('names each missing mandatory field and each broken rule', () => {
    const values: (string | number | null)[] = SINP_FIELDS.map((f) => (f.mandatory ? 'x' : null));
    const at = (name: string) => SINP_FIELDS.findIndex((f) => f.name === name);
    values[at('observateur')] = null;
    values[at('dateDebut')] = '2025-06-02';
    values[at('dateFin')] = '2025-06-01';
    values[at('cdNom')] = 60479;
    const found = rowProblems({ id: 'a', values, geometry: null, box: null });
    expect(found.map((p) => `${p.field} ${p.code}`)).toEqual([
      'observateur missing',
      'dateFin date-order',
      'cdNom taxon-unknown',
    ]);
    expect(found[0]?.reason).toEqual({ fr: 'champ obligatoire vide', en: 'mandatory field is empty' });
  });
});

describe.each(runtimeEngines())('SINP export on $name', (engine) => {
  let db: Database;
  let app: Hono;
  let admin: Caller;
  let chiro: Caller;

  beforeAll(async () => {
    ({ db, app } = await serverApp(engine));
    const folders = generatedModuleFolders(EXAMPLES_ROOT).filter((f) => f.includes('chiro_gites'));
    await seedDemoRecords(db, await loadModules(db, folders));
    [admin, chiro] = [await signIn(app, 'admin'), await signIn(app, 'partenaire.chiro')];
  });
  afterAll(async () => db?.close());

  it('exports the standard’s fields, the metadata UUIDs, diffusion level and sensitivity', async () => {
    const res = await body(admin, app, BASE);
    expect(res.status).toBe(200);
    const [header] = rowsOf(res.text);
    expect(header).toEqual(SINP_FIELDS.map((f) => f.name));
    expect(header).toEqual(
      expect.arrayContaining([
        'idSINPOccTax',
        'cdNom',
        'nomCite',
        'dateDebut',
        'dateFin',
        'statutObservation',
        'idSINPJdd',
        'cadreAcquisitionId',
        'organismeGestionnaireDonnee',
        'dEEDateTransformation',
        'diffusionNiveauPrecision',
        'sensiNiveau',
      ]),
    );
    const features = JSON.parse((await body(admin, app, `${BASE}?format=geojson`)).text).features;
    expect(features.length).toBe(await diffusable(db));
    const { rows: datasets } = await sql<{
      id: string;
      af: string;
    }>`SELECT id::text, acquisition_framework_id::text AS af FROM suivi.dataset`.execute(recordsDb(db));
    const first = features[0].properties;
    const dataset = datasets.find((d) => d.id === first.idSINPJdd);
    expect(dataset).toBeDefined();
    expect(first.cadreAcquisitionId).toBe(dataset?.af);
    // With the national registry's UUIDs set, those are exported instead of Suivi's ids.
    const registry = {
      jdd: '0a8c2f4e-5b6d-4e7f-8a9b-0c1d2e3f4a5b',
      af: '1b9d3a5f-6c7e-4f80-9bac-1d2e3f4a5b6c',
    };
    await sql`UPDATE suivi.dataset SET sinp_uuid = ${registry.jdd}::uuid WHERE id = ${dataset?.id}::uuid`.execute(
      recordsDb(db),
    );
    await sql`UPDATE suivi.acquisition_framework SET sinp_uuid = ${registry.af}::uuid WHERE id = ${dataset?.af}::uuid`.execute(
      recordsDb(db),
    );
    try {
      const again = JSON.parse((await body(admin, app, `${BASE}?format=geojson`)).text).features;
      const same = again.find(
        (f: { id?: string; properties: Record<string, unknown> }) =>
          f.properties.idSINPOccTax === first.idSINPOccTax,
      ).properties;
      expect(same.idSINPJdd).toBe(registry.jdd);
      expect(same.cadreAcquisitionId).toBe(registry.af);
    } finally {
      await sql`UPDATE suivi.dataset SET sinp_uuid = NULL`.execute(recordsDb(db));
      await sql`UPDATE suivi.acquisition_framework SET sinp_uuid = NULL`.execute(recordsDb(db));
    }
    // The documented defaults (core migration 0015), then what the metadata admin page sets for the dataset.
    expect(first.diffusionNiveauPrecision).toBe('5');
    expect(first.sensiNiveau).toBe('0');
    const patch = await app.request(`/api/admin/datasets/${dataset?.id}`, {
      method: 'PATCH',
      headers: { ...admin.headers, 'content-type': 'application/json' },
      body: JSON.stringify({ diffusion_level: '2', sensitivity_level: '3' }),
    });
    expect(patch.status, await patch.clone().text()).toBe(200);
    try {
      const levels = JSON.parse((await body(admin, app, `${BASE}?format=geojson`)).text).features.map(
        (f: { properties: Record<string, unknown> }) => f.properties,
      );
      const ofDataset = levels.filter((p: Record<string, unknown>) => p.idSINPJdd === dataset?.id);
      expect(ofDataset.length).toBeGreaterThan(0);
      for (const p of ofDataset) expect([p.diffusionNiveauPrecision, p.sensiNiveau]).toEqual(['2', '3']);
      for (const p of levels.filter((p: Record<string, unknown>) => p.idSINPJdd !== dataset?.id))
        expect([p.diffusionNiveauPrecision, p.sensiNiveau]).toEqual(['5', '0']);
      expect((await body(admin, app, `${BASE}/check`)).status).toBe(200);
    } finally {
      await sql`UPDATE suivi.dataset SET diffusion_level = DEFAULT, sensitivity_level = DEFAULT`.execute(
        recordsDb(db),
      );
    }
    expect(first.dateDebut).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(typeof first.cdNom).toBe('number');
    expect(first.organismeGestionnaireDonnee).toMatch(/Chiroptères|Conservatoire/);
  });

  it('keeps to the Export scope and takes the occurrence level’s filters', async () => {
    const own = JSON.parse((await body(chiro, app, `${BASE}?format=geojson`)).text).features;
    expect(own.length).toBe(await diffusable(db, DEMO_ORGANISATIONS.chiro.id));
    expect(own.length).toBeLessThan(await diffusable(db));
    const geo = JSON.parse((await body(chiro, app, `${BASE}?format=geojson`)).text);
    expect(geo.features.length).toBe(own.length);
    expect(geo.features[0].properties).toHaveProperty('idSINPOccTax');
    expect(geo.features[0].geometry.type).toBe('Point');
    const cdNom = geo.features[0].properties.cdNom;
    const filtered = JSON.parse((await body(chiro, app, `${BASE}?format=geojson&cd_nom=${cdNom}`)).text);
    expect(filtered.features.length).toBeGreaterThan(0);
    expect(
      filtered.features.every((f: { properties: { cdNom: number } }) => f.properties.cdNom === cdNom),
    ).toBe(true);
    expect((await body(chiro, app, `${BASE}?format=xlsx`)).status).toBe(400);
  });

  it('reports the rows missing a mandatory field, with the field and why', async () => {
    const clean = JSON.parse((await body(admin, app, `${BASE}/check`)).text);
    expect(clean.rows).toBe(await diffusable(db));
    // An occurrence whose observers are gone: observateur is empty.
    const { rows } = await sql<{
      id: string;
      visit_id: string;
    }>`SELECT o.id::text, o.visit_id::text FROM chiro_gites.observation o JOIN chiro_gites.v_occurrence_sinp s ON s.id_sinp_occtax = o.id LIMIT 1`.execute(
      recordsDb(db),
    );
    const target = rows[0];
    await sql`DELETE FROM chiro_gites.visit__observers WHERE record_id = ${target?.visit_id}::uuid`.execute(
      recordsDb(db),
    );
    const report = JSON.parse((await body(admin, app, `${BASE}/check`)).text);
    expect(report.problems).toContainEqual({
      id: target?.id,
      field: 'observateur',
      code: 'missing',
      reason: { fr: 'champ obligatoire vide', en: 'mandatory field is empty' },
    });
    expect(report.conforming).toBeLessThan(clean.conforming);
    expect((await body(admin, app, `${BASE}/check?limit=-1`)).status).toBe(400);
    // A protocol mapping fewer SINP attributes (no biological condition): its view lacks those columns.
    const birds = await body(admin, app, '/api/exports/oiseaux_points_ecoute/sinp/check');
    expect(birds.status, birds.text).toBe(200);
    expect((await body(admin, app, '/api/exports/oiseaux_points_ecoute/sinp')).text).toMatch(
      /^idSINPOccTax,/,
    );
  });
});
