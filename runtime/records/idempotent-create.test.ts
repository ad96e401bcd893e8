/**
 * Creates with a client id are idempotent (operations/replay.ts), on PGlite and (with DATABASE_URL)
 * PostgreSQL: every fixture record of every example module (media, group rows with observers and media,
 * several references, geometries, dates and times) sent again answers 200 with the stored record and
 * writes nothing; the same id with another body is 409 `id_conflict`; two identical creates at once end
 * in one record, answered 201 and 200.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { edgeCases } from '../../test/db/fixtures/edge-cases.ts';
import { ORGANISATION, USER } from '../../test/db/module-fixture.ts';
import { runtimeEngines } from '../../test/helpers/engines.ts';
import { fixtureBodies } from './fixture-bodies.test-helpers.ts';
import type { RecordHooks } from './hooks.ts';
import type { ModulePlan } from './model/module-plan.ts';
import { recordOperations } from './operations.ts';
import { type Json, problems, seededApi } from './seeded-api.test-helpers.ts';

const MODULES = ['amphibiens_mares', 'chiro_gites', 'flore_quadrats', 'oiseaux_points_ecoute'];

describe.each(runtimeEngines())('idempotent creates on $name', (engine) => {
  const api = seededApi(engine);
  const { call } = api;

  /** What a write leaves behind: history rows, deletion log rows, and the records' versions. */
  async function footprint(): Promise<string> {
    const counts = await api.db.query<{ h: number; d: number }>(
      `SELECT (SELECT count(*)::integer FROM suivi.record_history) AS h,
              (SELECT count(*)::integer FROM suivi.deletion_log) AS d`,
    );
    return JSON.stringify(counts.rows[0]);
  }

  /** The example module holding fixture record `id` (several modules have a `site` level). */
  async function moduleOf(level: string, id: string): Promise<string> {
    for (const m of MODULES)
      if (
        api.modules.get(m)?.levels.has(level) &&
        (await call('GET', `/api/modules/${m}/${level}/${id}`)).status === 200
      )
        return m;
    throw new Error(`no module holds ${level} ${id}`);
  }

  it('answers every fixture record sent again with the stored record, writing nothing', async () => {
    const before = await footprint();
    let replays = 0;
    for (const b of api.bodies.values()) {
      const code = await moduleOf(b.level, b.id);
      const path = `/api/modules/${code}/${b.level}`;
      const stored = await call('GET', `${path}/${b.id}`);
      const again = await call('POST', path, b.body);
      expect(again.status, `${code} ${b.level} ${again.text}`).toBe(200);
      expect(again.json).toEqual(stored.json);
      replays++;
    }
    expect(replays).toBeGreaterThan(20);
    expect(await footprint()).toBe(before);
  });

  it('compares group rows with observers and media, and several references (edge-case module)', async () => {
    const plan = api.modules.get('edge_cases') as ModulePlan;
    const bodies = await fixtureBodies(api.db, plan, edgeCases);
    let replayed = 0;
    const plots: string[] = [];
    for (const b of bodies) {
      // The zone names plots created after it: it is created without them, they are tried below.
      const { best_plot: _best, other_plots: _others, ...body } = b.body;
      const first = await api.direct(b.level, body);
      expect(first.status, `${b.level} ${JSON.stringify(first.json)}`).toBe(201);
      if (b.level === 'plot') plots.push(b.id);
      const again = await api.direct(b.level, body);
      expect(again.status, JSON.stringify(again.json)).toBe(200);
      expect(again.json).toEqual(first.json);
      replayed++;
    }
    // Several references are a set: another order is the same value.
    const zone = bodies.find((b) => b.level === 'zone')?.body as Json;
    const { best_plot: _best, ...named } = zone;
    const withPlots = { ...named, id: randomUUID(), other_plots: plots };
    expect((await api.direct('zone', withPlots)).status).toBe(201);
    const reversed = { ...withPlots, other_plots: [...plots].reverse() };
    expect((await api.direct('zone', reversed)).status).toBe(plots.length > 0 ? 200 : 201);
    expect((await api.direct('zone', { ...withPlots, other_plots: plots.slice(1) })).status).toBe(409);
    expect(replayed).toBeGreaterThan(0);
    const withMediaRows = bodies.some((b) => JSON.stringify(b.body).includes('storage_key'));
    expect(withMediaRows).toBe(true);
  });

  it('normalises values as the database stores them: a time with :00 seconds is the same time', async () => {
    const id = randomUUID();
    const visit = api.find('visit', (body) => Object.values(body).some((v) => /^\d\d:\d\d$/.test(String(v))));
    const timeKey = Object.keys(visit.body).find((k) => /^\d\d:\d\d$/.test(String(visit.body[k])));
    const code = await moduleOf('visit', visit.id);
    const body: Json = { ...api.like(visit.id), id };
    const first = await call('POST', `/api/modules/${code}/visit`, body);
    expect(first.status, first.text).toBe(201);
    if (timeKey) {
      const seconds = { ...body, [timeKey]: `${body[timeKey]}:00` };
      expect((await call('POST', `/api/modules/${code}/visit`, seconds)).status).toBe(200);
    }
    // Visibility-cleared or omitted empties are the same as nulls.
    const withNulls: Json = { ...body };
    for (const [k, v] of Object.entries(withNulls)) if (v === null) delete withNulls[k];
    expect((await call('POST', `/api/modules/${code}/visit`, withNulls)).status).toBe(200);
  });

  it('runs no hook on a replay: a create’s side effects happen once', async () => {
    const calls: string[] = [];
    const hooks: RecordHooks = {
      has: () => true,
      run: async (event) => void calls.push(event),
    };
    const actor = { userId: USER, organisationId: ORGANISATION };
    const ops = recordOperations({ db: api.db, modules: api.modules, actor, hooks });
    const visit = api.find('visit', () => true);
    const module = await moduleOf('visit', visit.id);
    const target = { module, level: 'visit' };
    const body = { ...api.like(visit.id), id: randomUUID() };
    const send = async () => {
      const valid = await ops.validate({ ...target, mode: 'create', body });
      return (await ops.create({ ...target, body: valid })).status;
    };
    expect(await send()).toBe(201);
    expect(await send()).toBe(200);
    expect(calls).toEqual(['beforeCreate', 'afterCreate']);
  });

  it('refuses the same id with another body: 409 id_conflict at /id, nothing changed', async () => {
    const site = api.find('site', (body) => typeof body.base_site_name === 'string');
    const code = await moduleOf('site', site.id);
    const before = await call('GET', `/api/modules/${code}/site/${site.id}`);
    const other = await call('POST', `/api/modules/${code}/site`, {
      ...site.body,
      base_site_name: `${String(site.body.base_site_name)} (autre)`,
    });
    expect(other.status).toBe(409);
    expect(problems(other)).toEqual(['/id id_conflict']);
    expect((await call('GET', `/api/modules/${code}/site/${site.id}`)).json).toEqual(before.json);
  });

  it('ends two identical creates sent at once with one record, answered 201 and 200', async () => {
    const visit = api.find('visit', () => true);
    const code = await moduleOf('visit', visit.id);
    const body = { ...api.like(visit.id), id: randomUUID() };
    const answers = await Promise.all([
      call('POST', `/api/modules/${code}/visit`, body),
      call('POST', `/api/modules/${code}/visit`, body),
      call('POST', `/api/modules/${code}/visit`, body),
    ]);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 200, 201]);
    const ids = new Set(answers.map((a) => a.json.id));
    expect([...ids]).toEqual([body.id]);
    const plan = api.modules.get(code)?.levels.get('visit');
    if (!plan) throw new Error('no visit level');
    const { rows } = await api.db.query<{ n: number }>(
      `SELECT count(*)::integer AS n FROM ${plan.shape.table.schema}.${plan.shape.table.name} WHERE id = $1`,
      [body.id],
    );
    expect(rows[0]?.n).toBe(1);
  });
});
