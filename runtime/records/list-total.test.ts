/**
 * A list's `total` counts up to a cap (here 1, with two chiro_gites sites): beyond it, the total is the
 * cap, `total_exact` is false, and pages past the cap are still read. On PGlite and, with DATABASE_URL,
 * PostgreSQL.
 */
import type { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BRIDGE, CAVE } from '../../test/db/fixtures/chiro-gites.data.ts';
import { chiroGites } from '../../test/db/fixtures/chiro-gites.ts';
import { ORGANISATION, USER } from '../../test/db/module-fixture.ts';
import { runtimeEngines } from '../../test/helpers/engines.ts';
import type { Database } from '../db/database.ts';
import { fixtureBodies } from './fixture-bodies.test-helpers.ts';
import type { ModulePlan } from './model/module-plan.ts';
import { openSetUpDatabase, testApp } from './records.test-helpers.ts';

const SITES = '/api/modules/chiro_gites/site';

describe.each(runtimeEngines())('capped list total on $name', (engine) => {
  let db: Database;
  let app: Hono;
  const list = async (query: string) => {
    const res = await app.request(`${SITES}?${query}`);
    expect(res.status).toBe(200);
    return (await res.json()) as { items: { id: string }[]; total: number; total_exact: boolean };
  };

  beforeAll(async () => {
    const opened = await openSetUpDatabase(engine);
    db = opened.db;
    const modules = opened.modules;
    const actor = { userId: USER, organisationId: ORGANISATION };
    app = testApp(db, modules, { actor, totalCap: 1 }).app;
    const bodies = await fixtureBodies(db, modules.get('chiro_gites') as ModulePlan, chiroGites);
    for (const { level, body } of bodies.filter((b) => b.level === 'site')) {
      const res = await app.request(SITES, {
        method: 'POST',
        body: JSON.stringify(body),
        headers: { 'content-type': 'application/json' },
      });
      expect(res.status, `${level}: ${await res.text()}`).toBe(201);
    }
  });

  afterAll(async () => {
    await db?.close();
  });

  it('stops counting at the cap and says so', async () => {
    expect(await list('sort=base_site_name&page_size=1')).toMatchObject({
      items: [{ id: CAVE }],
      total: 1,
      total_exact: false,
    });
  });

  it('still reads the pages past the cap, and none past the last record', async () => {
    const second = await list('sort=base_site_name&page_size=1&page=2');
    expect(second.items.map((r) => r.id)).toEqual([BRIDGE]);
    expect(second).toMatchObject({ total: 1, total_exact: false });
    expect((await list('page_size=1&page=3')).items).toEqual([]);
  });

  it('is exact when no more than the cap match', async () => {
    expect(await list('roost_type=CAVE')).toMatchObject({
      items: [{ id: CAVE }],
      total: 1,
      total_exact: true,
    });
    expect(await list('roost_type=BUILDING')).toMatchObject({ items: [], total: 0, total_exact: true });
  });
});
