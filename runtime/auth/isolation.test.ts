/**
 * Isolation between organisations through the server's app: a partner of A creates records; a partner
 * of B neither sees (list, GET, children, GeoJSON, CSV) nor changes them; the administrator sees all.
 */
import type { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runtimeEngines } from '../../test/helpers/engines.ts';
import type { Database } from '../db/database.ts';
import { DEMO_ORGANISATIONS } from '../demo/demo-data.ts';
import { type Caller, serverApp, signIn } from './auth.test-helpers.ts';

const BASE = '/api/modules/amphibiens_mares';

describe.each(runtimeEngines())('isolation between organisations on $name', (engine) => {
  let db: Database;
  let app: Hono;
  let cen: Caller;
  let chiro: Caller;
  let admin: Caller;
  const ids = {} as { groupA: string; siteA: string; siteB: string };

  const site = (name: string, groupId: string, x: number) => ({
    base_site_name: name,
    sites_group_id: groupId,
    geometry: { type: 'Point', coordinates: [x, 45.76] },
  });

  beforeAll(async () => {
    ({ db, app } = await serverApp(engine, (f) => f.includes('amphibiens_mares')));
    [cen, chiro, admin] = [
      await signIn(app, 'partenaire.cen'),
      await signIn(app, 'partenaire.chiro'),
      await signIn(app, 'admin'),
    ];
    const group = { sites_group_name: 'Aire A', landscape: 'BOCAGE' };
    const groupA = await cen.call('POST', `${BASE}/sites_group`, group);
    expect(groupA.status, JSON.stringify(groupA.json)).toBe(201);
    ids.groupA = groupA.json.id as string;
    const siteA = await cen.call('POST', `${BASE}/site`, site('Mare secrète A', ids.groupA, 4.85));
    expect(siteA.status, JSON.stringify(siteA.json)).toBe(201);
    ids.siteA = siteA.json.id as string;
    const groupB = await chiro.call('POST', `${BASE}/sites_group`, { ...group, sites_group_name: 'Aire B' });
    const siteB = await chiro.call('POST', `${BASE}/site`, site('Mare B', groupB.json.id as string, 4.9));
    expect(siteB.status, JSON.stringify(siteB.json)).toBe(201);
    ids.siteB = siteB.json.id as string;
  });
  afterAll(async () => db?.close());

  it('records the creator and organisation of each record', async () => {
    const a = await cen.call('GET', `${BASE}/site/${ids.siteA}`);
    expect(a.json).toMatchObject({ organisation_id: DEMO_ORGANISATIONS.cen.id });
    const b = await chiro.call('GET', `${BASE}/site/${ids.siteB}`);
    expect(b.json).toMatchObject({ organisation_id: DEMO_ORGANISATIONS.chiro.id });
  });

  it('hides A’s records from B in lists, GET, children, GeoJSON and CSV', async () => {
    const list = await chiro.call('GET', `${BASE}/site`);
    expect(list.status).toBe(200);
    expect(list.json).toMatchObject({ total: 1 });
    expect(JSON.stringify(list.json)).not.toContain(ids.siteA);
    expect((await chiro.call('GET', `${BASE}/site/${ids.siteA}`)).status).toBe(404);
    expect((await chiro.call('GET', `${BASE}/sites_group/${ids.groupA}`)).status).toBe(404);
    const children = await chiro.call('GET', `${BASE}/sites_group/${ids.groupA}/site`);
    expect(JSON.stringify(children.json)).not.toContain(ids.siteA);
    const geojson = await chiro.call('GET', `${BASE}/site.geojson`);
    expect(geojson.status).toBe(200);
    expect(JSON.stringify(geojson.json)).toContain(ids.siteB);
    expect(JSON.stringify(geojson.json)).not.toContain(ids.siteA);
    const csv = await chiro.call('GET', `${BASE}/site.csv`);
    expect(csv.status).toBe(200);
    expect(String(csv.json)).toContain(ids.siteB);
    expect(String(csv.json)).not.toContain(ids.siteA);
    expect(String(csv.json)).not.toContain('Mare secrète A');
  });

  it('refuses B’s update and delete of A’s record, and records under A’s parents', async () => {
    const current = (await cen.call('GET', `${BASE}/site/${ids.siteA}`)).json;
    const change = { ...current, base_site_name: 'Volée' };
    // A's parent is invisible to B: refused as a missing parent, as a parent that does not exist is.
    const update = await chiro.call('PUT', `${BASE}/site/${ids.siteA}`, change);
    expect(update.status, JSON.stringify(update.json)).toBe(422);
    expect(update.json).toMatchObject([{ path: '/sites_group_id', code: 'parent_missing' }]);
    // Under B's own parent the body is valid, and the record is not B's to update.
    const groupB = (await chiro.call('GET', `${BASE}/site/${ids.siteB}`)).json.sites_group_id;
    const moved = await chiro.call('PUT', `${BASE}/site/${ids.siteA}`, { ...change, sites_group_id: groupB });
    expect([403, 404], JSON.stringify(moved.json)).toContain(moved.status);
    const remove = await chiro.call('DELETE', `${BASE}/site/${ids.siteA}`);
    expect([403, 404]).toContain(remove.status);
    const child = await chiro.call('POST', `${BASE}/site`, site('Intruse', ids.groupA, 4.8));
    expect(child.status).toBe(422);
    const after = await cen.call('GET', `${BASE}/site/${ids.siteA}`);
    expect(after.json).toMatchObject({ base_site_name: 'Mare secrète A', row_version: 1 });
    const own = await cen.call('PUT', `${BASE}/site/${ids.siteA}`, { ...current, base_site_name: 'Mare A' });
    expect(own.status, JSON.stringify(own.json)).toBe(200);
  });

  it('shows every organisation’s records to the administrator', async () => {
    const list = await admin.call('GET', `${BASE}/site`);
    expect(list.json).toMatchObject({ total: 2 });
    const geojson = JSON.stringify((await admin.call('GET', `${BASE}/site.geojson`)).json);
    expect(geojson).toContain(ids.siteA);
    expect(geojson).toContain(ids.siteB);
  });

  it('answers 403 for an action the account has no grant for', async () => {
    await db.query(`DELETE FROM suivi.permission WHERE role = 'partenaire' AND action IN ('D', 'E')`);
    try {
      const remove = await cen.call('DELETE', `${BASE}/site/${ids.siteA}`);
      expect(remove.status).toBe(403);
      expect(remove.json).toMatchObject([{ code: 'forbidden' }]);
      expect((await cen.call('GET', `${BASE}/site.csv`)).status).toBe(403);
      // The map's GeoJSON needs Read only.
      expect((await cen.call('GET', `${BASE}/site.geojson`)).status).toBe(200);
    } finally {
      await db.query(
        `INSERT INTO suivi.permission (role, module_code, action, scope)
         VALUES ('partenaire', '*', 'D', 'organisation'), ('partenaire', '*', 'E', 'organisation')`,
      );
    }
  });

  it('limits an "own" grant to the records the user created', async () => {
    const userId = (await cen.call('GET', '/api/auth/me')).json.id as string;
    await db.query(`DELETE FROM suivi.user_role WHERE user_id = $1`, [userId]);
    await db.query(
      `INSERT INTO suivi.permission (user_id, module_code, action, scope) VALUES ($1, 'amphibiens_mares', 'R', 'own')`,
      [userId],
    );
    const list = await cen.call('GET', `${BASE}/site`);
    expect(list.json).toMatchObject({ total: 1 });
    // The same record, created by someone else of the same organisation, is out of an "own" scope.
    const adminId = (await admin.call('GET', '/api/auth/me')).json.id as string;
    await db.query('UPDATE amphibiens_mares.site SET created_by = $1 WHERE id = $2', [adminId, ids.siteA]);
    expect((await cen.call('GET', `${BASE}/site`)).json).toMatchObject({ total: 0 });
    expect((await cen.call('GET', `${BASE}/site/${ids.siteA}`)).status).toBe(404);
    expect((await cen.call('POST', `${BASE}/sites_group`, { sites_group_name: 'x' })).status).toBe(403);
  });
});
