/**
 * Sync: the outbox sent as batches (POST /api/modules/<code>/batch, contract-16), photos first.
 * Each item's answer decides its fate, and nothing leaves the outbox without the server's word:
 * - 200/201 (a create replayed answers 200), a delete's 404 (already gone): done, removed;
 * - 409 with the server's current record: a conflict for the user — unless the current record already
 *   holds every value of mine (an earlier sync whose answer was lost), which is done;
 * - 424 (its parent failed in this batch) and 5xx: stay pending, sent again next time;
 * - any other refusal (422, 409 id_conflict, 403…): refused, with the server's errors, for correction.
 * A network failure leaves everything as it was: the next sync sends the same items again, and client
 * UUIDs with row versions make that replay harmless.
 */
import type { Json } from '../api-shapes.ts';
import { type OfflineDb, type OutboxOp, offlineDb } from './db.ts';
import { uploadQueuedMedia } from './media-queue.ts';
import { announceOutbox, sendable } from './outbox.ts';
import { storeRecord, unstoreRecord } from './records.ts';

/** The contract's cap per request. */
export const BATCH_LIMIT = 500;

export interface ItemResult {
  readonly ref: string;
  readonly status: number;
  readonly record?: Json;
  readonly errors?: readonly { path: string; code: string; message: string }[];
  readonly current?: Json;
}

export interface SyncReport {
  readonly sent: number;
  readonly done: number;
  readonly conflicts: number;
  readonly refused: number;
  readonly waiting: number;
}

/** Sends one batch; the HTTP layer is a parameter so the unit tests hand in a fake server. */
export type PostBatch = (module: string, items: readonly Json[]) => Promise<readonly ItemResult[]>;

export const postBatch: PostBatch = async (module, items) => {
  const response = await fetch(`/api/modules/${encodeURIComponent(module)}/batch`, {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ items }),
  });
  if (!response.ok) throw new Error(`batch: HTTP ${response.status}`);
  return ((await response.json()) as { results: ItemResult[] }).results;
};

export function batchItem(op: OutboxOp): Json {
  const ref = String(op.seq);
  if (op.op === 'delete') return { ref, op: op.op, level: op.level, id: op.id, row_version: op.row_version };
  const body = { ...op.body, id: op.id };
  return {
    ref,
    op: op.op,
    level: op.level,
    id: op.id,
    body: op.op === 'update' ? { ...body, row_version: op.row_version } : body,
  };
}

/** Every value I send is already the server's: my change went through before. */
function alreadyThere(mine: Json | undefined, current: Json | undefined): boolean {
  if (!mine || !current) return false;
  return Object.entries(mine).every(
    ([k, v]) => k === 'row_version' || JSON.stringify(v) === JSON.stringify(current[k]),
  );
}

async function settle(db: OfflineDb, op: OutboxOp, result: ItemResult): Promise<keyof SyncReport> {
  const seq = op.seq as number;
  const { status } = result;
  const done = status === 200 || status === 201 || status === 204 || (op.op === 'delete' && status === 404);
  const stale = status === 409 && result.current !== undefined;
  if (done || (stale && alreadyThere(op.body, result.current))) {
    await db.delete('outbox', seq);
    const record = result.record ?? result.current;
    if (op.op === 'delete') await unstoreRecord(op.module, op.level, op.id, db);
    else if (record) await storeRecord(op.module, op.level, record, db);
    return 'done';
  }
  if (status === 424 || status >= 500) {
    await db.put('outbox', { ...op, state: 'pending', ...(result.errors ? { errors: result.errors } : {}) });
    return 'waiting';
  }
  if (stale) {
    await db.put('outbox', { ...op, state: 'conflict', current: result.current as Json });
    return 'conflicts';
  }
  await db.put('outbox', { ...op, state: 'refused', errors: result.errors ?? [] });
  return 'refused';
}

/** Photos uploaded and named by no waiting operation: the server has them, the device lets them go. */
async function forgetSentMedia(db: OfflineDb): Promise<void> {
  const named = JSON.stringify(await db.getAll('outbox'));
  for (const item of await db.getAll('media'))
    if (item.uploaded && !named.includes(item.key)) await db.delete('media', item.key);
}

export async function syncOutbox(
  options: { post?: PostBatch; onProgress?: (done: number, total: number) => void; db?: OfflineDb } = {},
): Promise<SyncReport> {
  const db = options.db ?? (await offlineDb());
  const post = options.post ?? postBatch;
  const ops = sendable(await db.getAll('outbox'));
  const report = { sent: 0, done: 0, conflicts: 0, refused: 0, waiting: 0 };
  const modules = [...new Set(ops.map((o) => o.module))];
  for (const module of modules) {
    const mine = ops.filter((o) => o.module === module);
    for (let start = 0; start < mine.length; start += BATCH_LIMIT) {
      // Photos first: the records name them by the server's key.
      const chunk = await uploadQueuedMedia(mine.slice(start, start + BATCH_LIMIT), db);
      const results = await post(module, chunk.map(batchItem));
      report.sent += chunk.length;
      for (const op of chunk) {
        const result = results.find((r) => r.ref === String(op.seq));
        if (!result) continue;
        report[await settle(db, op, result)] += 1;
      }
      options.onProgress?.(report.sent, ops.length);
      await announceOutbox(db);
    }
  }
  await forgetSentMedia(db);
  return report;
}
