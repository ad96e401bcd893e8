/**
 * The record API on every level of every example, through each module's generated routes (Hono
 * `app.request`), on PGlite and, with DATABASE_URL, PostgreSQL: the test/db fixture records created via
 * the API, read back, listed (filter + sort + page), updated (a GET body PUT back), refused when stale,
 * refused while they have children, deleted leaf first with a deletion_log row each; GeoJSON and CSV.
 */
import type { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { amphibiensMares } from '../../test/db/fixtures/amphibiens-mares.ts';
import {
  BRIDGE,
  CAVE,
  COLONY,
  HIBERNATING,
  SUMMER_VISIT,
  WINTER_VISIT,
} from '../../test/db/fixtures/chiro-gites.data.ts';
import { chiroGites } from '../../test/db/fixtures/chiro-gites.ts';
import { floreQuadrats } from '../../test/db/fixtures/flore-quadrats.ts';
import { oiseauxPointsEcoute } from '../../test/db/fixtures/oiseaux-points-ecoute.ts';
import { ORGANISATION, USER } from '../../test/db/module-fixture.ts';
import { runtimeEngines } from '../../test/helpers/engines.ts';
import type { Database } from '../db/database.ts';
import { type FixtureBody, fixtureBodies } from './fixture-bodies.test-helpers.ts';
import type { ModulePlan } from './model/module-plan.ts';
import { openSetUpDatabase, testApp } from './records.test-helpers.ts';

/** RFC 4180: quoted fields may hold commas, quotes (doubled) and line breaks. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += c;
  }
  return rows;
}

const firstPosition = (geometry: unknown): [number, number] => {
  let c: unknown = (geometry as { coordinates: unknown }).coordinates;
  while (Array.isArray(c) && Array.isArray(c[0])) c = c[0];
  return c as [number, number];
};

const FIXTURES = [amphibiensMares, chiroGites, floreQuadrats, oiseauxPointsEcoute];

type Json = Record<string, unknown>;

/** Group rows come back with every row field, empty ones as null; fixture rows leave them out. */
const withoutNullKeys = (v: unknown): unknown =>
  Array.isArray(v)
    ? v.map(withoutNullKeys)
    : typeof v === 'object' && v !== null
      ? Object.fromEntries(Object.entries(v).filter(([, x]) => x !== null))
      : v;

const isMediaList = (v: unknown): v is object[] =>
  Array.isArray(v) && v.some((m) => typeof m === 'object' && m !== null && 'storage_key' in m);

describe.each(runtimeEngines())('record API on $name', (engine) => {
  let db: Database;
  let modules: Map<string, ModulePlan>;
  let app: Hono;

  const call = async (method: string, path: string, body?: unknown) => {
    const res = await app.request(path, {
      method,
      ...(body === undefined
        ? {}
        : { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }),
    });
    const text = await res.text();
    const json = text && res.headers.get('content-type')?.includes('json') ? JSON.parse(text) : text;
    return { status: res.status, json, text, headers: res.headers };
  };

  beforeAll(async () => {
    ({ db, modules } = await openSetUpDatabase(engine));
    app = testApp(db, modules, { actor: { userId: USER, organisationId: ORGANISATION } }).app;
  });

  afterAll(async () => {
    await db?.close();
  });

  describe.each(FIXTURES.map((f) => ({ code: f.code, fixture: f })))('$code', ({ code, fixture }) => {
    let bodies: FixtureBody[];
    const created = new Map<string, Json>();
    const base = `/api/modules/${code}`;

    beforeAll(async () => {
      bodies = await fixtureBodies(db, modules.get(code) as ModulePlan, fixture);
    });

    it('creates every fixture record through the API, as sent', async () => {
      for (const { level, id, body } of bodies) {
        const res = await call('POST', `${base}/${level}`, body);
        expect(res.status, `${level} ${id}: ${res.text}`).toBe(201);
        expect(res.headers.get('location')).toBe(`${base}/${level}/${id}`);
        const record = res.json as Json;
        for (const [key, value] of Object.entries(body)) {
          // Media items come back completed from the stored file (file_name, mime_type, url).
          if (isMediaList(value)) expect(record[key], `${level}.${key}`).toMatchObject(value);
          else expect(withoutNullKeys(record[key]), `${level}.${key}`).toEqual(value);
        }
        expect(record).toMatchObject({ id, row_version: 1, organisation_id: ORGANISATION, created_by: USER });
        created.set(id, record);
      }
    });

    it('reads each record back as created', async () => {
      for (const { level, id } of bodies) {
        const res = await call('GET', `${base}/${level}/${id}`);
        expect(res.status).toBe(200);
        expect(res.json).toEqual(created.get(id));
      }
    });

    it('lists each level with a filter, a sort and a page', async () => {
      const module = modules.get(code) as ModulePlan;
      for (const plan of module.levels.values()) {
        const mine = bodies.filter((b) => b.level === plan.level.key);
        const sample = mine[0];
        if (!sample) continue;
        const link = plan.parents.find((p) => sample.body[p.column]);
        const filter = link
          ? { name: link.column, value: String(sample.body[link.column]) }
          : { name: 'q', value: String(sample.body[plan.query.search[0] ?? ''] ?? '') };
        const expected = mine.filter((b) =>
          link
            ? b.body[link.column] === filter.value
            : String(b.body[plan.query.search[0] ?? ''] ?? '').includes(filter.value),
        );
        const sort = plan.query.sort[0] ? `&sort=-${plan.query.sort[0]}` : '';
        const path = `${base}/${plan.level.key}?${filter.name}=${encodeURIComponent(filter.value)}${sort}&page=1&page_size=1`;
        const res = await call('GET', path);
        expect(res.status, `${path}: ${res.text}`).toBe(200);
        const page = res.json as { items: Json[]; total: number; page: number; page_size: number };
        expect(page).toMatchObject({ total: expected.length, page: 1, page_size: 1 });
        expect(page.items).toHaveLength(1);
        expect(expected.map((b) => b.id)).toContain(page.items[0]?.id);
      }
    });

    // Typed filters on the module whose fixture has the most variety.
    if (code === 'chiro_gites') {
      it('filters on typed values, lists, observers and children', async () => {
        const ids = async (path: string) => {
          const res = await call('GET', `${base}/${path}`);
          expect(res.status, `${path}: ${res.text}`).toBe(200);
          return (res.json as { items: Json[] }).items.map((r) => r.id);
        };
        expect(await ids('site?roost_type=CAVE')).toEqual([CAVE]);
        expect(await ids('site?roost_type[in]=CAVE,BRIDGE&sort=base_site_name')).toEqual([CAVE, BRIDGE]);
        expect(await ids('site?roost_type[in]=CAVE,BRIDGE&sort=-base_site_name&page=2&page_size=1')).toEqual([
          CAVE,
        ]);
        expect(await ids('site?base_site_name[contains]=PONT')).toEqual([BRIDGE]);
        // Wildcards are searched as typed: `_` is no "any character".
        expect(await ids('site?base_site_name[contains]=de_C')).toEqual([]);
        expect(await ids('site?q=ermite')).toEqual([CAVE]);
        expect(await ids(`visit?observers=${encodeURIComponent('jean dupont')}&sort=visit_date_min`)).toEqual(
          [WINTER_VISIT, SUMMER_VISIT],
        );
        expect(await ids(`visit?observers=${USER}`)).toEqual([SUMMER_VISIT]);
        expect(await ids('visit?visit_date_min[gte]=2024-03-01')).toEqual([SUMMER_VISIT]);
        expect(await ids('visit?disturbance=true')).toEqual([WINTER_VISIT]);
        expect(await ids('observation?count_total[gte]=10')).toEqual([COLONY]);
        expect(await ids('observation?cd_nom[in]=60313,4001')).toEqual([HIBERNATING]);
        expect(await ids(`site/${BRIDGE}/visit`)).toEqual([SUMMER_VISIT]);
        expect((await call('GET', `${base}/site/${SUMMER_VISIT}/visit`)).status).toBe(404);
      });

      it('stops a GeoJSON export at its limit and says so', async () => {
        const limited = testApp(db, modules, { geojsonLimit: 1 }).app;
        const res = await limited.request(`${base}/site.geojson`);
        expect(await res.json()).toMatchObject({ numberReturned: 1, truncated: true });
      });
    }

    it('exports GeoJSON within a bounding box, and CSV from the export view', async () => {
      const module = modules.get(code) as ModulePlan;
      for (const plan of module.levels.values()) {
        const mine = bodies.filter((b) => b.level === plan.level.key);
        if (mine.length === 0) continue;
        const csv = await call('GET', `${base}/${plan.level.key}.csv`);
        expect(csv.status).toBe(200);
        expect(csv.headers.get('content-type')).toContain('text/csv');
        const [header, ...lines] = parseCsv(csv.text);
        expect(header?.[0]).toBe('id');
        expect(header).not.toContain('geom');
        if (plan.hasGeometry) expect(header).toContain('geom_wkt');
        expect(lines.map((l) => l[0]).sort()).toEqual(mine.map((b) => b.id).sort());
        const sample = mine.find((b) => b.body.geometry);
        if (!sample) continue;
        const [x, y] = firstPosition(sample.body.geometry);
        const bbox = [x - 0.0001, y - 0.0001, x + 0.0001, y + 0.0001].join(',');
        const res = await call('GET', `${base}/${plan.level.key}.geojson?bbox=${bbox}`);
        expect(res.status, res.text).toBe(200);
        expect(res.headers.get('content-type')).toContain('application/geo+json');
        const collection = res.json as { type: string; features: { id: string; properties: Json }[] };
        expect(collection.type).toBe('FeatureCollection');
        expect(collection.features.map((f) => f.id)).toContain(sample.id);
        const feature = collection.features.find((f) => f.id === sample.id);
        expect(Object.keys(feature?.properties ?? {})).toEqual(
          expect.arrayContaining(['id', ...plan.level.list.filter((k) => k in created.get(sample.id)!)]),
        );
        const far = await call('GET', `${base}/${plan.level.key}.geojson?bbox=10,10,10.001,10.001`);
        expect((far.json as { features: unknown[] }).features).toEqual([]);
      }
    });

    it('updates each record with the body a GET returned, then refuses the stale version', async () => {
      for (const { level, id } of bodies) {
        const read = created.get(id) as Json;
        const res = await call('PUT', `${base}/${level}/${id}`, read);
        expect(res.status, `${level} ${id}: ${res.text}`).toBe(200);
        expect(res.json).toMatchObject({ id, row_version: 2 });
        const { row_version: _a, updated_at: _b, spec_version: _c, ...same } = read;
        expect(res.json).toMatchObject(same);
        const stale = await call('PUT', `${base}/${level}/${id}`, read);
        expect(stale.status).toBe(409);
        expect(stale.json).toEqual([
          expect.objectContaining({ code: 'stale_row_version', current_row_version: 2 }),
        ]);
      }
    });

    it('refuses to delete a record with children, and deletes leaves first with a deletion_log row', async () => {
      const module = modules.get(code) as ModulePlan;
      const withChildren = bodies.find(({ id, level }) =>
        bodies.some((b) =>
          module.levels.get(b.level)?.parents.some((p) => p.key === level && b.body[p.column] === id),
        ),
      );
      if (withChildren) {
        const res = await call('DELETE', `${base}/${withChildren.level}/${withChildren.id}`);
        expect(res.status).toBe(409);
        expect(res.json).toEqual([expect.objectContaining({ code: 'has_children' })]);
      }
      for (const { level, id } of [...bodies].reverse()) {
        const res = await call('DELETE', `${base}/${level}/${id}?row_version=2`);
        expect(res.status, `${level} ${id}: ${res.text}`).toBe(204);
        expect((await call('GET', `${base}/${level}/${id}`)).status).toBe(404);
      }
      const { rows } = await db.query<{ n: number }>(
        'SELECT count(*)::integer AS n FROM suivi.deletion_log WHERE module_code = $1 AND deleted_by = $2',
        [code, USER],
      );
      expect(rows[0]?.n).toBe(bodies.length);
    });
  });
});
