/**
 * `GET /api/offline/<code>/bundle` through the server's app, on PGlite and (with DATABASE_URL)
 * PostgreSQL, over the demo's flore_quadrats records (cen's): the chosen records, their descendants and
 * the parents they name, within the caller's read scope (another organisation's sites never appear);
 * the estimate's counts are the download's; bad queries are 400s, the limits 413s.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runtimeEngines } from '../../test/helpers/engines.ts';
import { type Caller, request, serverApp, signIn } from '../auth/auth.test-helpers.ts';
import type { Database } from '../db/database.ts';
import { UNRESTRICTED } from '../records/access.ts';
import { loadModulePlan } from '../records/model/load-module.ts';
import { selectBundleIds } from './bundle-records.ts';

const MODULE = 'flore_quadrats';
const BUNDLE = `/api/offline/${MODULE}/bundle`;
/** Around the demo's Marais de Lavours quadrats. */
const LAVOURS = '5.70,45.75,5.85,45.85';
type Body = Record<string, unknown>;
const DEMO = JSON.parse(
  readFileSync(new URL(`../../examples/${MODULE}/demo/records.json`, import.meta.url), 'utf8'),
) as { records: { level: string; record: Body }[] };
type Bundle = { records: Record<string, Body[]>; size_bytes: number } & Body;

describe.each(runtimeEngines())('area bundle on $name', (engine) => {
  let db: Database;
  let app: Hono;
  let cen: Caller;
  let chiro: Caller;
  let admin: Caller;

  const get = async (who: Caller, query: string) => {
    const res = await who.call('GET', `${BUNDLE}?${query}`);
    expect(res.status, JSON.stringify(res.json).slice(0, 500)).toBe(200);
    return res.json as unknown as Bundle;
  };
  const counts = (b: Bundle) => Object.fromEntries(Object.entries(b.records).map(([k, v]) => [k, v.length]));

  beforeAll(async () => {
    ({ db, app } = await serverApp(engine, (f) => f.includes(MODULE)));
    [cen, chiro, admin] = [
      await signIn(app, 'partenaire.cen'),
      await signIn(app, 'partenaire.chiro'),
      await signIn(app, 'admin'),
    ];
    // The demo's records (cen's), through the batch endpoint, in the file's order (parents first).
    const items = DEMO.records.map((r, i) => ({
      ref: String(i),
      op: 'create',
      level: r.level,
      id: r.record.id,
      body: r.record,
    }));
    const res = await cen.call('POST', `/api/modules/${MODULE}/batch`, { items });
    const results = (res.json as unknown as { results: { status: number; errors?: unknown }[] }).results;
    const refused = results.filter((r) => r.status !== 201);
    expect(refused, JSON.stringify(refused.slice(0, 3))).toEqual([]);
  });
  afterAll(async () => db?.close());

  it('holds the area’s records, their descendants and the parents they name, as the GET list returns them', async () => {
    const b = await get(cen, `bbox=${LAVOURS}`);
    expect(Object.keys(b).sort()).toEqual(
      [
        'cursor',
        'datasets',
        'generated_at',
        'module',
        'records',
        'size_bytes',
        'taxa',
        'users',
        'vocabularies',
      ].sort(),
    );
    expect(b.module).toBe(MODULE);
    for (const level of ['sites_group', 'site', 'visit', 'observation', 'campaign'])
      expect(b.records[level]?.length ?? 0, level).toBeGreaterThan(0);
    const site = b.records.site?.[0] as Body;
    const single = await cen.call('GET', `/api/modules/${MODULE}/site/${site.id}`);
    expect(site).toEqual(single.json);
    // Every parent a record names is in the bundle.
    const ids = new Set(Object.values(b.records).flatMap((list) => list.map((r) => r.id)));
    for (const v of b.records.visit ?? []) {
      expect(ids.has(v.site_id)).toBe(true);
      expect(ids.has(v.campaign_id)).toBe(true);
    }
    expect(Object.keys(b.vocabularies as Body).length).toBeGreaterThan(0);
    expect((b.taxa as Body[]).length).toBeGreaterThan(0);
    expect((b.users as Body[]).length).toBeGreaterThan(0);
    expect(b.size_bytes).toBe(Buffer.byteLength(JSON.stringify(b)));
  });

  it('answers the estimate with the download’s counts and a size near it', async () => {
    const full = await get(cen, `bbox=${LAVOURS}`);
    const estimate = await get(cen, `bbox=${LAVOURS}&estimate=1`);
    expect(estimate.counts).toEqual(counts(full));
    const ratio = (estimate.size_bytes as number) / full.size_bytes;
    expect(ratio).toBeGreaterThan(0.3);
    expect(ratio).toBeLessThan(3);
  });

  it('keeps another organisation’s sites out, by bbox and by id', async () => {
    const cens = await get(cen, `bbox=${LAVOURS}`);
    const theirs = new Set(Object.values(cens.records).flatMap((l) => l.map((r) => r.id)));
    expect((await get(chiro, `bbox=${LAVOURS}&estimate=1`)).counts).toEqual({});
    const demoGroup = DEMO.records.find((r) => r.level === 'sites_group')?.record as Body;
    const group = await chiro.call('POST', `/api/modules/${MODULE}/sites_group`, {
      ...demoGroup,
      id: randomUUID(),
      sites_group_code: 'CHIRO-1',
    });
    expect(group.status, JSON.stringify(group.json)).toBe(201);
    const mine = await get(chiro, `bbox=${LAVOURS}`);
    expect(counts(mine)).toEqual({ sites_group: 1 });
    expect(mine.records.sites_group?.[0]?.id).toBe(group.json.id);
    const byId = await get(chiro, `site=${[...theirs][0]}&site=${group.json.id}`);
    expect(
      Object.values(byId.records)
        .flat()
        .map((r) => r.id),
    ).toEqual([group.json.id]);
    // The administrator reads everybody's.
    const all = await get(admin, `bbox=${LAVOURS}&estimate=1`);
    expect((all.counts as Record<string, number>).sites_group).toBe(
      (cens.records.sites_group?.length ?? 0) + 1,
    );
  });

  it('refuses bad queries (400), the anonymous (401) and an area past the limits (413)', async () => {
    expect((await request(app, 'GET', `${BUNDLE}?bbox=${LAVOURS}`)).status).toBe(401);
    const bad = await cen.call('GET', `${BUNDLE}?bbox=1,2,3&site=nope&zoom=3`);
    expect(bad.status).toBe(400);
    expect((bad.json as unknown as Body[]).map((e) => `${e.path} ${e.code}`)).toEqual([
      '/query/zoom query-param-unknown',
      '/query/bbox bbox-invalid',
      '/query/site id-invalid',
      '/query/site query-value-invalid',
    ]);
    expect((await cen.call('GET', BUNDLE)).status).toBe(400);
    expect((await cen.call('GET', `/api/offline/nope/bundle?bbox=${LAVOURS}`)).status).toBe(404);
    const plan = await loadModulePlan(
      new URL(`../../examples/${MODULE}/generated/`, import.meta.url).pathname,
    );
    const area = { bbox: [5.7, 45.75, 5.85, 45.85] as const };
    await expect(
      selectBundleIds(db, plan, UNRESTRICTED, area, { top: 1, total: 1000 }),
    ).rejects.toMatchObject({
      status: 413,
      code: 'bundle_too_large',
    });
    await expect(
      selectBundleIds(db, plan, UNRESTRICTED, area, { top: 100, total: 10 }),
    ).rejects.toMatchObject({
      status: 413,
    });
  });
});
