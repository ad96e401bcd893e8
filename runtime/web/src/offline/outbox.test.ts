/**
 * The outbox and the sync on fake-indexeddb (the same idb code as in the browser): folding of changes,
 * parents before children, and each server answer's effect — nothing sent twice, nothing dropped.
 */
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Json } from '../api-shapes.ts';
import { forgetOfflineDb, offlineDb } from './db.ts';
import { queueMedia, uploadQueuedMedia } from './media-queue.ts';
import {
  blockedIds,
  correct,
  discard,
  enqueue,
  keepMine,
  outboxOps,
  sendable,
  takeTheirs,
} from './outbox.ts';
import { storedRecord } from './records.ts';
import { type ItemResult, type PostBatch, syncOutbox } from './sync.ts';

const M = 'amphibiens_mares';
const SITE = '00000000-0000-4000-8000-000000000001';
const VISIT = '00000000-0000-4000-8000-000000000002';
const OBS = '00000000-0000-4000-8000-000000000003';

beforeEach(() => {
  globalThis.indexedDB = new IDBFactory();
  forgetOfflineDb();
});

async function fieldSession() {
  await enqueue({
    module: M,
    op: 'create',
    level: 'site',
    id: SITE,
    body: { id: SITE, base_site_name: 'Mare 1' },
  });
  await enqueue({
    module: M,
    op: 'create',
    level: 'visit',
    id: VISIT,
    body: { id: VISIT, site_id: SITE, num_passage: 1 },
  });
  await enqueue({
    module: M,
    op: 'create',
    level: 'observation',
    id: OBS,
    body: { id: OBS, visit_id: VISIT, presence: 'Oui' },
  });
}

/** A fake server: answers each item with `answer(item)`, recording every request. */
function server(answer: (item: Json) => Partial<ItemResult> & { status: number }) {
  const requests: Json[][] = [];
  const post: PostBatch = async (_module, items) => {
    requests.push([...items]);
    return items.map((item) => ({ ref: String(item.ref), ...answer(item) }));
  };
  return { post, requests };
}

const created = (item: Json) => ({ status: 201, record: { ...(item.body as Json), row_version: 1 } });

describe('outbox', () => {
  it('keeps the order of entry: parents before children, across reloads (a new connection)', async () => {
    await fieldSession();
    forgetOfflineDb();
    const ops = sendable(await outboxOps());
    expect(ops.map((o) => o.level)).toEqual(['site', 'visit', 'observation']);
  });

  it('folds an edit of an unsent record into its create, and edits of a stored record into one update', async () => {
    await fieldSession();
    await enqueue({
      module: M,
      op: 'update',
      level: 'visit',
      id: VISIT,
      body: { site_id: SITE, num_passage: 2 },
    });
    await enqueue({
      module: M,
      op: 'update',
      level: 'site',
      id: 'stored',
      body: { base_site_name: 'A' },
      row_version: 4,
    });
    await enqueue({
      module: M,
      op: 'update',
      level: 'site',
      id: 'stored',
      body: { base_site_name: 'B' },
      row_version: 5,
    });
    const ops = await outboxOps();
    expect(ops).toHaveLength(4);
    expect(ops.find((o) => o.id === VISIT)).toMatchObject({ op: 'create', body: { num_passage: 2 } });
    // The version the first edit was made on: the server compares with what the user saw.
    expect(ops.find((o) => o.id === 'stored')).toMatchObject({
      op: 'update',
      row_version: 4,
      body: { base_site_name: 'B' },
    });
  });

  it('drops an unsent record with its descendants when it is deleted; a stored one gets a delete', async () => {
    await fieldSession();
    await enqueue({
      module: M,
      op: 'update',
      level: 'site',
      id: 'stored',
      body: { base_site_name: 'A' },
      row_version: 4,
    });
    await enqueue({ module: M, op: 'delete', level: 'visit', id: VISIT });
    await enqueue({ module: M, op: 'delete', level: 'site', id: 'stored', row_version: 4 });
    const ops = await outboxOps();
    expect(ops.map((o) => [o.op, o.id])).toEqual([
      ['create', SITE],
      ['delete', 'stored'],
    ]);
  });
});

describe('sync', () => {
  it('sends everything once, in order, and empties the outbox with the server records kept', async () => {
    await fieldSession();
    const fake = server(created);
    const report = await syncOutbox({ post: fake.post });
    expect(report).toMatchObject({ sent: 3, done: 3, conflicts: 0, refused: 0 });
    expect(fake.requests).toHaveLength(1);
    expect(fake.requests[0]?.map((i) => [i.op, i.level, i.id])).toEqual([
      ['create', 'site', SITE],
      ['create', 'visit', VISIT],
      ['create', 'observation', OBS],
    ]);
    expect(await outboxOps()).toEqual([]);
    expect(await storedRecord(M, 'visit', VISIT)).toMatchObject({ row_version: 1, site_id: SITE });
    // Nothing left: a second sync sends nothing.
    await syncOutbox({ post: fake.post });
    expect(fake.requests).toHaveLength(1);
  });

  it('keeps everything after a network failure and sends the same items (same ids) again', async () => {
    await fieldSession();
    const failing: PostBatch = async () => {
      throw new TypeError('Failed to fetch');
    };
    await expect(syncOutbox({ post: failing })).rejects.toThrow('Failed to fetch');
    expect(await outboxOps()).toHaveLength(3);
    const fake = server((item) => ({ ...created(item), status: 200 })); // the server had them: replays
    await syncOutbox({ post: fake.post });
    expect(fake.requests[0]?.map((i) => i.id)).toEqual([SITE, VISIT, OBS]);
    expect(await outboxOps()).toEqual([]);
  });

  it('holds a conflict for the user: keep mine resends on the server version, take theirs drops mine', async () => {
    await enqueue({
      module: M,
      op: 'update',
      level: 'site',
      id: 'a',
      body: { base_site_name: 'Mine' },
      row_version: 1,
    });
    await enqueue({
      module: M,
      op: 'update',
      level: 'site',
      id: 'b',
      body: { base_site_name: 'Mine' },
      row_version: 1,
    });
    const current = (id: string) => ({ id, base_site_name: 'Theirs', row_version: 2 });
    const conflicting = server((item) => ({ status: 409, current: current(String(item.id)), errors: [] }));
    expect(await syncOutbox({ post: conflicting.post })).toMatchObject({ conflicts: 2 });
    const [a, b] = await outboxOps();
    expect(a).toMatchObject({ state: 'conflict', current: { base_site_name: 'Theirs' } });
    // Conflicts wait for the user: a sync sends nothing meanwhile.
    expect(sendable(await outboxOps())).toEqual([]);
    await keepMine(a?.seq as number);
    expect(await takeTheirs(b?.seq as number)).toMatchObject({ base_site_name: 'Theirs' });
    const accepting = server((item) => ({ status: 200, record: { ...(item.body as Json), row_version: 3 } }));
    await syncOutbox({ post: accepting.post });
    expect(accepting.requests[0]).toEqual([
      {
        ref: String(a?.seq),
        op: 'update',
        level: 'site',
        id: 'a',
        body: { base_site_name: 'Mine', id: 'a', row_version: 2 },
      },
    ]);
    expect(await outboxOps()).toEqual([]);
  });

  it('takes a 409 whose current record already holds my values as done (an answer lost before)', async () => {
    await enqueue({
      module: M,
      op: 'update',
      level: 'site',
      id: 'a',
      body: { base_site_name: 'Mine' },
      row_version: 1,
    });
    const fake = server(() => ({
      status: 409,
      current: { id: 'a', base_site_name: 'Mine', row_version: 2 },
    }));
    expect(await syncOutbox({ post: fake.post })).toMatchObject({ done: 1 });
    expect(await outboxOps()).toEqual([]);
  });

  it('keeps a refused record with its errors, holds its children back, and resends it once corrected', async () => {
    await fieldSession();
    const errors = [{ path: '/num_passage', code: 'maximum', message: 'Trop grand.' }];
    const refusing = server((item) =>
      item.level === 'visit'
        ? { status: 422, errors }
        : item.level === 'observation'
          ? { status: 424 }
          : created(item),
    );
    expect(await syncOutbox({ post: refusing.post })).toMatchObject({ done: 1, refused: 1, waiting: 1 });
    const ops = await outboxOps();
    expect(ops.map((o) => [o.level, o.state])).toEqual([
      ['visit', 'refused'],
      ['observation', 'pending'],
    ]);
    expect(ops[0]?.errors).toEqual(errors);
    expect([...blockedIds(ops)]).toEqual([OBS]);
    expect(sendable(ops)).toEqual([]);
    await correct(ops[0]?.seq as number, { id: VISIT, site_id: SITE, num_passage: 1 });
    const accepting = server(created);
    await syncOutbox({ post: accepting.post });
    expect(accepting.requests[0]?.map((i) => i.level)).toEqual(['visit', 'observation']);
    expect(await outboxOps()).toEqual([]);
  });

  it('leaves a server failure (5xx) pending and drops a refused change only when the user discards it', async () => {
    await fieldSession();
    await syncOutbox({ post: server(() => ({ status: 503 })).post });
    expect((await outboxOps()).map((o) => o.state)).toEqual(['pending', 'pending', 'pending']);
    await syncOutbox({
      post: server((i) => (i.level === 'site' ? { status: 403, errors: [] } : { status: 424 })).post,
    });
    const site = (await outboxOps())[0];
    expect(site).toMatchObject({ level: 'site', state: 'refused' });
    await discard(site?.seq as number);
    expect(await outboxOps()).toEqual([]);
  });
});

describe('photos', () => {
  it('uploads a queued photo before the record and names the server key in it', async () => {
    const photo = await queueMedia(new File([new Uint8Array([1, 2, 3])], 'mare.jpg', { type: 'image/jpeg' }));
    await enqueue({
      module: M,
      op: 'create',
      level: 'observation',
      id: OBS,
      body: { id: OBS, medias: [photo] },
    });
    const uploads: string[] = [];
    const send = async (_blob: Blob, name: string) => {
      uploads.push(name);
      return { ok: true as const, key: 'server-key' };
    };
    const ready = await uploadQueuedMedia(await outboxOps(), await offlineDb(), send);
    expect(ready[0]?.body?.medias).toEqual([{ ...photo, storage_key: 'server-key' }]);
    // Saved so: a second pass uploads nothing again.
    await uploadQueuedMedia(await outboxOps(), await offlineDb(), send);
    expect(uploads).toEqual(['mare.jpg']);
  });

  it('marks the record refused at its field when the server refuses the photo', async () => {
    const photo = await queueMedia(
      new File([new Uint8Array([1])], 'x.exe', { type: 'application/x-msdownload' }),
    );
    await enqueue({
      module: M,
      op: 'create',
      level: 'observation',
      id: OBS,
      body: { id: OBS, medias: [photo] },
    });
    const ready = await uploadQueuedMedia(await outboxOps(), await offlineDb(), async () => ({
      ok: false,
      message: 'type refusé',
    }));
    expect(ready).toEqual([]);
    expect((await outboxOps())[0]).toMatchObject({
      state: 'refused',
      errors: [{ path: '/medias', code: 'media_refused' }],
    });
  });
});
