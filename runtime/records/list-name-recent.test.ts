/**
 * Two list parameters of issue 11, through the level's generated list query, on PGlite and (with
 * DATABASE_URL) PostgreSQL. A table's taxon filter applies what the user typed, picked or not:
 * `cd_nom[name]=` matches the scientific or vernacular name (accents and case folded), with paging, sort
 * and the other filters. `sort=-updated_at` lists the latest changes first (the home page's activity).
 */
import type { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COLONY, HIBERNATING } from '../../test/db/fixtures/chiro-gites.data.ts';
import { chiroGites } from '../../test/db/fixtures/chiro-gites.ts';
import { ORGANISATION, USER } from '../../test/db/module-fixture.ts';
import { runtimeEngines } from '../../test/helpers/engines.ts';
import type { Database } from '../db/database.ts';
import { fixtureBodies } from './fixture-bodies.test-helpers.ts';
import type { ModulePlan } from './model/module-plan.ts';
import { openSetUpDatabase, testApp } from './records.test-helpers.ts';

describe.each(runtimeEngines())('taxon name filter on $name', (engine) => {
  let db: Database;
  let app: Hono;
  const base = '/api/modules/chiro_gites/observation';

  const ids = async (query: string) => {
    const res = await app.request(`${base}?${query}`);
    const text = await res.text();
    expect(res.status, `${query}: ${text}`).toBe(200);
    return (JSON.parse(text) as { items: { id: string }[] }).items.map((r) => r.id);
  };

  beforeAll(async () => {
    let modules: Map<string, ModulePlan>;
    ({ db, modules } = await openSetUpDatabase(engine));
    app = testApp(db, modules, { actor: { userId: USER, organisationId: ORGANISATION } }).app;
    for (const { level, body } of await fixtureBodies(
      db,
      modules.get('chiro_gites') as ModulePlan,
      chiroGites,
    )) {
      const res = await app.request(`/api/modules/chiro_gites/${level}`, {
        method: 'POST',
        body: JSON.stringify(body),
        headers: { 'content-type': 'application/json' },
      });
      expect(res.status, await res.text()).toBe(201);
    }
  });

  afterAll(async () => {
    await db?.close();
  });

  it('matches the vernacular name, whatever the case, anywhere in the name', async () => {
    expect(await ids(`cd_nom[name]=${encodeURIComponent('PETIT rhino')}`)).toEqual([HIBERNATING]);
    expect(await ids('cd_nom[name]=rhinolophe&sort=count_total')).toEqual([HIBERNATING, COLONY]);
  });

  it('matches the scientific name, and combines with the other filters and paging', async () => {
    expect(await ids('cd_nom[name]=ferrumequinum')).toEqual([COLONY]);
    expect(await ids('cd_nom[name]=Rhinolophus&count_total[gte]=10')).toEqual([COLONY]);
    expect(await ids('cd_nom[name]=rhinolophus&sort=-count_total&page=2&page_size=1')).toEqual([HIBERNATING]);
  });

  it('folds accents as the TAXREF loader did, and finds nothing for a name no taxon has', async () => {
    await db.query(
      "UPDATE ref.taxon SET nom_vern_search = 'petit rhinolophe', lb_nom_search = 'rhinolophus hipposideros' WHERE cd_nom = 60313",
    );
    expect(await ids(`cd_nom[name]=${encodeURIComponent('Pétit Rhinolophe')}`)).toEqual([HIBERNATING]);
    expect(await ids('cd_nom[name]=pipistrelle')).toEqual([]);
    // Wildcards are searched as typed.
    expect(await ids('cd_nom[name]=%25')).toEqual([]);
  });

  it('sorts on the last change, newest first', async () => {
    const res = await app.request(`${base}/${COLONY}`);
    const colony = (await res.json()) as Record<string, unknown>;
    const put = await app.request(`${base}/${COLONY}`, {
      method: 'PUT',
      body: JSON.stringify({ ...colony, comments: 'revue' }),
      headers: { 'content-type': 'application/json' },
    });
    expect(put.status, await put.text()).toBe(200);
    expect(await ids('sort=-updated_at')).toEqual([COLONY, HIBERNATING]);
    expect(await ids('sort=updated_at')).toEqual([HIBERNATING, COLONY]);
  });

  it('refuses the filter on a field that is no taxon', async () => {
    const res = await app.request(`${base}?count_type[name]=x`);
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('count_type[name]');
  });
});
