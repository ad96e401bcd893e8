/**
 * The Validate action through the server's app: who may set an observation's validation status (admin,
 * a V grant within its scope, nobody else), what a bad body gets, the log, the reset of a validated
 * record edited by a non-validator, the status in lists and in the SINP occurrence view.
 */
import type { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runtimeEngines } from '../../test/helpers/engines.ts';
import { type Caller, serverApp, signIn } from '../auth/auth.test-helpers.ts';
import type { Database } from '../db/database.ts';
import { DEMO_ACCOUNTS } from '../demo/demo-data.ts';

const BASE = '/api/modules/amphibiens_mares';
/** The one dataset the protocol's visits offer (seeded by the demo). */
const DATASET = 'e5a9c3d7-2f1b-4a6e-9c8d-7b3f5e1a9c31';
const accountId = (login: string) => DEMO_ACCOUNTS.find((a) => a.login === login)?.id;

describe.each(runtimeEngines())('the Validate action on $name', (engine) => {
  let db: Database;
  let app: Hono;
  let cen: Caller;
  let chiro: Caller;
  let admin: Caller;
  const ids = {} as { obsA: string; obsB: string; siteA: string };

  /** A site, a visit and an absence observation created by `who`; the observation's id. */
  async function observation(who: Caller, name: string): Promise<{ obs: string; site: string }> {
    const ok = (res: { status: number; json: unknown }, status = 201) => {
      expect(res.status, JSON.stringify(res.json)).toBe(status);
      return (res.json as { id: string }).id;
    };
    const group = ok(
      await who.call('POST', `${BASE}/sites_group`, { sites_group_name: name, landscape: 'BOCAGE' }),
    );
    const site = ok(
      await who.call('POST', `${BASE}/site`, {
        base_site_name: name,
        sites_group_id: group,
        geometry: { type: 'Point', coordinates: [4.85, 45.76] },
      }),
    );
    const visit = ok(
      await who.call('POST', `${BASE}/visit`, {
        site_id: site,
        id_dataset: DATASET,
        expertise: 'expert',
        accessibility: 'Non',
        inaccessible_reason: 'Clôture',
      }),
    );
    return {
      obs: ok(await who.call('POST', `${BASE}/observation`, { visit_id: visit, presence: 'Non' })),
      site,
    };
  }

  const logOf = async (id: string) =>
    (
      await db.query<{ status: string; previous_status: string; validated_by: string; comment: string }>(
        'SELECT status, previous_status, validated_by, comment FROM suivi.validation_log WHERE record_id = $1::uuid ORDER BY id',
        [id],
      )
    ).rows;
  const validate = (who: Caller, id: string, body: unknown) =>
    who.call('POST', `${BASE}/observation/${id}/validation`, body);

  beforeAll(async () => {
    ({ db, app } = await serverApp(engine, (f) => f.includes('amphibiens_mares')));
    [cen, chiro, admin] = [
      await signIn(app, 'partenaire.cen'),
      await signIn(app, 'partenaire.chiro'),
      await signIn(app, 'admin'),
    ];
    const a = await observation(cen, 'Mare A');
    ids.obsA = a.obs;
    ids.siteA = a.site;
    ids.obsB = (await observation(chiro, 'Mare B')).obs;
  });
  afterAll(async () => db?.close());

  it('creates observations pending validation', async () => {
    const res = await cen.call('GET', `${BASE}/observation/${ids.obsA}`);
    expect(res.json).toMatchObject({
      validation_status: '0',
      validated_by: null,
      validated_at: null,
      validation_comment: null,
    });
    const site = await cen.call('GET', `${BASE}/site/${ids.siteA}`);
    expect(site.json).not.toHaveProperty('validation_status');
  });

  it('lets the administrator validate, bumping row_version and writing the log', async () => {
    const before = (await admin.call('GET', `${BASE}/observation/${ids.obsA}`)).json;
    const res = await validate(admin, ids.obsA, { status: '1', comment: '  Photo probante ' });
    expect(res.status, JSON.stringify(res.json)).toBe(200);
    expect(res.json).toMatchObject({
      id: ids.obsA,
      validation_status: '1',
      validated_by: accountId('admin'),
      validation_comment: 'Photo probante',
      row_version: (before.row_version as number) + 1,
    });
    expect(res.json.validated_at).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    expect(await logOf(ids.obsA)).toEqual([
      { status: '1', previous_status: '0', validated_by: accountId('admin'), comment: 'Photo probante' },
    ]);
  });

  it('refuses a partner without the Validate permission (403), and a level without validation (404)', async () => {
    const res = await validate(chiro, ids.obsB, { status: '4' });
    expect(res.status).toBe(403);
    expect(res.json[0]).toMatchObject({ code: 'forbidden' });
    expect((await admin.call('POST', `${BASE}/site/${ids.siteA}/validation`, { status: '1' })).status).toBe(
      404,
    );
    expect((await admin.call('GET', `${BASE}/observation/${ids.obsB}`)).json.validation_status).toBe('0');
  });

  it('refuses a status outside STATUT_VALID, a missing one and unknown keys with 422, changing nothing', async () => {
    const bad = await validate(admin, ids.obsB, { status: '9' });
    expect(bad.status).toBe(422);
    expect(bad.json).toEqual([expect.objectContaining({ path: '/status', code: 'choice' })]);
    const missing = await validate(admin, ids.obsB, { comment: 'sans statut', note: 1 });
    expect(missing.status).toBe(422);
    expect(missing.json.map((p) => `${p.path} ${p.code}`)).toEqual([
      '/note unknown_field',
      '/status required',
    ]);
    expect((await validate(admin, ids.obsB, [1])).status).toBe(422);
    expect((await validate(admin, ids.obsB, { status: 2 })).status).toBe(422);
    const after = await admin.call('GET', `${BASE}/observation/${ids.obsB}`);
    expect(after.json).toMatchObject({ validation_status: '0', row_version: 1 });
    expect(await logOf(ids.obsB)).toEqual([]);
  });

  it('scopes a Validate grant: a validator of an organisation validates its records only (404 otherwise)', async () => {
    await db.query(
      "INSERT INTO suivi.permission (user_id, module_code, action, scope) VALUES ($1::uuid, 'amphibiens_mares', 'V', 'organisation')",
      [accountId('partenaire.cen')],
    );
    const own = await validate(cen, ids.obsA, { status: '2' });
    expect(own.status, JSON.stringify(own.json)).toBe(200);
    expect(own.json).toMatchObject({ validation_status: '2', validated_by: accountId('partenaire.cen') });
    const other = await validate(cen, ids.obsB, { status: '4' });
    expect(other.status).toBe(404);
    expect((await admin.call('GET', `${BASE}/observation/${ids.obsB}`)).json.validation_status).toBe('0');
    expect((await logOf(ids.obsA)).map((l) => l.status)).toEqual(['1', '2']);
  });

  it('puts a record edited by a non-validator back to pending, and keeps a validator’s', async () => {
    expect((await validate(admin, ids.obsB, { status: '3', comment: 'Douteux' })).status).toBe(200);
    const b = (await chiro.call('GET', `${BASE}/observation/${ids.obsB}`)).json;
    // Validation fields sent back in a body are ignored, like the rest of the envelope.
    const edited = await chiro.call('PUT', `${BASE}/observation/${ids.obsB}`, {
      ...b,
      comments: 'corrigé',
      validation_status: '1',
    });
    expect(edited.status, JSON.stringify(edited.json)).toBe(200);
    expect(edited.json).toMatchObject({
      validation_status: '0',
      validated_by: null,
      validation_comment: null,
      row_version: (b.row_version as number) + 1,
    });
    expect((await logOf(ids.obsB)).at(-1)).toMatchObject({
      status: '0',
      previous_status: '3',
      validated_by: accountId('partenaire.chiro'),
    });

    const a = (await cen.call('GET', `${BASE}/observation/${ids.obsA}`)).json;
    const kept = await cen.call('PUT', `${BASE}/observation/${ids.obsA}`, { ...a, comments: 'coquille' });
    expect(kept.status, JSON.stringify(kept.json)).toBe(200);
    expect(kept.json).toMatchObject({ validation_status: '2', validated_by: accountId('partenaire.cen') });
    expect(await logOf(ids.obsA)).toHaveLength(2);
  });

  it('filters and sorts lists on the status', async () => {
    const validated = await admin.call('GET', `${BASE}/observation?validation_status[in]=1,2`);
    expect(validated.status, JSON.stringify(validated.json)).toBe(200);
    expect((validated.json.items as { id: string }[]).map((r) => r.id)).toEqual([ids.obsA]);
    const pending = await admin.call('GET', `${BASE}/observation?validation_status=0`);
    expect((pending.json.items as { id: string }[]).map((r) => r.id)).toEqual([ids.obsB]);
    const sorted = await admin.call('GET', `${BASE}/observation?sort=-validation_status`);
    expect((sorted.json.items as { id: string }[]).map((r) => r.id)).toEqual([ids.obsA, ids.obsB]);
    expect((await admin.call('GET', `${BASE}/observation?validation_status=7`)).status).toBe(400);
  });

  it('exposes the status in the SINP occurrence view and the export view', async () => {
    const { rows } = await db.query<{ id: string; niv_val_code: string }>(
      'SELECT id_sinp_occtax AS id, niv_val_code FROM amphibiens_mares.v_occurrence_sinp ORDER BY niv_val_code',
    );
    expect(rows).toEqual([
      { id: ids.obsB, niv_val_code: '0' },
      { id: ids.obsA, niv_val_code: '2' },
    ]);
    const csv = await admin.call('GET', `${BASE}/observation.csv`);
    expect(String(csv.json)).toContain('validation_status_label');
    expect(String(csv.json)).toContain('Probable');
  });
  it('stamps every write (create, update, validation) with the version of the module serving it', async () => {
    // A record left by an older version, and a column DEFAULT that names another one: every write must
    // say which version it ran under, not keep what the row or the table had.
    const version = async (id: string) =>
      (
        await db.query<{ v: number }>(
          'SELECT spec_version AS v FROM amphibiens_mares.observation WHERE id = $1',
          [id],
        )
      ).rows[0]?.v;
    await db.exec('ALTER TABLE amphibiens_mares.observation ALTER COLUMN spec_version SET DEFAULT 0');
    try {
      const created = await observation(cen, 'Mare V');
      expect(await version(created.obs)).toBe(1);
      await db.query('UPDATE amphibiens_mares.observation SET spec_version = 0 WHERE id = $1', [created.obs]);
      const read = (await cen.call('GET', `${BASE}/observation/${created.obs}`)).json;
      expect(read.spec_version).toBe(0);
      const updated = await cen.call('PUT', `${BASE}/observation/${created.obs}`, {
        ...Object.fromEntries(Object.entries(read).filter(([k]) => ['visit_id', 'presence'].includes(k))),
        row_version: read.row_version,
      });
      expect(updated.status, JSON.stringify(updated.json)).toBe(200);
      expect(await version(created.obs)).toBe(1);
      await db.query('UPDATE amphibiens_mares.observation SET spec_version = 0 WHERE id = $1', [created.obs]);
      expect((await validate(admin, created.obs, { status: '1' })).status).toBe(200);
      expect(await version(created.obs)).toBe(1);
    } finally {
      await db.exec('ALTER TABLE amphibiens_mares.observation ALTER COLUMN spec_version SET DEFAULT 1');
    }
  });
});
