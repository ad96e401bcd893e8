/**
 * The map route (`GET …/<level>/map`, operations/map.ts): clusters whose counts add up to what the
 * list counts with the same filters, within the actor's scope (another organisation's records are never
 * counted), the records themselves when few, tiles that partition a view, lines and polygons clustered
 * by a point on their surface, and a 400 naming each bad parameter. On PGlite and, with DATABASE_URL,
 * PostgreSQL.
 */
import type { Hono } from 'hono';
import { type SqlBool, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { floreQuadrats } from '../../test/db/fixtures/flore-quadrats.ts';
import { id, ORGANISATION, USER } from '../../test/db/module-fixture.ts';
import { runtimeEngines } from '../../test/helpers/engines.ts';
import type { Database } from '../db/database.ts';
import { fixtureBodies } from './fixture-bodies.test-helpers.ts';
import type { LevelPlan, ModulePlan } from './model/module-plan.ts';
import type { MapView } from './operations/map.ts';
import { cachedMapAnswer } from './operations/map-cache.ts';
import { openSetUpDatabase, testApp } from './records.test-helpers.ts';

const SITES = '/api/modules/chiro_gites/site';
const OTHER_ORGANISATION = id(901);
const FRANCE = '-4.5,42.5,8,51';
const SITE_COUNT = 1200;
const ROOSTS = ['BUILDING', 'CHURCH', 'CELLAR', 'BRIDGE', 'CAVE', 'MINE'];

/** Web Mercator tile x/y of a point at `zoom`, and a tile's bounds. */
const tileOf = (lon: number, lat: number, zoom: number) => {
  const n = 2 ** zoom;
  const rad = (lat * Math.PI) / 180;
  return {
    x: Math.floor(((lon + 180) / 360) * n),
    y: Math.floor(((1 - Math.asinh(Math.tan(rad)) / Math.PI) / 2) * n),
  };
};
const tileBounds = (x: number, y: number, zoom: number) => {
  const n = 2 ** zoom;
  const lat = (row: number) => (Math.atan(Math.sinh(Math.PI * (1 - (2 * row) / n))) * 180) / Math.PI;
  return [(x / n) * 360 - 180, lat(y + 1), ((x + 1) / n) * 360 - 180, lat(y)].join(',');
};

describe.each(runtimeEngines())('the map route on $name', (engine) => {
  let db: Database;
  let admin: Hono;
  let partner: Hono;
  let fewFeatures: Hono;
  let sitePlan: LevelPlan;

  const get = async (app: Hono, path: string) => {
    const res = await app.request(path);
    const body = (await res.json()) as MapView & { path?: string }[];
    return { status: res.status, body };
  };
  const view = async (app: Hono, path: string) => {
    const { status, body } = await get(app, path);
    expect(status, JSON.stringify(body)).toBe(200);
    return body as MapView;
  };
  const sum = (v: MapView) => v.clusters.reduce((s, c) => s + c.count, 0);
  const count = async (where: string, params: unknown[] = []) =>
    Number(
      (
        await db.query<{ n: number }>(
          `SELECT count(*)::integer AS n FROM chiro_gites.site WHERE ${where}`,
          params,
        )
      ).rows[0]?.n,
    );

  beforeAll(async () => {
    const opened = await openSetUpDatabase(engine);
    db = opened.db;
    const modules = opened.modules;
    sitePlan = modules.get('chiro_gites')?.levels.get('site') as LevelPlan;
    await db.query('INSERT INTO suivi.organisation (id, name) VALUES ($1, $2)', [
      OTHER_ORGANISATION,
      'Autre',
    ]);
    // Sites spread over France, every other one of the other organisation.
    await db.query(
      `INSERT INTO chiro_gites.site (id, organisation_id, geom, base_site_name, municipality_code, roost_type)
       SELECT md5('s' || i)::uuid, ($1::uuid[])[1 + i % 2],
         ST_SetSRID(ST_MakePoint(-4.5 + 12.5 * ((hashint4(i) & 65535) / 65536.0),
                                 42.5 + 8.5 * ((hashint4(i + 7919) & 65535) / 65536.0)), 4326),
         'Gîte ' || i, '26' || lpad((i % 1000)::text, 3, '0'), ($2::text[])[1 + i % 6]
       FROM generate_series(1, $3::integer) AS i`,
      [[ORGANISATION, OTHER_ORGANISATION], ROOSTS, SITE_COUNT],
    );
    const actor = { userId: USER, organisationId: ORGANISATION };
    admin = testApp(db, modules, { actor }).app;
    const ownOrganisation = {
      where: ({ alias }: { alias: string }) =>
        sql<SqlBool>`${sql.id(alias, 'organisation_id')} = ${ORGANISATION}::uuid`,
    };
    partner = testApp(db, modules, { actor, access: ownOrganisation }).app;
    fewFeatures = testApp(db, modules, { actor, mapFeatureLimit: 1 }).app;
    const flore = await fixtureBodies(db, modules.get('flore_quadrats') as ModulePlan, floreQuadrats);
    for (const { level, body } of flore) {
      const res = await admin.request(`/api/modules/flore_quadrats/${level}`, {
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

  it('clusters a country view; the counts add up to the list total, each cluster inside its box', async () => {
    const map = await view(admin, `${SITES}/map?bbox=${FRANCE}&zoom=5`);
    expect(map.features).toEqual([]);
    expect(map.clusters.length).toBeGreaterThan(1);
    expect(map.clusters.length).toBeLessThan(200);
    const list = (await (await admin.request(`${SITES}?bbox=${FRANCE}&page_size=1`)).json()) as {
      total: number;
    };
    expect(list.total).toBe(SITE_COUNT);
    expect(sum(map)).toBe(SITE_COUNT);
    expect(map.total).toBe(SITE_COUNT);
    for (const c of map.clusters) {
      const [minx, miny, maxx, maxy] = c.bbox;
      expect(minx <= c.lon && c.lon <= maxx && miny <= c.lat && c.lat <= maxy).toBe(true);
      // The cell is the one of the cluster's points at zoom 5 (4 cells a tile side).
      expect(Math.floor(c.cell[0] / 4)).toBe(tileOf(c.lon, c.lat, 5).x);
      expect(c.id === undefined).toBe(c.count > 1);
    }
  });

  it('applies the list’s filters and q exactly as the list does', async () => {
    const map = await view(fewFeatures, `${SITES}/map?bbox=${FRANCE}&zoom=6&roost_type=CAVE`);
    expect(sum(map)).toBe(await count(`roost_type = 'CAVE'`));
    expect(sum(map)).toBe(SITE_COUNT / 6);
    // Fewer than the feature limit: the same records, one by one.
    const few = await view(admin, `${SITES}/map?bbox=${FRANCE}&zoom=6&roost_type=CAVE`);
    expect(new Set(few.features.map((f) => f.id)).size).toBe(SITE_COUNT / 6);
    expect(few.total).toBe(SITE_COUNT / 6);
    const list = (await (await admin.request(`${SITES}?roost_type=CAVE&q=Gîte 1`)).json()) as {
      total: number;
    };
    const searched = await view(admin, `${SITES}/map?bbox=${FRANCE}&zoom=6&roost_type=CAVE&q=G%C3%AEte%201`);
    expect(searched.total).toBe(list.total);
    expect(searched.total).toBeGreaterThan(0);
    expect(searched.total).toBeLessThan(sum(map));
  });

  it('never counts another organisation’s records', async () => {
    const map = await view(partner, `${SITES}/map?bbox=${FRANCE}&zoom=5`);
    expect(sum(map)).toBe(SITE_COUNT / 2);
    expect(sum(map)).toBe(await count('organisation_id = $1', [ORGANISATION]));
    // At a zoom where every site is its own cluster, no cluster names a record of the other organisation.
    const apart = await view(partner, `${SITES}/map?bbox=${FRANCE}&zoom=18`);
    const ids = apart.clusters.map((c) => c.id);
    expect(ids.every((i) => i !== undefined)).toBe(true);
    const foreign = await count('organisation_id = $1 AND id = ANY($2::uuid[])', [OTHER_ORGANISATION, ids]);
    expect(foreign).toBe(0);
  });

  it('answers the records themselves when few match: id, label, geometry', async () => {
    const bbox = '2,45,3,46';
    const map = await view(admin, `${SITES}/map?bbox=${bbox}&zoom=9`);
    const inView = await count(`geom && ST_MakeEnvelope(2, 45, 3, 46, 4326)`);
    expect(inView).toBeGreaterThan(0);
    expect(map).toMatchObject({ clusters: [], total: inView });
    expect(map.features).toHaveLength(inView);
    const [first] = map.features;
    expect(first?.label).toMatch(/^Gîte \d+$/);
    expect(first?.geometry).toMatchObject({ type: 'Point' });
  });

  it('splits a view into tiles whose own cells add up to the whole view', async () => {
    const zoom = 6;
    const from = tileOf(-4.5, 51, zoom);
    const to = tileOf(8, 42.5, zoom);
    let total = 0;
    for (let x = from.x; x <= to.x; x++)
      for (let y = from.y; y <= to.y; y++) {
        const tile = await view(admin, `${SITES}/map?bbox=${tileBounds(x, y, zoom)}&zoom=${zoom}`);
        const own = tile.clusters.filter((c) => c.cell[0] >> 2 === x && c.cell[1] >> 2 === y);
        total += own.reduce((s, c) => s + c.count, 0) + tile.features.length;
      }
    expect(total).toBe(SITE_COUNT);
  });

  it('clusters polygons by a point on their surface, and answers them whole when few', async () => {
    const path = '/api/modules/flore_quadrats/site/map?bbox=-180,-85,180,85&zoom=2';
    const whole = await view(admin, path);
    expect(whole.features.length).toBeGreaterThan(1);
    expect(whole.features.every((f) => (f.geometry as { type: string }).type === 'Polygon')).toBe(true);
    const clustered = await view(fewFeatures, path);
    expect(clustered.features).toEqual([]);
    expect(sum(clustered)).toBe(whole.features.length);
  });

  it('keeps an answer only while the module’s records are unchanged, whoever writes them', async () => {
    let computed = 0;
    const answer = () =>
      cachedMapAnswer(db, sitePlan, 'the key', async () => {
        computed += 1;
        return count('TRUE');
      });
    expect(await answer()).toBe(await answer());
    expect(computed).toBe(1);
    // A write outside the API (psql, an import): the record history sees it, so does the cache.
    const site = id(950);
    await db.query(
      `INSERT INTO chiro_gites.site (id, organisation_id, geom, base_site_name, roost_type)
       VALUES ($1, $2, ST_SetSRID(ST_MakePoint(2, 46), 4326), 'Ajouté', 'CAVE')`,
      [site, ORGANISATION],
    );
    expect(await answer()).toBe(SITE_COUNT + 1);
    expect(computed).toBe(2);
    // Through the route: moved out of the view, then deleted.
    const path = `${SITES}/map?bbox=${FRANCE}&zoom=5`;
    expect(sum(await view(admin, path))).toBe(SITE_COUNT + 1);
    await db.query(
      `UPDATE chiro_gites.site SET geom = ST_SetSRID(ST_MakePoint(-40, 30), 4326) WHERE id = $1`,
      [site],
    );
    expect(sum(await view(admin, path))).toBe(SITE_COUNT);
    expect(sum(await view(admin, '/api/modules/chiro_gites/site/map?bbox=-41,29,-39,31&zoom=5'))).toBe(0);
    await db.query('DELETE FROM chiro_gites.site WHERE id = $1', [site]);
    expect(await answer()).toBe(SITE_COUNT);
    expect(computed).toBe(3);
    if (db.engine !== 'postgres') return;
    // PostgreSQL: a transaction still open while an answer is computed commits afterwards; the
    // answer, which could not see it, is not served again.
    await db.transaction(async (tx) => {
      await tx.query(
        `INSERT INTO chiro_gites.site (id, organisation_id, geom, base_site_name, roost_type)
         VALUES ($1, $2, ST_SetSRID(ST_MakePoint(2, 46), 4326), 'Tardif', 'CAVE')`,
        [id(951), ORGANISATION],
      );
      expect(await answer()).toBe(SITE_COUNT);
    });
    expect(await answer()).toBe(SITE_COUNT + 1);
    await db.query('DELETE FROM chiro_gites.site WHERE id = $1', [id(951)]);
    expect(await answer()).toBe(SITE_COUNT);
  });

  it('refuses a bad view with a 400 naming the parameter', async () => {
    const paths = async (query: string) => {
      const { status, body } = await get(admin, `${SITES}/map?${query}`);
      expect(status).toBe(400);
      return (body as unknown as { path: string }[]).map((e) => e.path);
    };
    expect(await paths('zoom=5')).toEqual(['/query/bbox']);
    expect(await paths(`bbox=1,2,3&zoom=5`)).toEqual(['/query/bbox']);
    expect(await paths(`bbox=10,40,5,45&zoom=5`)).toEqual(['/query/bbox']);
    expect(await paths(`bbox=${FRANCE}`)).toEqual(['/query/zoom']);
    expect(await paths(`bbox=${FRANCE}&zoom=23`)).toEqual(['/query/zoom']);
    expect(await paths(`bbox=${FRANCE}&zoom=-1`)).toEqual(['/query/zoom']);
    expect(await paths(`bbox=${FRANCE}&zoom=five`)).toEqual(['/query/zoom']);
    expect(await paths(`bbox=${FRANCE}&zoom=5&sort=base_site_name`)).toEqual(['/query/sort']);
    expect(await paths(`bbox=${FRANCE}&zoom=5&roost_type=NOPE`)).toEqual(['/query/roost_type']);
    expect((await paths('bbox=x&zoom=y')).sort()).toEqual(['/query/bbox', '/query/zoom']);
  });
});
