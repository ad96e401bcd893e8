/**
 * What the record API refuses besides the level's schema and rules, on PGlite and (with DATABASE_URL)
 * PostgreSQL: parent links, taxonomic scope, database refusals mapped to fields (never a 500), stale
 * versions, bad paths and queries, the access hook keeping another organisation out, and a module's
 * route table mounted with per-request operations.
 */
import { Hono } from 'hono';
import { type SqlBool, sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { BRIDGE, CAVE, SUMMER_VISIT } from '../../test/db/fixtures/chiro-gites.data.ts';
import { CAMPAIGN, CONTROL, MANAGED, READING } from '../../test/db/fixtures/flore-quadrats.data.ts';
import { id, ORGANISATION, USER } from '../../test/db/module-fixture.ts';
import { runtimeEngines } from '../../test/helpers/engines.ts';
import { errorResponse, isHttpError } from '../http/errors.ts';
import { loadModulePlan } from './model/load-module.ts';
import { mountModuleRoutes } from './mount.ts';
import { recordOperations } from './operations.ts';
import { EXAMPLE_FOLDERS, testApp } from './records.test-helpers.ts';
import { problems, seededApi } from './seeded-api.test-helpers.ts';

describe.each(runtimeEngines())('record refusals on $name', (engine) => {
  const api = seededApi(engine);
  const { call, like, direct, find } = api;

  const CHIRO = '/api/modules/chiro_gites';
  const FLORE = '/api/modules/flore_quadrats';
  const BIRDS = '/api/modules/oiseaux_points_ecoute';

  describe('mounting a module folder', () => {
    it('mounts its model’s route table and builds the operations of each request from its context', async () => {
      const seen: string[] = [];
      const mounted = new Hono();
      const folder = EXAMPLE_FOLDERS.find((f) => f.code === 'chiro_gites')?.folder as string;
      mountModuleRoutes(mounted, (await loadModulePlan(folder)).model, (c, route) => {
        seen.push(`${route.operation} ${route.level}`);
        const userId = c.req.header('x-user') ?? null;
        return recordOperations({
          db: api.db,
          modules: api.modules,
          actor: { userId, organisationId: ORGANISATION },
        });
      });
      mounted.onError((error) =>
        isHttpError(error) ? errorResponse(error) : new Response(String(error), { status: 500 }),
      );
      const res = await mounted.request(`${CHIRO}/site`, {
        method: 'POST',
        body: JSON.stringify(like(CAVE)),
        headers: { 'content-type': 'application/json', 'x-user': USER },
      });
      expect(res.status).toBe(201);
      expect(await res.json()).toMatchObject({ created_by: USER, updated_by: USER });
      expect((await mounted.request(`${CHIRO}/site?page=0`)).status).toBe(400);
      expect(seen).toEqual(['create site', 'list site']);
    });
  });

  describe('parents, scope and database refusals', () => {
    it('requires parent links that exist, all of them or at least one', async () => {
      expect(problems(await call('POST', `${CHIRO}/visit`, like(SUMMER_VISIT, { site_id: null })))).toEqual([
        '/site_id required',
      ]);
      expect(
        problems(await call('POST', `${CHIRO}/visit`, like(SUMMER_VISIT, { site_id: id(999) }))),
      ).toEqual(['/site_id parent_missing']);
      expect(
        problems(await call('POST', `${FLORE}/visit`, like(READING, { campaign_id: undefined }))),
      ).toEqual(['/campaign_id required']);
      expect(problems(await direct('sample', { tag: 'x' }))).toEqual([' required']);
    });

    it('refuses a taxon outside a group scope', async () => {
      const robin = find('observation', (b) => b.count_lt25 !== undefined);
      expect(problems(await call('POST', `${BIRDS}/observation`, like(robin.id, { cd_nom: 60295 })))).toEqual(
        ['/cd_nom taxon'],
      );
    });

    it('maps foreign keys, duplicate ids and data exceptions to the field', async () => {
      const ghost = await call(
        'POST',
        `${CHIRO}/visit`,
        like(SUMMER_VISIT, { observers: [{ user_id: id(777) }] }),
      );
      expect(problems(ghost)).toEqual(['/observers not_found']);
      const pairing = await call('POST', `${FLORE}/site`, like(MANAGED, { control_quadrat: id(888) }));
      expect(problems(pairing)).toEqual(['/control_quadrat not_found']);
      // The same id with the same body is a replay (200); with another body, a conflict.
      expect((await call('POST', `${CHIRO}/site`, { ...like(BRIDGE), id: BRIDGE })).status).toBe(200);
      const again = await call('POST', `${CHIRO}/site`, { ...like(CAVE), id: BRIDGE });
      expect(again.status).toBe(409);
      expect(problems(again)).toEqual(['/id id_conflict']);
      const year0 = await call('POST', `${CHIRO}/site`, like(CAVE, { first_use_date: '0000-01-01' }));
      expect(problems(year0)).toEqual(['/first_use_date format']);
      const referenced = await call('DELETE', `${FLORE}/site/${CONTROL}`);
      expect(referenced.status).toBe(409);
      expect(problems(referenced)).toEqual([' referenced']);
    });

    it('needs row_version to update and refuses a stale delete', async () => {
      const { row_version: _v, ...noVersion } = (await call('GET', `${FLORE}/campaign/${CAMPAIGN}`)).json;
      expect(problems(await call('PUT', `${FLORE}/campaign/${CAMPAIGN}`, noVersion))).toEqual([
        '/row_version required',
      ]);
      const stale = await call('DELETE', `${FLORE}/campaign/${CAMPAIGN}?row_version=7`);
      expect(stale.status).toBe(409);
      expect(stale.json[0]).toMatchObject({ code: 'stale_row_version', current_row_version: 1 });
    });

    it('answers bad paths and queries with 400 and unknown records with 404', async () => {
      expect((await call('GET', `${CHIRO}/site/not-a-uuid`)).status).toBe(400);
      expect(problems(await call('GET', `${CHIRO}/observation?count_total[gte]=many`))).toEqual([
        '/query/count_total[gte] query-value-invalid',
      ]);
      expect((await call('GET', `${CHIRO}/site?sort=threats`)).status).toBe(400);
      // Values the routes let through but the database refuses: a 15-digit count, the year 0.
      expect((await call('GET', `${CHIRO}/observation?count_total[gte]=999999999999999`)).json).toMatchObject(
        { total: 0 },
      );
      const year0 = await call('GET', `${CHIRO}/site?confidential_until[gte]=0000-01-01`);
      expect(year0.status).toBe(400);
      expect(problems(year0)).toEqual(['/query query-value-invalid']);
      expect((await call('GET', `${CHIRO}/site/${id(4242)}`)).status).toBe(404);
      expect(
        (await call('PUT', `${CHIRO}/site/${id(4242)}`, { ...like(BRIDGE), row_version: 1 })).status,
      ).toBe(404);
      const late = await call('GET', `${CHIRO}/site?page=99`);
      expect(late.json).toMatchObject({ items: [], page: 99 });
    });

    it('keeps another organisation out of reads, writes and exports through the access hook', async () => {
      const other = id(9001);
      await api.db.query('INSERT INTO suivi.organisation (id, name) VALUES ($1, $2)', [other, 'Autre']);
      const scoped = testApp(api.db, api.modules, {
        actor: { userId: null, organisationId: other },
        access: { where: ({ alias }) => sql<SqlBool>`${sql.id(alias, 'organisation_id')} = ${other}::uuid` },
      }).app;
      expect((await call('GET', `${CHIRO}/site/${BRIDGE}`, undefined, scoped)).status).toBe(404);
      expect((await call('GET', `${CHIRO}/site`, undefined, scoped)).json).toMatchObject({ total: 0 });
      expect((await call('DELETE', `${CHIRO}/site/${BRIDGE}`, undefined, scoped)).status).toBe(404);
      const put = await call('PUT', `${CHIRO}/site/${BRIDGE}`, { ...like(BRIDGE), row_version: 1 }, scoped);
      expect(put.status).toBe(404);
      expect(problems(await call('POST', `${CHIRO}/visit`, like(SUMMER_VISIT), scoped))).toEqual([
        '/site_id parent_missing',
      ]);
      const geojson = await call('GET', `${CHIRO}/site.geojson`, undefined, scoped);
      expect(geojson.json.features).toEqual([]);
      const csv = await call('GET', `${CHIRO}/site.csv`, undefined, scoped);
      expect(csv.text.trim().split('\r\n')).toHaveLength(1);
    });

    it('answers references to records out of the read scope as unknown ones, one and several', async () => {
      const zone = await direct('zone', {});
      const plot = await direct('plot', {
        zone_id: zone.json.id,
        geometry: {
          type: 'LineString',
          coordinates: [
            [4.8, 45.7],
            [4.81, 45.71],
          ],
        },
        kind: 'a',
      });
      expect(plot.status, plot.text).toBe(201);
      const other = id(9002);
      await api.db.query('INSERT INTO suivi.organisation (id, name) VALUES ($1, $2)', [other, 'Tierce']);
      const { operations } = testApp(api.db, api.modules, {
        actor: { userId: null, organisationId: other },
        access: { where: ({ alias }) => sql<SqlBool>`${sql.id(alias, 'organisation_id')} = ${other}::uuid` },
      });
      const zoneNaming = async (target: unknown) => {
        const body = { best_plot: target, other_plots: [id(9003), target] };
        try {
          await operations.validate({ module: 'edge_cases', level: 'zone', mode: 'create', body });
          return 'accepted';
        } catch (error) {
          return isHttpError(error) ? { status: error.status, details: error.details } : error;
        }
      };
      const hidden = await zoneNaming(plot.json.id);
      expect(hidden).toMatchObject({
        status: 422,
        details: [
          { path: '/best_plot', code: 'not_found' },
          { path: '/other_plots/0', code: 'not_found' },
          { path: '/other_plots/1', code: 'not_found' },
        ],
      });
      expect(hidden).toEqual(await zoneNaming(id(9004)));
      // Unscoped, the same plot is a valid target.
      const seen = await direct('zone', { best_plot: plot.json.id, other_plots: [plot.json.id] });
      expect(seen.status, seen.text).toBe(201);
    });
  });
});
