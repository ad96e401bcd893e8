/** The record API as the server mounts it: generated routes over the record operations, on both engines. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runtimeEngines } from '../../test/helpers/engines.ts';
import type { Database } from '../db/database.ts';
import { EXAMPLES_ROOT, generatedModuleFolders } from '../modules/folders.ts';
import { loadModules } from '../modules/load.ts';
import { createApp } from './app.ts';

const FOLDERS = generatedModuleFolders(EXAMPLES_ROOT);
// Signed in as a partner: the record API answers 401 to anonymous requests (runtime/auth).
let cookie = '';
const json = (body: unknown) => ({
  method: 'POST',
  body: JSON.stringify(body),
  headers: { 'content-type': 'application/json', cookie },
});

describe.each(runtimeEngines())('record API on $name', (engine) => {
  let db: Database;
  let app: ReturnType<typeof createApp>;

  beforeAll(async () => {
    db = await engine.openPrepared('demo');
    const modules = await loadModules(db, FOLDERS);
    app = createApp({ db, modules, logError: () => {} });
    const login = await app.request(
      '/api/auth/login',
      json({ login: 'partenaire.cen', password: 'suivi-cen' }),
    );
    cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  });
  afterAll(async () => db?.close());

  it('creates, reads and lists a pond, and refuses a bad one with 422 naming the field', async () => {
    const pond = {
      base_site_name: 'Mare du Bois Joli',
      geometry: { type: 'Point', coordinates: [4.85, 45.76] },
    };
    const user = (await db.query<{ id: string }>('SELECT id FROM suivi.app_user ORDER BY login LIMIT 1'))
      .rows[0]!;
    const area = { sites_group_name: 'Aire test', landscape: 'BOCAGE', lead_observer: { user_id: user.id } };
    const sitesGroup = await app.request('/api/modules/amphibiens_mares/sites_group', json(area));
    expect(sitesGroup.status, await sitesGroup.clone().text()).toBe(201);
    const group = (await sitesGroup.json()) as { id: string };
    const created = await app.request(
      '/api/modules/amphibiens_mares/site',
      json({ ...pond, sites_group_id: group.id }),
    );
    expect(created.status, await created.clone().text()).toBe(201);
    const site = (await created.json()) as { id: string; row_version: number };
    const read = await app.request(`/api/modules/amphibiens_mares/site/${site.id}`, { headers: { cookie } });
    expect(await read.json()).toMatchObject({
      id: site.id,
      base_site_name: 'Mare du Bois Joli',
      row_version: 1,
    });
    const list = await app.request('/api/modules/amphibiens_mares/site?sort=base_site_name', {
      headers: { cookie },
    });
    expect(((await list.json()) as { total: number }).total).toBe(1);
    const bad = await app.request(
      '/api/modules/amphibiens_mares/site',
      json({ ...pond, sites_group_id: group.id, base_site_name: 42 }),
    );
    expect(bad.status).toBe(422);
    expect(JSON.stringify(await bad.json())).toContain('/base_site_name');
  });

  it('refuses an oversized body with 413 before reading it', async () => {
    const huge = JSON.stringify({ base_site_name: 'x'.repeat(3 * 1024 * 1024) });
    const response = await app.request('/api/modules/amphibiens_mares/site', {
      method: 'POST',
      body: huge,
      headers: { 'content-type': 'application/json', 'content-length': String(huge.length), cookie },
    });
    expect(response.status).toBe(413);
  });

  it('answers malformed JSON with a 400, not a 500', async () => {
    const response = await app.request('/api/modules/amphibiens_mares/site', {
      method: 'POST',
      body: '{"base_site_name": ',
      headers: { 'content-type': 'application/json', cookie },
    });
    expect(response.status).toBe(400);
  });
});
