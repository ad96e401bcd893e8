/**
 * `POST /api/modules/<code>/batch` through the server's app, on PGlite and (with DATABASE_URL)
 * PostgreSQL: items in order with the single routes' answers, earlier items kept when a later one fails,
 * 424 for the children of a failed create, replaying a batch keeps its end state (also as a property:
 * random client outboxes replayed any number of times), the 401/413/422/415 of the request as a whole,
 * another organisation's records out of reach.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import type { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runtimeEngines } from '../../test/helpers/engines.ts';
import { type Caller, request, serverApp, signIn } from '../auth/auth.test-helpers.ts';
import type { Database } from '../db/database.ts';

const MODULE = 'flore_quadrats';
const BATCH = `/api/modules/${MODULE}/batch`;
type Body = Record<string, unknown>;
type Result = { ref: string; status: number; record?: Body; errors?: Body[]; current?: Body };

const DEMO = JSON.parse(
  readFileSync(new URL(`../../examples/${MODULE}/demo/records.json`, import.meta.url), 'utf8'),
) as { records: { level: string; record: Body }[] };
function demoBody(level: string): Body {
  const found = DEMO.records.find((r) => r.level === level && !('control_quadrat' in r.record));
  if (!found) throw new Error(`no demo ${level}`);
  const { id: _id, sites_group_id: _group, ...rest } = found.record;
  return rest;
}
const GROUP = demoBody('sites_group');
const SITE = demoBody('site');

describe.each(runtimeEngines())('batch of an outbox on $name', (engine) => {
  let db: Database;
  let app: Hono;
  let chiro: Caller;
  let cen: Caller;

  const batch = async (who: Caller, items: unknown[]): Promise<Result[]> => {
    const res = await who.call('POST', BATCH, { items });
    expect(res.status, JSON.stringify(res.json)).toBe(200);
    return (res.json as unknown as { results: Result[] }).results;
  };
  const group = (id: string, ref = `g-${id}`) => ({
    ref,
    op: 'create',
    level: 'sites_group',
    id,
    body: GROUP,
  });
  const site = (id: string, groupId: string, extra: Body = {}) => ({
    ref: `s-${id}`,
    op: 'create',
    level: 'site',
    id,
    body: { ...SITE, sites_group_id: groupId, base_site_code: `C-${id.slice(0, 8)}`, ...extra },
  });

  beforeAll(async () => {
    ({ db, app } = await serverApp(engine, (f) => f.includes(MODULE)));
    [chiro, cen] = [await signIn(app, 'partenaire.chiro'), await signIn(app, 'partenaire.cen')];
  });
  afterAll(async () => db?.close());

  it('runs items in order, each with the single route’s answer, and a replay keeps the end state', async () => {
    const [g, s] = [randomUUID(), randomUUID()];
    const items = [
      group(g),
      site(s, g),
      {
        ref: 'rename',
        op: 'update',
        level: 'site',
        id: s,
        body: { ...site(s, g).body, base_site_name: 'Renommé', row_version: 1 },
      },
      { ref: 'gone', op: 'delete', level: 'site', id: s, row_version: 2 },
    ];
    const once = await batch(chiro, items);
    expect(once.map((r) => [r.ref, r.status])).toEqual([
      [`g-${g}`, 201],
      [`s-${s}`, 201],
      ['rename', 200],
      ['gone', 204],
    ]);
    expect(once[2]?.record).toMatchObject({ id: s, base_site_name: 'Renommé', row_version: 2 });
    const again = await batch(chiro, items);
    // The group is a replay; the site's id was deleted (never given again); nothing left to update or delete.
    expect(again.map((r) => r.status)).toEqual([200, 409, 404, 404]);
    expect(again[0]?.record).toEqual(once[0]?.record);
    expect(again[1]?.errors?.[0]).toMatchObject({ path: '/id', code: 'id_conflict' });
    expect((await chiro.call('GET', `/api/modules/${MODULE}/site/${s}`)).status).toBe(404);
  });

  it('answers a stale update 409 with the current record, for the client to choose', async () => {
    const [g, s] = [randomUUID(), randomUUID()];
    await batch(chiro, [group(g), site(s, g)]);
    const update = (name: string) => ({
      ref: name,
      op: 'update',
      level: 'site',
      id: s,
      body: { ...site(s, g).body, base_site_name: name, row_version: 1 },
    });
    const [first, second] = await batch(chiro, [update('Un'), update('Deux')]);
    expect(first?.status).toBe(200);
    expect(second?.status).toBe(409);
    expect(second?.errors?.[0]).toMatchObject({ code: 'stale_row_version', current_row_version: 2 });
    expect(second?.current).toMatchObject({ id: s, base_site_name: 'Un', row_version: 2 });
  });

  it('keeps earlier items when one fails, and answers 424 for the children of a failed create', async () => {
    const [g, bad, child, other] = [randomUUID(), randomUUID(), randomUUID(), randomUUID()];
    const results = await batch(chiro, [
      group(g),
      { ...site(bad, g), body: { ...site(bad, g).body, quadrat_size: 'grand' } },
      { ref: 'child', op: 'create', level: 'visit', id: child, body: { site_id: bad } },
      site(other, g),
    ]);
    expect(results.map((r) => r.status)).toEqual([201, 422, 424, 201]);
    expect(results[2]?.errors).toEqual([
      expect.objectContaining({ path: '/site_id', code: 'parent_not_synced' }),
    ]);
    expect((await chiro.call('GET', `/api/modules/${MODULE}/sites_group/${g}`)).status).toBe(200);
    expect((await chiro.call('GET', `/api/modules/${MODULE}/site/${bad}`)).status).toBe(404);
    expect((await chiro.call('GET', `/api/modules/${MODULE}/site/${other}`)).status).toBe(200);
  });

  it('applies each caller’s permissions and scope per item: another organisation’s records are out of reach', async () => {
    const [g, s] = [randomUUID(), randomUUID()];
    await batch(cen, [group(g), site(s, g)]);
    const results = await batch(chiro, [
      { ref: 'u', op: 'update', level: 'site', id: s, body: { ...site(s, g).body, row_version: 1 } },
      { ref: 'd', op: 'delete', level: 'site', id: s },
      { ref: 'c', op: 'create', level: 'site', id: randomUUID(), body: site(s, g).body },
      // cen's id, sent by chiro with chiro's own group: the same 409 as any other taken id.
      group(g, 'taken'),
    ]);
    // The update names cen's group, which chiro cannot read: refused by validation, as on PUT.
    expect(results.map((r) => r.status)).toEqual([422, 404, 422, 409]);
    expect((await cen.call('GET', `/api/modules/${MODULE}/site/${s}`)).json).toMatchObject({
      row_version: 1,
    });
  });

  it('refuses a body that is not a batch as a whole: 401, 415, 400, 422, 413; nothing written', async () => {
    const g = randomUUID();
    expect((await request(app, 'POST', BATCH, { items: [group(g)] })).status).toBe(401);
    const text = await chiro.call('POST', BATCH, undefined, { 'content-type': 'text/plain' });
    expect(text.status).toBe(415);
    const shape = await chiro.call('POST', BATCH, {
      items: [group(g), { ref: 'x', op: 'merge', level: 'site' }, { ref: '', op: 'update', level: 'nope' }],
    });
    expect(shape.status).toBe(422);
    expect((shape.json as unknown as Body[]).map((e) => `${e.path} ${e.code}`)).toEqual([
      '/items/1/op choice',
      '/items/2/ref type',
      '/items/2/level choice',
      '/items/2/id required',
      '/items/2/body type',
    ]);
    const many = await chiro.call('POST', BATCH, { items: Array.from({ length: 501 }, () => group(g)) });
    expect(many.status).toBe(413);
    expect((many.json as unknown as Body[])[0]).toMatchObject({ code: 'batch_too_large', limit: 500 });
    expect((await chiro.call('GET', `/api/modules/${MODULE}/sites_group/${g}`)).status).toBe(404);
  });

  it('ends in the same state however many times a client’s outbox is replayed (property)', async () => {
    // A client's outbox: creates of fresh ids, then updates and deletes of what it created, at the
    // version it knows. The state: every pooled record as a GET answers it (status, name, version).
    type Op = { kind: 'group' | 'site' | 'update' | 'delete'; target: number; name: number };
    const op = fc.record({
      kind: fc.constantFrom<Op['kind']>('group', 'site', 'update', 'delete'),
      target: fc.nat(3),
      name: fc.nat(2),
    });
    await fc.assert(
      fc.asyncProperty(
        fc.array(op, { minLength: 1, maxLength: 10 }),
        fc.integer({ min: 1, max: 3 }),
        async (ops, times) => {
          const g = randomUUID();
          const sites = [0, 1, 2, 3].map(() => randomUUID());
          const known = new Map<string, number>();
          const items: unknown[] = [group(g)];
          known.set(g, 1);
          for (const o of ops) {
            const s = sites[o.target] as string;
            const v = known.get(s);
            if (o.kind === 'site' && v === undefined && !known.has(`deleted:${s}`)) {
              items.push(site(s, g));
              known.set(s, 1);
            } else if (o.kind === 'update' && v !== undefined) {
              items.push({
                ref: `u${items.length}`,
                op: 'update',
                level: 'site',
                id: s,
                body: { ...site(s, g).body, base_site_name: `N${o.name}`, row_version: v },
              });
              known.set(s, v + 1);
            } else if (o.kind === 'delete' && v !== undefined) {
              items.push({ ref: `d${items.length}`, op: 'delete', level: 'site', id: s, row_version: v });
              known.delete(s);
              known.set(`deleted:${s}`, 0);
            }
          }
          const state = async () =>
            Promise.all(
              sites.map(async (s) => {
                const res = await chiro.call('GET', `/api/modules/${MODULE}/site/${s}`);
                return res.status === 200
                  ? [200, res.json.base_site_name, res.json.row_version]
                  : [res.status];
              }),
            );
          await batch(chiro, items);
          const once = await state();
          for (let i = 0; i < times; i++) await batch(chiro, items);
          expect(await state()).toEqual(once);
        },
      ),
      { numRuns: 12, seed: 16 },
    );
  });
});
