/**
 * Every validation path of the record API, through the generated routes, on PGlite and (with
 * DATABASE_URL) PostgreSQL: JSON Schema (types, unknown fields, sizes, geometries) and rules (hidden
 * values cleared, computed values recomputed, defaults, read-only fields, conditional requirements,
 * rule bounds, choice filters, ancestors' fields, group rows). Every refusal is a 422 with
 * `[{ path, code, message }]`.
 */
import { describe, expect, it } from 'vitest';
import { BRIDGE, CAVE, COLONY, SUMMER_VISIT, WINTER_VISIT } from '../../test/db/fixtures/chiro-gites.data.ts';
import { CONTROL, READING, STATION } from '../../test/db/fixtures/flore-quadrats.data.ts';
import { USER } from '../../test/db/module-fixture.ts';
import { runtimeEngines } from '../../test/helpers/engines.ts';
import { problems, seededApi } from './seeded-api.test-helpers.ts';

describe.each(runtimeEngines())('record validation on $name', (engine) => {
  const api = seededApi(engine);
  const { call, like, direct, find } = api;

  const CHIRO = '/api/modules/chiro_gites';
  const FLORE = '/api/modules/flore_quadrats';
  const BIRDS = '/api/modules/oiseaux_points_ecoute';
  const AMPHI = '/api/modules/amphibiens_mares';

  describe('JSON Schema', () => {
    it('refuses a wrong type, an unknown field (in a group row too) and a body that is no object', async () => {
      const res = await call(
        'POST',
        `${CHIRO}/site`,
        like(BRIDGE, { expansion_joint_count: 'four', colour: 'red' }),
      );
      expect(res.status).toBe(422);
      expect(problems(res)).toEqual(['/colour unknown_field', '/expansion_joint_count type']);
      expect(res.json[1]?.message).toContain('« Nombre de joints de dilatation »');
      const row = await call(
        'POST',
        `${FLORE}/visit`,
        like(READING, { strata_cover: [{ stratum: 'herb', cover_pct: 5, foo: 1 }] }),
      );
      expect(problems(row)).toEqual(['/strata_cover/0/foo unknown_field']);
      expect(problems(await call('POST', `${CHIRO}/site`, [1, 2]))).toEqual([' type']);
      const proto = await call(
        'POST',
        `${CHIRO}/site`,
        JSON.parse(`{"__proto__": {"x": 1}, "base_site_name": "P"}`),
      );
      expect(problems(proto)).toContain('/__proto__ unknown_field');
    });

    it('refuses oversize and malformed texts, out-of-range integers and NUL characters', async () => {
      const res = await call(
        'POST',
        `${CHIRO}/site`,
        like(BRIDGE, {
          place_name: 'x'.repeat(256),
          municipality_code: '3505A',
          underground_length: 1,
          access_notes: 'a\u0000b',
        }),
      );
      expect(problems(res)).toEqual([
        '/place_name max_length',
        '/municipality_code pattern',
        '/access_notes invalid_character',
      ]);
      const big = await call('POST', `${CHIRO}/site`, like(CAVE, { underground_length: 1e12 }));
      expect(problems(big)).toEqual(['/underground_length max']);
    });

    it('refuses more decimals than the field keeps, saying how many, and stores exactly what it takes', async () => {
      const res = await call('POST', `${CHIRO}/site`, like(BRIDGE, { joint_gap_width: 12.55 }));
      expect(res.status).toBe(422);
      expect(problems(res)).toEqual(['/joint_gap_width decimals']);
      expect(res.json[0]?.message).toContain('au plus 1');
      const exact = await call('POST', `${CHIRO}/site`, like(BRIDGE, { joint_gap_width: 12.5 }));
      expect(exact.status, exact.text).toBe(201);
      expect(exact.json.joint_gap_width).toBe(12.5);
    });

    it('refuses geometries of the wrong type, outside WGS 84, unclosed or self-intersecting', async () => {
      const line = {
        type: 'LineString',
        coordinates: [
          [0, 0],
          [1, 1],
        ],
      };
      expect(problems(await call('POST', `${CHIRO}/site`, like(BRIDGE, { geometry: line })))).toEqual([
        '/geometry geometry',
      ]);
      const far = { type: 'Point', coordinates: [500, 48] };
      expect(problems(await call('POST', `${CHIRO}/site`, like(BRIDGE, { geometry: far })))).toEqual([
        '/geometry geometry',
      ]);
      const open = {
        type: 'Polygon',
        coordinates: [
          [
            [0, 0],
            [1, 0],
            [1, 1],
            [0, 1],
          ],
        ],
      };
      expect(problems(await call('POST', `${FLORE}/site`, like(CONTROL, { geometry: open })))).toEqual([
        '/geometry geometry',
      ]);
      const bowtie = {
        type: 'Polygon',
        coordinates: [
          [
            [0, 0],
            [1, 1],
            [1, 0],
            [0, 1],
            [0, 0],
          ],
        ],
      };
      const res = await call('POST', `${FLORE}/site`, like(CONTROL, { geometry: bowtie }));
      expect(res.status).toBe(422);
      expect(problems(res)).toEqual(['/geometry geometry']);
    });
  });

  describe('rules', () => {
    it('clears hidden fields, even when their value is wrong', async () => {
      const res = await call(
        'POST',
        `${CHIRO}/site`,
        like(BRIDGE, { roost_type: 'BUILDING', expansion_joint_count: 'x' }),
      );
      expect(res.status, res.text).toBe(201);
      expect(res.json).toMatchObject({
        roost_type: 'BUILDING',
        bridge_material: null,
        expansion_joint_count: null,
      });
    });

    it('recomputes computed fields and ignores the value sent', async () => {
      const body = like(COLONY, { count_total: 999, count_adults: 2, count_juveniles: 4, count_unknown: 1 });
      const res = await call('POST', `${CHIRO}/observation`, body);
      expect(res.status, res.text).toBe(201);
      expect(res.json.count_total).toBe(7);
    });

    it('reads ancestors: a parent field in a computed value, an ancestor in visibility', async () => {
      const point = find('site', (b) => b.point_number);
      const res = await call('POST', `${BIRDS}/site`, {
        ...like(point.id),
        point_number: 7,
        base_site_name: 'ignored',
      });
      expect(res.json.base_site_name).toBe('350123-P7');
      // Juveniles are counted in summer only: cleared under the winter visit.
      const winter = await call('POST', `${CHIRO}/observation`, like(COLONY, { visit_id: WINTER_VISIT }));
      expect(winter.status, winter.text).toBe(201);
      expect(winter.json).toMatchObject({ count_juveniles: null, repro_status: null, count_total: 12 });
    });

    it('applies defaults to a new record: literals, codes, currentUser() and an ancestor’s values', async () => {
      const { visit_method: _m, observers: _o, ...rest } = like(SUMMER_VISIT);
      const res = await call('POST', `${CHIRO}/visit`, rest);
      expect(res.status, res.text).toBe(201);
      expect(res.json).toMatchObject({
        visit_method: 'VISUAL',
        observers: [{ user_id: USER }],
        guano: false,
      });
      const { observers: _x, id_dataset: _d, ...reading } = like(READING);
      const fromCampaign = await call('POST', `${FLORE}/visit`, reading);
      expect(fromCampaign.status, fromCampaign.text).toBe(201);
      expect(fromCampaign.json.observers).toEqual([{ user_id: USER }, { name: 'Marie Curie' }]);
      expect(fromCampaign.json.id_dataset).toBe('9b1d5f3a-7e2c-4b8d-a6f4-3c9e1b7d5a41');
    });

    it('keeps read-only fields as the server set them', async () => {
      const passage = find('visit', (b) => b.habitat_primary);
      const created = await call('POST', `${BIRDS}/visit`, like(passage.id, { count_duration: 99 }));
      expect(created.json.count_duration).toBe(5);
      const path = `${BIRDS}/visit/${created.json.id}`;
      const updated = await call('PUT', path, { ...created.json, count_duration: 42, start_time: '08:15' });
      expect(updated.status, updated.text).toBe(200);
      expect(updated.json).toMatchObject({ count_duration: 5, start_time: '08:15', row_version: 2 });
    });

    it('requires fields whose requirement rule holds, only while they are visible', async () => {
      const res = await call('POST', `${CHIRO}/visit`, like(SUMMER_VISIT, { visit_method: 'EMERGENCE' }));
      expect(problems(res)).toEqual(['/visit_start required']);
      expect(res.json[0]?.message).toBe('« Heure de début » est obligatoire.');
      const amphi = find('visit', (b) => b.accessibility);
      const closed = await call('POST', `${AMPHI}/visit`, like(amphi.id, { accessibility: 'Non' }));
      expect(problems(closed)).toEqual(['/inaccessible_reason required']);
    });

    it('enforces bounds given by rules, on the record and on an ancestor', async () => {
      const before = await call(
        'POST',
        `${CHIRO}/visit`,
        like(SUMMER_VISIT, { visit_date_max: '2024-06-01' }),
      );
      expect(problems(before)).toEqual(['/visit_date_max min']);
      expect(before.json[0]?.message).toContain('2024-06-20');
      const outside = await call('POST', `${FLORE}/visit`, like(READING, { visit_date_min: '2024-04-01' }));
      expect(problems(outside)).toEqual(['/visit_date_min min']);
    });

    it('enforces choice filters', async () => {
      const detail = await call(
        'POST',
        `${FLORE}/sites_group`,
        like(STATION, { habitat_detail: 'WETLAND_FEN' }),
      );
      expect(problems(detail)).toEqual(['/habitat_detail choice']);
      const passage = find('visit', (b) => b.habitat_primary);
      const secondary = await call(
        'POST',
        `${BIRDS}/visit`,
        like(passage.id, { habitat_secondary: ['A', 'D'] }),
      );
      expect(problems(secondary)).toEqual(['/habitat_secondary choice']);
    });

    it('runs the rules of group rows with `row` and `value`', async () => {
      const zone = await direct('zone', {});
      expect(zone.status, zone.text).toBe(201);
      const line = {
        type: 'LineString',
        coordinates: [
          [0, 0],
          [1, 1],
        ],
      };
      const plot = {
        zone_id: zone.json.id,
        geometry: line,
        kind: 'a',
        rows: [
          { m: 2, n: 3 },
          { m: 5, n: 1, who: [{ name: 'Ana' }] },
        ],
      };
      expect(problems(await direct('plot', plot))).toEqual(['/rows/0/n max']);
      const ok = await direct('plot', {
        ...plot,
        kind: "b'c",
        rows: [{ m: 2, n: 3, who: [{ name: 'Ana' }] }],
      });
      expect(ok.status, ok.text).toBe(201);
      // m is hidden unless the plot's kind is 'a': cleared, so n has no bound.
      expect(ok.json.rows).toEqual([{ m: null, n: 3, who: [{ name: 'Ana' }], pic: null }]);
    });
  });
});
