/**
 * The metadata API on both engines: frameworks and datasets are listed with their modules and record
 * counts, created and edited with SINP UUIDs (unique), and a delete is refused while something uses them.
 */
import type { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runtimeEngines } from '../../test/helpers/engines.ts';
import { type Caller, serverApp, signIn } from '../auth/auth.test-helpers.ts';
import type { Database } from '../db/database.ts';
import type { DatasetRow, FrameworkRow } from './store.ts';

const SINP_AF = '6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b';
const SINP_JDD = '7a2b3c4d-5e6f-4a70-8b9c-0d1e2f3a4b5c';

describe.each(runtimeEngines())('metadata API on $name', (engine) => {
  let db: Database;
  let app: Hono;
  let admin: Caller;

  beforeAll(async () => {
    ({ db, app } = await serverApp(engine, (f) => f.includes('chiro_gites')));
    admin = await signIn(app, 'admin');
  }, 120_000);
  afterAll(async () => db?.close());

  const list = async () => {
    const res = await admin.call('GET', '/api/admin/metadata');
    expect(res.status).toBe(200);
    return res.json as unknown as { frameworks: FrameworkRow[]; datasets: DatasetRow[] };
  };

  it('lists datasets with the modules naming them and the records holding them', async () => {
    const { frameworks, datasets } = await list();
    expect(frameworks.length).toBeGreaterThan(0);
    const used = datasets.find((d) => d.modules.includes('chiro_gites'));
    expect(used).toBeDefined();
    const { rows } = await db.query<{ n: number }>(
      'SELECT count(*)::integer AS n FROM chiro_gites.visit WHERE id_dataset = $1',
      [used?.id],
    );
    expect(used?.records).toBe(Number(rows[0]?.n));
    expect(frameworks.find((f) => f.id === used?.acquisition_framework_id)?.datasets).toBeGreaterThan(0);
  });

  it('creates, edits and deletes a framework and a dataset, with unique SINP UUIDs', async () => {
    const af = await admin.call('POST', '/api/admin/frameworks', {
      label: ' Suivi chiros 2027 ',
      sinp_uuid: SINP_AF,
    });
    expect(af.status, JSON.stringify(af.json)).toBe(201);
    expect(af.json).toMatchObject({ label: 'Suivi chiros 2027', sinp_uuid: SINP_AF, datasets: 0 });
    const afId = af.json.id as string;
    const twice = await admin.call('POST', '/api/admin/frameworks', { label: 'Autre', sinp_uuid: SINP_AF });
    expect(twice.status).toBe(409);
    expect(twice.json).toMatchObject([{ path: '/sinp_uuid', code: 'duplicate' }]);
    expect((await admin.call('POST', '/api/admin/frameworks', { label: ' ' })).json).toMatchObject([
      { path: '/label', code: 'required' },
    ]);
    const jdd = await admin.call('POST', '/api/admin/datasets', {
      label: 'Gîtes 2027',
      acquisition_framework_id: afId,
    });
    expect(jdd.status, JSON.stringify(jdd.json)).toBe(201);
    // The SINP levels' documented defaults (core migration 0015): diffusion 5 « précise », sensitivity 0.
    expect(jdd.json).toMatchObject({
      modules: [],
      records: 0,
      sinp_uuid: null,
      diffusion_level: '5',
      sensitivity_level: '0',
    });
    const jddId = jdd.json.id as string;
    const edited = await admin.call('PATCH', `/api/admin/datasets/${jddId}`, {
      sinp_uuid: SINP_JDD,
      description: 'x',
    });
    expect(edited.json).toMatchObject({ label: 'Gîtes 2027', sinp_uuid: SINP_JDD, description: 'x' });
    const levels = await admin.call('PATCH', `/api/admin/datasets/${jddId}`, {
      diffusion_level: '1',
      sensitivity_level: '4',
    });
    expect(levels.json).toMatchObject({ diffusion_level: '1', sensitivity_level: '4', sinp_uuid: SINP_JDD });
    // A code outside the nomenclature (sensitivity has no 5) or not a string: 422 naming the field, nothing changed.
    for (const wrong of [{ sensitivity_level: '5' }, { diffusion_level: 2 }, { diffusion_level: null }]) {
      const refused = await admin.call('PATCH', `/api/admin/datasets/${jddId}`, { ...wrong, label: 'Y' });
      expect(refused.status).toBe(422);
      expect(refused.json).toMatchObject([{ path: `/${Object.keys(wrong)[0]}`, code: 'invalid' }]);
    }
    expect((await list()).datasets.find((d) => d.id === jddId)).toMatchObject({
      label: 'Gîtes 2027',
      diffusion_level: '1',
      sensitivity_level: '4',
    });
    // The database refuses a code the API would not send, too (CHECK constraints).
    await expect(
      db.query(`UPDATE suivi.dataset SET diffusion_level = '6' WHERE id = $1`, [jddId]),
    ).rejects.toThrow();
    const unknown = await admin.call('POST', '/api/admin/datasets', {
      label: 'X',
      acquisition_framework_id: '00000000-0000-4000-8000-000000000000',
    });
    expect(unknown.status).toBe(422);
    expect(unknown.json).toMatchObject([{ path: '/acquisition_framework_id', code: 'unknown' }]);

    const busy = await admin.call('DELETE', `/api/admin/frameworks/${afId}`);
    expect(busy.status).toBe(409);
    expect(busy.json).toMatchObject([{ code: 'in_use', datasets: 1 }]);
    expect((await admin.call('DELETE', `/api/admin/datasets/${jddId}`)).status).toBe(204);
    expect((await admin.call('DELETE', `/api/admin/frameworks/${afId}`)).status).toBe(204);
    expect((await admin.call('DELETE', `/api/admin/frameworks/${afId}`)).status).toBe(404);
  });

  it('refuses to delete a dataset that records or a module use, and changes nothing', async () => {
    const { datasets } = await list();
    const used = datasets.find((d) => d.modules.includes('chiro_gites')) as DatasetRow;
    const refused = await admin.call('DELETE', `/api/admin/datasets/${used.id}`);
    expect(refused.status).toBe(409);
    expect(refused.json).toMatchObject([{ code: 'in_use', modules: ['chiro_gites'] }]);
    expect((await list()).datasets.find((d) => d.id === used.id)).toEqual(used);
  });

  it('is for administrators only', async () => {
    const partner = await signIn(app, 'partenaire.cen');
    expect((await partner.call('GET', '/api/admin/metadata')).status).toBe(403);
    expect((await partner.call('POST', '/api/admin/frameworks', { label: 'X' })).status).toBe(403);
  });
});
