/**
 * Hostile input to the record API through the server's app, on PGlite and (with DATABASE_URL)
 * PostgreSQL, each once a 500 (issue 17): JSON nested thousands of levels deep in a write, impossible
 * dates in list filters, NUL characters in filters, `q` (the reference-data searches' too), validation
 * comments and record texts, bodies not sent as JSON, Z coordinates. Each answer is a 4xx
 * `[{ path, code, message }]` naming the culprit.
 */
import type { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runtimeEngines } from '../../test/helpers/engines.ts';
import { EXAMPLE_CODES, exampleProtocol } from '../../test/helpers/examples.ts';
import { type Caller, serverApp, signIn } from '../auth/auth.test-helpers.ts';
import type { Database } from '../db/database.ts';
import { seedDemoRecords } from '../demo/demo-records.ts';
import { EXAMPLES_ROOT, generatedModuleFolders } from '../modules/folders.ts';
import { loadModules } from '../modules/load.ts';
import { MAX_JSON_DEPTH } from './json-body.ts';

type Json = Record<string, unknown>;
const MODULES = '/api/modules';
const CHIRO = `${MODULES}/chiro_gites`;
const FLORE = `${MODULES}/flore_quadrats`;
const AMPHIBIENS = `${MODULES}/amphibiens_mares`;
const UNKNOWN_ID = '0b7e9f7c-3c52-4d8e-9a51-2f1c6b0d4e11';

/** `{"<key>": [[[…]]]}` with `depth` levels of arrays, as text (JSON.stringify would overflow). */
const nestedBody = (key: string, depth: number) =>
  `{${JSON.stringify(key)}: ${'['.repeat(depth)}${']'.repeat(depth)}}`;

/** A record as a create body: its envelope dropped (the id would be a duplicate). */
const asNew = (record: Json): Json => {
  const { id: _id, row_version: _v, ...rest } = record;
  return rest;
};

/** `path code` of each problem; fails unless the answer is a 4xx list of `{ path, code, message }`. */
function problems(res: { status: number; json: unknown }): string[] {
  expect(res.status, JSON.stringify(res.json)).toBeGreaterThanOrEqual(400);
  expect(res.status).toBeLessThan(500);
  const list = res.json as { path: unknown; code: unknown; message: unknown }[];
  expect(Array.isArray(list), JSON.stringify(res.json)).toBe(true);
  for (const p of list) {
    expect(typeof p.path).toBe('string');
    expect(typeof p.code).toBe('string');
    expect(typeof p.message).toBe('string');
  }
  return list.map((p) => `${p.path} ${p.code}`);
}

describe.each(runtimeEngines())('hostile input to the record API on $name', (engine) => {
  let db: Database;
  let app: Hono;
  let admin: Caller;

  /** A raw request with the administrator's cookie: any body text, any Content-Type (or none). */
  async function send(method: string, path: string, body: string | Uint8Array<ArrayBuffer>, type?: string) {
    const res = await app.request(path, {
      method,
      body,
      headers: { ...admin.headers, ...(type === undefined ? {} : { 'content-type': type }) },
    });
    const text = await res.text();
    return { status: res.status, json: text ? (JSON.parse(text) as unknown) : null };
  }

  async function first(path: string, test: (r: Json) => unknown = () => true): Promise<Json> {
    const res = await admin.call('GET', `${path}?page_size=500`);
    const found = (res.json.items as Json[]).find(test);
    if (!found) throw new Error(`no record of ${path} fits`);
    return found;
  }

  beforeAll(async () => {
    ({ db, app } = await serverApp(engine));
    // The demo records: a record of every level to PUT, validate and copy. And the reference data.
    const modules = await loadModules(db, generatedModuleFolders(EXAMPLES_ROOT));
    await seedDemoRecords(db, modules);
    admin = await signIn(app, 'admin');
  });
  afterAll(async () => db?.close());

  describe('A: deeply nested JSON', () => {
    it('is a 422 naming the field on POST and PUT of every level, whatever the depth', async () => {
      for (const code of EXAMPLE_CODES)
        for (const level of exampleProtocol(code).levels) {
          const key = level.fields.find((f) => f.kind !== 'section')?.key ?? 'x';
          const path = `${MODULES}/${code}/${level.key}`;
          for (const [method, url] of [
            ['POST', path],
            ['PUT', `${path}/${UNKNOWN_ID}`],
          ] as const) {
            const res = await send(method, url, nestedBody(key, 5_000), 'application/json');
            expect(res.status, `${method} ${url}`).toBe(422);
            expect(problems(res)).toEqual([`/${key} too_deep`]);
            expect((res.json as Json[])[0]?.message).toContain(`« ${key} »`);
          }
        }
    });

    it('answers 422 at every depth around the limit and far beyond it', async () => {
      for (const depth of [3, MAX_JSON_DEPTH - 1, MAX_JSON_DEPTH, 3_000, 5_000, 200_000]) {
        const res = await send('POST', `${CHIRO}/site`, nestedBody('place_name', depth), 'application/json');
        expect(res.status, `depth ${depth}`).toBe(422);
        expect(problems(res)).toContain(depth < MAX_JSON_DEPTH ? '/place_name type' : '/place_name too_deep');
      }
    });

    it('is refused on the Validate action too', async () => {
      const obs = await first(`${CHIRO}/observation`);
      const res = await send(
        'POST',
        `${CHIRO}/observation/${obs.id}/validation`,
        nestedBody('comment', 5_000),
        'application/json',
      );
      expect(res.status).toBe(422);
      expect(problems(res)).toEqual(['/comment too_deep']);
    });
  });

  describe('B: impossible dates in filters', () => {
    it('is a 400 naming the parameter on list, CSV and GeoJSON, with eq, [gte] and [lte]', async () => {
      const routes = [
        ['confidential_until', [`${CHIRO}/site`, `${CHIRO}/site.csv`, `${CHIRO}/site.geojson`]],
        ['visit_date_min', [`${AMPHIBIENS}/visit`, `${AMPHIBIENS}/visit.csv`]],
      ] as const;
      for (const [field, paths] of routes)
        for (const path of paths)
          for (const name of [field, `${field}[gte]`, `${field}[lte]`])
            for (const value of ['2025-13-01', '2025-00-10', '2025-99-99', '2025-02-30']) {
              const url = `${path}?${encodeURIComponent(name)}=${value}`;
              const res = await admin.call('GET', url);
              expect(res.status, url).toBe(400);
              expect(problems(res)).toEqual([`/query/${name} query-value-invalid`]);
            }
    });

    it('is a 400 for a time out of range', async () => {
      const res = await admin.call('GET', `${MODULES}/oiseaux_points_ecoute/visit?start_time[gte]=25:00`);
      expect(problems(res)).toEqual(['/query/start_time[gte] query-value-invalid']);
    });
  });

  describe('C: NUL characters in filters and q', () => {
    it('is the same 400 on list, CSV and GeoJSON', async () => {
      for (const path of [`${CHIRO}/site`, `${CHIRO}/site.csv`, `${CHIRO}/site.geojson`])
        for (const name of ['place_name', 'place_name[contains]', 'q']) {
          const res = await admin.call('GET', `${path}?${encodeURIComponent(name)}=a%00b`);
          expect(res.status, `${path} ${name}`).toBe(400);
          expect(problems(res)).toEqual([`/query/${name} query-value-invalid`]);
        }
    });

    it('is a 400 naming q in the reference-data searches', async () => {
      for (const url of ['/api/users?q=a%00b', '/api/taxa?q=abc%00d', '/api/vocabularies/x?codes=a%00b']) {
        const res = await admin.call('GET', url);
        expect(res.status, url).toBe(400);
        expect(problems(res)).toEqual([`/query/${url.includes('codes') ? 'codes' : 'q'} invalid_character`]);
      }
    });

    it('is a 400 on GeoJSON for any value the database refuses (the year 0)', async () => {
      const res = await admin.call('GET', `${CHIRO}/site.geojson?confidential_until[gte]=0000-01-01`);
      expect(res.status).toBe(400);
      expect(problems(res)).toEqual(['/query query-value-invalid']);
    });
  });

  describe('D: NUL characters in texts of a body', () => {
    it('is a 422 at /comment in a validation comment, changing nothing', async () => {
      const obs = await first(`${CHIRO}/observation`);
      const res = await admin.call('POST', `${CHIRO}/observation/${obs.id}/validation`, {
        status: '1',
        comment: 'vu\u0000',
      });
      expect(res.status).toBe(422);
      expect(problems(res)).toEqual(['/comment invalid_character']);
      const after = await admin.call('GET', `${CHIRO}/observation/${obs.id}`);
      expect(after.json).toMatchObject({
        row_version: obs.row_version,
        validation_status: obs.validation_status,
      });
    });

    it('is a 422 naming the field in a record text, an observer name and a media title', async () => {
      const site = await first(`${CHIRO}/site`);
      const text = await admin.call('PUT', `${CHIRO}/site/${site.id}`, { ...site, place_name: 'a\u0000b' });
      expect(problems(text)).toEqual(['/place_name invalid_character']);
      const campaign = await first(`${FLORE}/campaign`);
      const observer = await admin.call('PUT', `${FLORE}/campaign/${campaign.id}`, {
        ...campaign,
        team: [{ name: 'Élise\u0000' }],
      });
      expect(problems(observer)).toEqual(['/team invalid_character']);
      // The photos are shown (and kept) only when target stems were counted.
      const reading = await first(`${FLORE}/visit`, (r) => Number(r.target_total) > 0);
      const media = await admin.call('PUT', `${FLORE}/visit/${reading.id}`, {
        ...reading,
        target_photos: [{ storage_key: UNKNOWN_ID, title: 'photo\u0000' }],
      });
      expect(problems(media)).toEqual(['/target_photos invalid_character']);
    });
  });

  describe('Content-Type', () => {
    it('is a 415 naming the header for a body not sent as application/json', async () => {
      const site = await first(`${CHIRO}/site`);
      const obs = await first(`${CHIRO}/observation`);
      const writes = [
        ['POST', `${CHIRO}/site`, JSON.stringify(asNew(site))],
        ['PUT', `${CHIRO}/site/${site.id}`, JSON.stringify(site)],
        ['POST', `${CHIRO}/observation/${obs.id}/validation`, JSON.stringify({ status: '1' })],
      ] as const;
      for (const [method, url, body] of writes)
        for (const type of [
          'text/plain',
          'application/x-www-form-urlencoded',
          'application/jsonx',
          undefined,
        ]) {
          // Without a type, bytes: a string body would be given `text/plain` by the Request itself.
          const res = await send(method, url, type ? body : new TextEncoder().encode(body), type);
          expect(res.status, `${method} ${url} ${type}`).toBe(415);
          expect(problems(res)).toEqual(['/headers/content-type unsupported_media_type']);
        }
      const after = await admin.call('GET', `${CHIRO}/site/${site.id}`);
      expect(after.json.row_version).toBe(site.row_version);
    });

    it('accepts application/json with parameters, in any case', async () => {
      const site = await first(`${CHIRO}/site`);
      const body = JSON.stringify({ ...asNew(site), base_site_name: 'Typé' });
      const res = await send('POST', `${CHIRO}/site`, body, 'Application/JSON; charset=utf-8');
      expect(res.status, JSON.stringify(res.json)).toBe(201);
    });
  });

  describe('Z coordinates', () => {
    it('are refused with a 422 naming the geometry, the level’s or a geometry field’s', async () => {
      const site = await first(`${CHIRO}/site`);
      const z = { type: 'Point', coordinates: [5.05, 44.75, 312] };
      const point = await admin.call('POST', `${CHIRO}/site`, { ...asNew(site), geometry: z });
      expect(point.status).toBe(422);
      expect(problems(point)).toEqual(['/geometry geometry_z']);
      expect((point.json as Json[])[0]?.message).toContain('« Localisation »');
      expect((point.json as Json[])[0]?.message).toContain('altitude');
      const quadrat = await first(`${FLORE}/site`);
      const path = {
        type: 'LineString',
        coordinates: [
          [5.7, 45.85],
          [5.71, 45.86, 230],
        ],
      };
      const line = await admin.call('PUT', `${FLORE}/site/${quadrat.id}`, { ...quadrat, access_path: path });
      expect(problems(line)).toEqual(['/access_path geometry_z']);
      expect((line.json as Json[])[0]?.message).toContain('« Cheminement d');
    });

    it('stores 2D positions as they are', async () => {
      const site = await first(`${CHIRO}/site`);
      const flat = { type: 'Point', coordinates: [5.05, 44.75] };
      const res = await admin.call('POST', `${CHIRO}/site`, {
        ...asNew(site),
        base_site_name: 'Plat',
        geometry: flat,
      });
      expect(res.status, JSON.stringify(res.json)).toBe(201);
      expect(res.json.geometry).toEqual(flat);
    });
  });
});
