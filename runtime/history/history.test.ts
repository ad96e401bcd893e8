/**
 * Record history through the server's app, on both engines: API create/update/delete and a direct SQL
 * write are recorded (who, which write path, what changed, by field key), a child table change (the
 * lead observer) reads as a change of its record, and a restore goes through the normal validation: a
 * version the rules refuse is a 422 that changes nothing, a valid one becomes a new version.
 */
import type { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runtimeEngines } from '../../test/helpers/engines.ts';
import { type Caller, request, serverApp, signIn } from '../auth/auth.test-helpers.ts';
import type { Database } from '../db/database.ts';
import { DEMO_ACCOUNTS } from '../demo/demo-data.ts';
import type { RecordVersion } from './replay.ts';

const BASE = '/api/modules/amphibiens_mares';
const HISTORY = '/api/history/amphibiens_mares/sites_group';
const accountId = (login: string) => DEMO_ACCOUNTS.find((a) => a.login === login)?.id as string;

describe.each(runtimeEngines())('record history on $name', (engine) => {
  let db: Database;
  let app: Hono;
  let cen: Caller;
  let chiro: Caller;
  let id: string;
  const versions = async (who: Caller = cen) => {
    const res = await who.call('GET', `${HISTORY}/${id}`);
    expect(res.status, JSON.stringify(res.json)).toBe(200);
    return (res.json as unknown as { versions: RecordVersion[] }).versions;
  };
  const current = async () => (await cen.call('GET', `${BASE}/sites_group/${id}`)).json;

  beforeAll(async () => {
    ({ db, app } = await serverApp(engine, (f) => f.includes('amphibiens_mares')));
    [cen, chiro] = [await signIn(app, 'partenaire.cen'), await signIn(app, 'partenaire.chiro')];
    const created = await cen.call('POST', `${BASE}/sites_group`, {
      sites_group_name: 'Mares du Grand Bois',
      landscape: 'BOCAGE',
    });
    expect(created.status, JSON.stringify(created.json)).toBe(201);
    id = created.json.id as string;
  });
  afterAll(async () => db?.close());

  it('records an API create with its author, write path and values (the lead observer by name)', async () => {
    const [first, ...rest] = await versions();
    expect(rest).toEqual([]);
    expect(first).toMatchObject({
      operation: 'create',
      write_path: 'api',
      actor: { id: accountId('partenaire.cen'), name: expect.any(String) },
    });
    const changes = Object.fromEntries((first?.changes ?? []).map((c) => [c.field, c.after]));
    expect(changes).toMatchObject({ sites_group_name: 'Mares du Grand Bois', landscape: 'BOCAGE' });
    expect(changes.lead_observer).toEqual([first?.actor?.name]);
  });

  it('records an API update as the changed fields only, before and after', async () => {
    const before = await current();
    const res = await cen.call('PUT', `${BASE}/sites_group/${id}`, {
      ...before,
      sites_group_name: 'Mares du Petit Bois',
    });
    expect(res.status, JSON.stringify(res.json)).toBe(200);
    const last = (await versions()).at(-1);
    expect(last).toMatchObject({ operation: 'update', write_path: 'api' });
    // The observers rewritten by the update are unchanged: not a change.
    expect(last?.changes).toEqual([
      { field: 'sites_group_name', before: 'Mares du Grand Bois', after: 'Mares du Petit Bois' },
    ]);
  });

  it('records a direct SQL write as the database’s, with no actor', async () => {
    await db.query("UPDATE amphibiens_mares.sites_group SET comments = 'corrigé en SQL' WHERE id = $1", [id]);
    const last = (await versions()).at(-1);
    expect(last).toMatchObject({
      operation: 'update',
      write_path: 'database',
      actor: null,
      changes: [{ field: 'comments', before: null, after: 'corrigé en SQL' }],
    });
  });

  it('shows the history only to who may read the record', async () => {
    expect((await chiro.call('GET', `${HISTORY}/${id}`)).status).toBe(404);
    expect((await request(app, 'GET', `${HISTORY}/${id}`)).status).toBe(401);
  });

  it('restores an earlier version through the update: a new version, by the restorer', async () => {
    const created = (await versions())[0] as RecordVersion;
    const res = await cen.call('POST', `${HISTORY}/${id}/restore`, { version: created.version });
    expect(res.status, JSON.stringify(res.json)).toBe(200);
    expect(res.json).toMatchObject({ sites_group_name: 'Mares du Grand Bois', comments: null });
    const last = (await versions()).at(-1);
    expect(last).toMatchObject({ write_path: 'restore', actor: { id: accountId('partenaire.cen') } });
    expect(last?.changes.map((c) => c.field).sort()).toEqual(['comments', 'sites_group_name']);
  });

  it('refuses a version the rules refuse with the 422 of an update, changing nothing', async () => {
    // A lead observer removed in SQL: the database allows it, the protocol's rules require one.
    await db.query('DELETE FROM amphibiens_mares.sites_group__lead_observer WHERE record_id = $1', [id]);
    const removed = (await versions()).at(-1) as RecordVersion;
    expect(removed).toMatchObject({
      write_path: 'database',
      changes: [{ field: 'lead_observer', after: null }],
    });
    const fixed = await cen.call('PUT', `${BASE}/sites_group/${id}`, {
      ...(await current()),
      lead_observer: { user_id: accountId('partenaire.cen') },
    });
    expect(fixed.status, JSON.stringify(fixed.json)).toBe(200);
    const count = (await versions()).length;
    const res = await cen.call('POST', `${HISTORY}/${id}/restore`, { version: removed.version });
    expect(res.status).toBe(422);
    expect(res.json.map((p) => `${p.path} ${p.code}`)).toEqual(['/lead_observer required']);
    expect((await current()).lead_observer).toEqual({ user_id: accountId('partenaire.cen') });
    expect(await versions()).toHaveLength(count);
  });

  it('refuses an unknown version (404) and a body without one (400)', async () => {
    expect((await cen.call('POST', `${HISTORY}/${id}/restore`, { version: 1 })).status).toBe(404);
    expect((await cen.call('POST', `${HISTORY}/${id}/restore`, {})).status).toBe(400);
  });

  it('restores a geometry (stored as GeoJSON in the history) and shows its change', async () => {
    const point = (x: number) => ({ type: 'Point', coordinates: [x, 45.76] });
    const site = await cen.call('POST', `${BASE}/site`, {
      base_site_name: 'Mare de la combe',
      sites_group_id: id,
      geometry: point(4.85),
    });
    expect(site.status, JSON.stringify(site.json)).toBe(201);
    const siteId = site.json.id as string;
    const moved = await cen.call('PUT', `${BASE}/site/${siteId}`, { ...site.json, geometry: point(5.1) });
    expect(moved.status, JSON.stringify(moved.json)).toBe(200);
    const history = async () =>
      (
        (await cen.call('GET', `/api/history/amphibiens_mares/site/${siteId}`)).json as unknown as {
          versions: RecordVersion[];
        }
      ).versions;
    const [created, move] = await history();
    expect(move?.changes.map((c) => c.field)).toEqual(['geometry']);
    const restored = await cen.call('POST', `/api/history/amphibiens_mares/site/${siteId}/restore`, {
      version: created?.version,
    });
    expect(restored.status, JSON.stringify(restored.json)).toBe(200);
    expect(restored.json.geometry).toEqual(point(4.85));
    expect((await history()).at(-1)).toMatchObject({
      write_path: 'restore',
      changes: [{ field: 'geometry' }],
    });
    const { row_version } = (await cen.call('GET', `${BASE}/site/${siteId}`)).json;
    expect((await cen.call('DELETE', `${BASE}/site/${siteId}?row_version=${row_version}`)).status).toBe(204);
  });

  it('records an API delete with its child rows, outliving the record', async () => {
    const { row_version } = await current();
    const mark = (await db.query<{ n: number }>('SELECT max(id)::integer AS n FROM suivi.record_history'))
      .rows[0]?.n;
    const res = await cen.call('DELETE', `${BASE}/sites_group/${id}?row_version=${row_version}`);
    expect(res.status, JSON.stringify(res.json)).toBe(204);
    const rows = (
      await db.query<{ table_name: string; operation: string; actor: string; write_path: string }>(
        `SELECT table_name, operation, actor, write_path FROM suivi.record_history
          WHERE record_id = $1 AND id > $2 ORDER BY id`,
        [id, mark],
      )
    ).rows;
    expect(rows.map((r) => `${r.table_name} ${r.operation} ${r.write_path}`).sort()).toEqual([
      'sites_group delete api',
      'sites_group__lead_observer delete api',
    ]);
    expect(rows.every((r) => r.actor === accountId('partenaire.cen'))).toBe(true);
    expect((await cen.call('GET', `${HISTORY}/${id}`)).status).toBe(404);
  });
});
