/**
 * The outbox: the changes made on this device, in the order they were made, waiting for the server.
 * Changes to one record fold into one operation, so the server sees the record's last state once:
 * - an edit of a record created here and not sent yet rewrites that create;
 * - a second edit of a stored record rewrites the first, keeping the row_version the edits started from
 *   (the server must compare with the version the user saw);
 * - deleting a record created here and not sent yet drops its create and its descendants' operations:
 *   the server never hears of them.
 * Parents come before children because a child can only be entered once its parent exists here.
 */
import type { Json } from '../api-shapes.ts';
import { type OfflineDb, type OutboxOp, offlineDb } from './db.ts';
import { OUTBOX_CHANGED, OUTBOX_COUNT } from './outbox-events.ts';

export { OUTBOX_CHANGED };

export type NewOp = Omit<OutboxOp, 'seq' | 'state' | 'queued_at'>;

export async function outboxOps(db?: OfflineDb): Promise<OutboxOp[]> {
  return (db ?? (await offlineDb())).getAll('outbox');
}

/** Records whose parent link names `id` in the outbox, at any depth (their creates go with it). */
function descendants(ops: readonly OutboxOp[], id: string): Set<string> {
  const found = new Set([id]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const op of ops) {
      if (found.has(op.id) || !op.body) continue;
      const linked = Object.entries(op.body).some(([k, v]) => k.endsWith('_id') && found.has(String(v)));
      if (linked) {
        found.add(op.id);
        grew = true;
      }
    }
  }
  return found;
}

export async function enqueue(change: NewOp, db?: OfflineDb): Promise<void> {
  const store = db ?? (await offlineDb());
  const tx = store.transaction('outbox', 'readwrite');
  const ops = await tx.store.getAll();
  const mine = ops.filter((o) => o.id === change.id && o.module === change.module);
  const created = mine.find((o) => o.op === 'create');
  const updated = mine.find((o) => o.op === 'update');
  const queued_at = new Date().toISOString();
  const fresh = { state: 'pending' as const, queued_at };
  if (change.op === 'update' && created) {
    // Not on the server yet: the create carries the latest state (and a refused one is retried).
    const { errors: _e, ...rest } = created;
    await tx.store.put({ ...rest, body: change.body ?? {}, ...fresh, ...gps(change, created) });
  } else if (change.op === 'update' && updated) {
    const { errors: _e, current: _c, ...rest } = updated;
    await tx.store.put({ ...rest, body: change.body ?? {}, ...fresh, ...gps(change, updated) });
  } else if (change.op === 'delete' && created) {
    const gone = descendants(ops, change.id);
    for (const op of ops) if (gone.has(op.id) && op.seq !== undefined) await tx.store.delete(op.seq);
  } else {
    if (change.op === 'delete' && updated?.seq !== undefined) await tx.store.delete(updated.seq);
    await tx.store.add({ ...change, ...fresh });
  }
  await tx.done;
  await announceOutbox(store);
}

const gps = (change: NewOp, before: OutboxOp) => {
  const accuracy = change.gps_accuracy_m ?? before.gps_accuracy_m;
  return accuracy === undefined ? {} : { gps_accuracy_m: accuracy };
};

/** Pending operations that cannot go yet: their record's parent waits on a conflict or a refusal. */
export function blockedIds(ops: readonly OutboxOp[]): Set<string> {
  const blocked = new Set<string>();
  for (const op of ops) {
    if (op.state === 'pending' || op.op !== 'create') continue;
    for (const id of descendants(ops, op.id)) if (id !== op.id) blocked.add(id);
  }
  return blocked;
}

/** The operations the next sync sends, in outbox order. */
export function sendable(ops: readonly OutboxOp[]): OutboxOp[] {
  const blocked = blockedIds(ops);
  return [...ops]
    .filter((o) => o.state === 'pending' && !blocked.has(o.id))
    .sort((a, b) => (a.seq ?? 0) - (b.seq ?? 0));
}

/** Keep mine: the server's version becomes the one my change is made on; sent again at the next sync. */
export async function keepMine(seq: number, db?: OfflineDb): Promise<void> {
  const store = db ?? (await offlineDb());
  const op = await store.get('outbox', seq);
  if (op?.state !== 'conflict' || !op.current) return;
  const version = op.current.row_version as number | undefined;
  const { current: _c, errors: _e, ...rest } = op;
  await store.put('outbox', {
    ...rest,
    state: 'pending',
    ...(version === undefined ? {} : { row_version: version }),
  });
}

/** Take theirs: my change is dropped; the server's record is what this device keeps. */
export async function takeTheirs(seq: number, db?: OfflineDb): Promise<Json | undefined> {
  const store = db ?? (await offlineDb());
  const op = await store.get('outbox', seq);
  if (op?.state !== 'conflict') return undefined;
  await store.delete('outbox', seq);
  return op.current;
}

/** A refused operation corrected by the user: the new body, pending again. */
export async function correct(seq: number, body: Json, db?: OfflineDb): Promise<void> {
  const store = db ?? (await offlineDb());
  const op = await store.get('outbox', seq);
  if (!op) return;
  const { errors: _e, ...rest } = op;
  await store.put('outbox', { ...rest, body, state: 'pending' });
}

/** Give up a refused change for good (the user's explicit choice: nothing is dropped otherwise). */
export async function discard(seq: number, db?: OfflineDb): Promise<void> {
  const store = db ?? (await offlineDb());
  const ops = await store.getAll('outbox');
  const op = ops.find((o) => o.seq === seq);
  if (!op) return;
  const gone = op.op === 'create' ? descendants(ops, op.id) : new Set([op.id]);
  for (const o of ops)
    if (gone.has(o.id) && o.seq !== undefined && (o.id !== op.id || o.seq === seq))
      await store.delete('outbox', o.seq);
}

/**
 * Said whenever the outbox changes: the outbox page lists again, and the header's badge (outbox-badge.tsx,
 * in the app's first bundle, without IndexedDB code) reads the count mirrored in localStorage.
 */
export async function announceOutbox(db?: OfflineDb): Promise<void> {
  if (typeof window === 'undefined') return;
  const count = await (db ?? (await offlineDb())).count('outbox');
  localStorage.setItem(OUTBOX_COUNT, String(count));
  window.dispatchEvent(new Event(OUTBOX_CHANGED));
}
