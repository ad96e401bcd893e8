/**
 * Ids of another organisation's records, through the server's app on both engines: a reference field or
 * a parent link naming a record the caller cannot read is answered exactly like an unknown id (so the
 * answer tells nothing of its existence, and the owner can still delete it); a grant reading that
 * organisation's records lets the reference through; creating a record with a taken id gets one answer
 * whoever holds the id; ids the server gives are random UUIDs.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runtimeEngines } from '../../test/helpers/engines.ts';
import type { Database } from '../db/database.ts';
import { DEMO_ACCOUNTS } from '../demo/demo-data.ts';
import { type Answer, type Caller, serverApp, signIn } from './auth.test-helpers.ts';

const BASE = '/api/modules/flore_quadrats';
type Body = Record<string, unknown>;

/** The demo file's first record of `level` (with `key` set, when given), as a body without its ids. */
const DEMO = JSON.parse(
  readFileSync(new URL('../../examples/flore_quadrats/demo/records.json', import.meta.url), 'utf8'),
) as { records: { level: string; record: Body }[] };
function demoBody(level: string, has?: string): Body {
  const found = DEMO.records.find((r) => r.level === level && (!has || has in r.record));
  if (!found) throw new Error(`no demo ${level}`);
  const { id: _id, sites_group_id: _group, control_quadrat: _control, ...rest } = found.record;
  return rest;
}
const GROUP = demoBody('sites_group');
const CONTROL = demoBody('site');
const MANAGED = demoBody('site', 'control_quadrat');

/** What a client can tell apart: the status and the whole body. */
const seen = (a: Answer) => ({ status: a.status, json: a.json });

describe.each(runtimeEngines())('ids of another organisation’s records on $name', (engine) => {
  let db: Database;
  let app: Hono;
  let cen: Caller;
  let chiro: Caller;
  let n = 0;
  let chiroGroup: string;

  const created = async (who: Caller, level: string, body: Body): Promise<Body> => {
    const res = await who.call('POST', `${BASE}/${level}`, body);
    expect(res.status, JSON.stringify(res.json)).toBe(201);
    return res.json;
  };
  /** A new site of `who` under `group` (codes kept unique). */
  const site = (who: Caller, group: string, body: Body = CONTROL) =>
    created(who, 'site', { ...body, sites_group_id: group, base_site_code: `T-${++n}` });

  beforeAll(async () => {
    ({ db, app } = await serverApp(engine, (f) => f.includes('flore_quadrats')));
    [cen, chiro] = [await signIn(app, 'partenaire.cen'), await signIn(app, 'partenaire.chiro')];
    chiroGroup = (await created(chiro, 'sites_group', GROUP)).id as string;
  });
  afterAll(async () => db?.close());

  it('answers a reference to a record the caller cannot read as it answers an unknown id', async () => {
    const cenGroup = (await created(cen, 'sites_group', GROUP)).id as string;
    const hidden = (await site(cen, cenGroup)).id as string;
    const managed = { ...MANAGED, sites_group_id: chiroGroup, base_site_code: 'T-managed' };
    const foreign = await chiro.call('POST', `${BASE}/site`, { ...managed, control_quadrat: hidden });
    const unknown = await chiro.call('POST', `${BASE}/site`, { ...managed, control_quadrat: randomUUID() });
    expect(foreign.status).toBe(422);
    expect(foreign.json).toEqual([
      { path: '/control_quadrat', code: 'not_found', message: expect.stringContaining('n’existe pas') },
    ]);
    expect(seen(foreign)).toEqual(seen(unknown));
    // The same on update of the caller's own record.
    const own = await site(chiro, chiroGroup, MANAGED);
    const put = (control: string) =>
      chiro.call('PUT', `${BASE}/site/${own.id}`, { ...own, control_quadrat: control });
    expect(seen(await put(hidden))).toEqual(seen(await put(randomUUID())));
    expect((await put(hidden)).status).toBe(422);
    // A parent link too: another organisation's group is a missing parent, like an unknown one.
    const under = (group: string) =>
      chiro.call('POST', `${BASE}/site`, { ...CONTROL, sites_group_id: group });
    const parent = await under(cenGroup);
    expect(parent.json).toEqual([
      { path: '/sites_group_id', code: 'parent_missing', message: expect.any(String) },
    ]);
    expect(seen(parent)).toEqual(seen(await under(randomUUID())));
    const moved = await chiro.call('PUT', `${BASE}/site/${own.id}`, { ...own, sites_group_id: cenGroup });
    const lost = await chiro.call('PUT', `${BASE}/site/${own.id}`, { ...own, sites_group_id: randomUUID() });
    expect(moved.status).toBe(422);
    expect(seen(moved)).toEqual(seen(lost));
    // Nothing of the refused attempts was written.
    const after = await chiro.call('GET', `${BASE}/site/${own.id}`);
    expect(after.json).toMatchObject({ row_version: 1, control_quadrat: null, sites_group_id: chiroGroup });
  });

  it('lets the owner delete its record after another organisation’s refused reference', async () => {
    const cenGroup = (await created(cen, 'sites_group', GROUP)).id as string;
    const target = (await site(cen, cenGroup)).id as string;
    const managed = { ...MANAGED, sites_group_id: chiroGroup, base_site_code: 'T-refused' };
    expect((await chiro.call('POST', `${BASE}/site`, { ...managed, control_quadrat: target })).status).toBe(
      422,
    );
    const own = await site(chiro, chiroGroup, MANAGED);
    const put = await chiro.call('PUT', `${BASE}/site/${own.id}`, { ...own, control_quadrat: target });
    expect(put.status).toBe(422);
    const removed = await cen.call('DELETE', `${BASE}/site/${target}`);
    expect(removed.status, JSON.stringify(removed.json)).toBe(204);
    expect((await cen.call('GET', `${BASE}/site/${target}`)).status).toBe(404);
  });

  it('accepts a reference to another organisation’s record where a grant reads it (scope all)', async () => {
    const chiroId = DEMO_ACCOUNTS.find((a) => a.login === 'partenaire.chiro')!.id;
    const cenGroup = (await created(cen, 'sites_group', GROUP)).id as string;
    const target = (await site(cen, cenGroup)).id as string;
    await db.query(
      `INSERT INTO suivi.permission (user_id, module_code, action, scope) VALUES ($1, 'flore_quadrats', 'R', 'all')`,
      [chiroId],
    );
    try {
      const paired = await site(chiro, chiroGroup, { ...MANAGED, control_quadrat: target });
      expect(paired).toMatchObject({ control_quadrat: target });
      // The grant that lets it read cen's records lets it put a site under cen's group, too.
      const under = await chiro.call('POST', `${BASE}/site`, { ...CONTROL, sites_group_id: cenGroup });
      expect(under.status, JSON.stringify(under.json)).toBe(201);
    } finally {
      await db.query(`DELETE FROM suivi.permission WHERE user_id = $1 AND action = 'R'`, [chiroId]);
    }
  });

  it('refuses a taken id in one way (409 id_conflict) whether or not the caller can see its record', async () => {
    const cenGroup = (await created(cen, 'sites_group', GROUP)).id as string;
    const hidden = (await site(cen, cenGroup)).id as string;
    const mine = (await site(chiro, chiroGroup)).id as string;
    const withId = (id: string) =>
      chiro.call('POST', `${BASE}/site`, {
        ...CONTROL,
        id,
        sites_group_id: chiroGroup,
        base_site_code: 'T-id',
      });
    const invisible = await withId(hidden);
    const visible = await withId(mine);
    expect(invisible.status).toBe(409);
    expect(invisible.json).toEqual([
      { path: '/id', code: 'id_conflict', message: expect.stringContaining('identifiant') },
    ]);
    expect(seen(invisible)).toEqual(seen(visible));
    // The answer names neither the record, nor its organisation, nor its level.
    expect(JSON.stringify(invisible.json)).not.toMatch(/existe|déjà|organisation|Quadrat/i);
    // And the hidden record is untouched, still cen's and only cen's.
    expect((await chiro.call('GET', `${BASE}/site/${hidden}`)).status).toBe(404);
    expect((await cen.call('GET', `${BASE}/site/${hidden}`)).json).toMatchObject({ row_version: 1 });
    // A fresh id of the client's own is taken as it is (offline records); sent again, it is a replay.
    const fresh = randomUUID();
    const made = await withId(fresh);
    expect(made.status).toBe(201);
    const replay = await withId(fresh);
    expect(replay.status).toBe(200);
    expect(replay.json).toEqual(made.json);
    // cen sending a body with chiro's id: the record exists, cen cannot read it → the same 409.
    const foreign = await cen.call('POST', `${BASE}/site`, {
      ...CONTROL,
      id: fresh,
      sites_group_id: cenGroup,
      base_site_code: 'T-id',
    });
    expect(seen(foreign)).toEqual(seen(invisible));
  });

  it('gives new records random UUIDs, not sequential ones', async () => {
    const v4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push((await site(chiro, chiroGroup)).id as string);
    for (const id of ids) expect(id).toMatch(v4);
    const numbers = ids.map((id) => BigInt(`0x${id.replaceAll('-', '')}`));
    for (let i = 1; i < numbers.length; i++) {
      const step = numbers[i]! - numbers[i - 1]!;
      expect(step > -1000n && step < 1000n, `${ids[i - 1]} then ${ids[i]}`).toBe(false);
    }
  });
});
