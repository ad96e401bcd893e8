/**
 * The sync feed through the server's app with API tokens, on both engines: a consumer that applies the
 * feed from cursor 0, in small pages, interrupted and resumed, ends with exactly the source's SINP
 * occurrences after random creates, updates (of occurrences and of their visits), deletes and
 * validations; every history row is read exactly once; deletions and validation changes are items; the
 * token's grants decide what it gets. On PostgreSQL, a transaction that commits after a later one is
 * not skipped (two connections).
 */
import type { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runtimeEngines } from '../../test/helpers/engines.ts';
import { type Caller, caller, serverApp, signIn } from '../auth/auth.test-helpers.ts';
import { createApiToken } from '../auth/store.ts';
import type { Database } from '../db/database.ts';
import { type ChangeItem, type ChangesPage, horizonPassed } from './changes.ts';

const BASE = '/api/modules/amphibiens_mares';
const FEED = '/api/sync/amphibiens_mares/changes';
const DATASET = 'e5a9c3d7-2f1b-4a6e-9c8d-7b3f5e1a9c31';
const PLATFORM = '00000000-0000-4000-8000-00000000f001';
const READER = '00000000-0000-4000-8000-00000000f002';

/** A small deterministic generator (mulberry32), so a failure replays. */
function random(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Waits until every transaction of this database begun before now has ended (the feed's horizon, as in
 * changes.ts): another test file's transaction still open on it holds the horizon back, as it should, so
 * a test first lets them end.
 */
async function settle(db: Database): Promise<void> {
  const [mark] = (await db.query<{ xid: string }>('SELECT pg_current_xact_id()::text AS xid')).rows;
  if (!mark) throw new Error('no transaction id');
  for (const end = Date.now() + 60_000; Date.now() < end; ) {
    if (await horizonPassed(db, mark.xid)) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('the horizon did not pass within 60 s: a transaction stays open');
}

/** The database `pull` settles before reading (set by the suite). */
let settling: Database | undefined;

/** What a consuming platform holds: occurrences by id, and where it stopped. */
class Consumer {
  readonly held = new Map<string, Record<string, unknown>>();
  cursor = '0';
  pages = 0;
  constructor(readonly who: Caller) {}
  apply(items: readonly ChangeItem[]) {
    for (const item of items)
      if (item.op === 'upsert') this.held.set(item.id, item.occurrence);
      else this.held.delete(item.id);
  }
  /** Pulls pages until has_more is false, or `stopAfter` pages (an interruption). */
  async pull(limit: number, stopAfter = Number.POSITIVE_INFINITY, settled = true): Promise<ChangesPage[]> {
    if (settled && settling) await settle(settling);
    const seen: ChangesPage[] = [];
    for (let n = 0; n < stopAfter; n++) {
      const res = await this.who.call('GET', `${FEED}?since=${this.cursor}&limit=${limit}`);
      expect(res.status, JSON.stringify(res.json)).toBe(200);
      const page = res.json as unknown as ChangesPage;
      this.apply(page.items);
      this.cursor = page.next_cursor;
      this.pages++;
      seen.push(page);
      if (!page.has_more) break;
    }
    return seen;
  }
}

const ok = (res: { status: number; json: unknown }, status = 201) => {
  expect(res.status, JSON.stringify(res.json)).toBe(status);
  return (res.json as { id: string }).id;
};
async function visitOf(who: Caller, name: string): Promise<string> {
  const group = ok(
    await who.call('POST', `${BASE}/sites_group`, { sites_group_name: name, landscape: 'BOCAGE' }),
  );
  const site = ok(
    await who.call('POST', `${BASE}/site`, {
      base_site_name: name,
      sites_group_id: group,
      geometry: { type: 'Point', coordinates: [4.85, 45.76] },
    }),
  );
  return ok(
    await who.call('POST', `${BASE}/visit`, {
      site_id: site,
      id_dataset: DATASET,
      expertise: 'expert',
      accessibility: 'Non',
      inaccessible_reason: 'Clôture',
    }),
  );
}

describe.each(runtimeEngines())('the sync feed on $name', (engine) => {
  let db: Database;
  let app: Hono;
  let cen: Caller;
  let chiro: Caller;
  let admin: Caller;
  let platform: Caller;
  const visits = new Map<Caller, string>();

  const newObservation = async (who: Caller) =>
    ok(await who.call('POST', `${BASE}/observation`, { visit_id: visits.get(who), presence: 'Non' }));
  async function edit(who: Caller, id: string, changes: Record<string, unknown>) {
    const record = (await who.call('GET', `${BASE}/observation/${id}`)).json;
    ok(await who.call('PUT', `${BASE}/observation/${id}`, { ...record, ...changes }), 200);
  }
  /** The source's SINP rows, as the feed sends them: with their dataset's SINP levels (defaults 5 and 0). */
  const source = async () =>
    new Map(
      (
        await db.query<{ id: string; o: Record<string, unknown> }>(
          `SELECT id_sinp_occtax AS id, to_jsonb(v) || jsonb_build_object(
             'diffusion_niveau_precision', COALESCE(d.diffusion_level, '5'),
             'sensi_niveau', COALESCE(d.sensitivity_level, '0')) AS o
           FROM amphibiens_mares.v_occurrence_sinp v LEFT JOIN suivi.dataset d ON d.id = v.jdd_uuid`,
        )
      ).rows.map((r) => [r.id, typeof r.o === 'string' ? JSON.parse(r.o) : r.o]),
    );
  async function tokenFor(id: string, login: string, actions: string[]): Promise<Caller> {
    await db.query('INSERT INTO suivi.app_user (id, login, display_name) VALUES ($1, $2, $2)', [id, login]);
    for (const action of actions)
      await db.query(
        "INSERT INTO suivi.permission (user_id, module_code, action, scope) VALUES ($1, 'amphibiens_mares', $2, 'all')",
        [id, action],
      );
    const { token } = await createApiToken(db, id, 'sync');
    return caller(app, { authorization: `Bearer ${token}` });
  }

  beforeAll(async () => {
    ({ db, app } = await serverApp(engine, (f) => f.includes('amphibiens_mares')));
    settling = db;
    [cen, chiro, admin] = [
      await signIn(app, 'partenaire.cen'),
      await signIn(app, 'partenaire.chiro'),
      await signIn(app, 'admin'),
    ];
    platform = await tokenFor(PLATFORM, 'plateforme.sinp', ['R', 'E']);
    visits.set(cen, await visitOf(cen, 'Mare du flux CEN'));
    visits.set(chiro, await visitOf(chiro, 'Mare du flux Chiro'));
  });
  afterAll(async () => db?.close());

  it('replays to exactly the source: from 0, in pages, interrupted, resumed, after random changes', async () => {
    const consumer = new Consumer(platform);
    await consumer.pull(7, 2); // interrupted after two pages
    const resumed = new Consumer(platform);
    resumed.cursor = consumer.cursor;
    for (const [id, o] of consumer.held) resumed.held.set(id, o);
    await resumed.pull(7);
    expect(resumed.held).toEqual(await source());

    const next = random(14);
    const live: string[] = [];
    for (let step = 0; step < 30; step++) {
      const who = next() < 0.5 ? cen : chiro;
      const roll = next();
      if (live.length === 0 || roll < 0.35) live.push(await newObservation(who));
      else {
        const id = live[Math.floor(next() * live.length)] as string;
        const owner = (await cen.call('GET', `${BASE}/observation/${id}`)).status === 200 ? cen : chiro;
        if (roll < 0.55) await edit(owner, id, { comments: `pas ${step}` });
        else if (roll < 0.7) {
          ok(
            await admin.call('POST', `${BASE}/observation/${id}/validation`, {
              status: String(1 + (step % 4)),
            }),
            200,
          );
        } else if (roll < 0.8)
          await db.query('UPDATE amphibiens_mares.visit SET inaccessible_reason = $2 WHERE id = $1', [
            visits.get(owner),
            `Clôture ${step}`,
          ]);
        else {
          ok(await owner.call('DELETE', `${BASE}/observation/${id}`), 204);
          live.splice(live.indexOf(id), 1);
        }
      }
      if (step % 10 === 9) await resumed.pull(3); // pulled while changes go on
    }
    await resumed.pull(5);
    expect(resumed.held).toEqual(await source());
  });

  it('reads every history row exactly once, whatever the page size', async () => {
    const one = new Consumer(platform);
    await one.pull(1);
    const { n } = (
      await db.query<{ n: number }>(
        "SELECT count(*)::integer AS n FROM suivi.record_history WHERE module_code = 'amphibiens_mares'",
      )
    ).rows[0] as { n: number };
    // limit=1: one history row per page, the last page (has_more false) included.
    expect(one.pages).toBe(n);
    const big = new Consumer(platform);
    await big.pull(5000);
    expect(big.pages).toBe(1);
    expect(big.cursor).toBe(one.cursor);
    expect(one.held).toEqual(big.held);
  });

  it('sends a deletion, a validation change and a visit’s change as items', async () => {
    const consumer = new Consumer(platform);
    await consumer.pull(5000);
    const id = await newObservation(cen);
    const created = (await consumer.pull(100)).flatMap((p) => p.items);
    expect(created).toEqual([expect.objectContaining({ op: 'upsert', id })]);

    expect(created[0]).toMatchObject({ occurrence: { diffusion_niveau_precision: '5', sensi_niveau: '0' } });

    // The dataset's SINP levels, set on the metadata admin page, go with its occurrences' next change.
    await db.query(
      `UPDATE suivi.dataset SET diffusion_level = '3', sensitivity_level = '2'
       WHERE id = (SELECT jdd_uuid FROM amphibiens_mares.v_occurrence_sinp WHERE id_sinp_occtax = $1)`,
      [id],
    );
    ok(await admin.call('POST', `${BASE}/observation/${id}/validation`, { status: '2' }), 200);
    const validated = (await consumer.pull(100)).flatMap((p) => p.items);
    await db.query(`UPDATE suivi.dataset SET diffusion_level = DEFAULT, sensitivity_level = DEFAULT`);
    expect(validated).toEqual([
      {
        op: 'upsert',
        id,
        occurrence: expect.objectContaining({
          niv_val_code: '2',
          id_sinp_occtax: id,
          diffusion_niveau_precision: '3',
          sensi_niveau: '2',
        }),
      },
    ]);

    await db.query("UPDATE amphibiens_mares.visit SET inaccessible_reason = 'Haie' WHERE id = $1", [
      visits.get(cen),
    ]);
    const underVisit = (await consumer.pull(100)).flatMap((p) => p.items).map((i) => i.id);
    expect(underVisit).toContain(id);

    ok(await cen.call('DELETE', `${BASE}/observation/${id}`), 204);
    expect((await consumer.pull(100)).flatMap((p) => p.items)).toEqual([{ op: 'delete', id }]);
    expect(consumer.held.has(id)).toBe(false);
  });

  it('keeps to the token’s grants: Read and Export needed, their scope applied', async () => {
    const reader = await tokenFor(READER, 'lecteur.sinp', ['R']);
    expect((await reader.call('GET', FEED)).status).toBe(403);
    expect((await caller(app, {}).call('GET', FEED)).status).toBe(401);
    expect((await platform.call('GET', `${FEED}?since=nope`)).status).toBe(400);
    expect((await platform.call('GET', `${FEED}?limit=0`)).status).toBe(400);
    const theirs = await newObservation(chiro);
    const mine = await newObservation(cen);
    const consumer = new Consumer(cen); // a partner: its organisation's records only
    await consumer.pull(5000);
    expect(consumer.held.has(mine)).toBe(true);
    expect(consumer.held.has(theirs)).toBe(false);
    const orgs = new Set([...consumer.held.values()].map((o) => o.organisation_id));
    expect(orgs.size).toBe(1);
  });
});

describe.each(runtimeEngines().filter((e) => e.name === 'postgres'))(
  'the sync feed and a late commit on $name',
  (engine) => {
    let db: Database;
    let app: Hono;
    let cen: Caller;
    afterAll(async () => db?.close());

    it('does not skip a transaction that commits after a later one', async () => {
      ({ db, app } = await serverApp(engine, (f) => f.includes('amphibiens_mares')));
      settling = db;
      cen = await signIn(app, 'partenaire.cen');
      const visit = await visitOf(cen, 'Mare du retard');
      const [x, y] = [
        ok(await cen.call('POST', `${BASE}/observation`, { visit_id: visit, presence: 'Non' })),
        ok(await cen.call('POST', `${BASE}/observation`, { visit_id: visit, presence: 'Non' })),
      ];
      const consumer = new Consumer(cen);
      await consumer.pull(5000);
      expect([...consumer.held.keys()]).toEqual(expect.arrayContaining([x, y]));

      let release = () => {};
      const held = new Promise<void>((resolve) => {
        release = resolve;
      });
      let written = () => {};
      const started = new Promise<void>((resolve) => {
        written = resolve;
      });
      // Connection 1: writes first, commits last.
      const late = db.transaction(async (tx) => {
        await tx.query("UPDATE amphibiens_mares.observation SET comments = 'en retard' WHERE id = $1", [x]);
        written();
        await held;
      });
      await started;
      // Connection 2 (the API's pool): writes and commits meanwhile.
      const y1 = (await cen.call('GET', `${BASE}/observation/${y}`)).json;
      const put = await cen.call('PUT', `${BASE}/observation/${y}`, { ...y1, comments: 'à l’heure' });
      expect(put.status, JSON.stringify(put.json)).toBe(200);

      const before = consumer.cursor;
      const during = await consumer.pull(5000, Number.POSITIVE_INFINITY, false); // not settled: one is held open
      // The open transaction holds the horizon: nothing after it is read yet, not even the commit of y.
      expect(during.flatMap((p) => p.items)).toEqual([]);
      expect(consumer.cursor).toBe(before);

      release();
      await late;
      const after = (await consumer.pull(5000)).flatMap((p) => p.items);
      expect(after.map((i) => i.id).sort()).toEqual([x, y].sort());
      expect(consumer.held.get(x as string)).toBeDefined();
    });
  },
);
