/**
 * Photos taken offline: the file is kept in IndexedDB under a fresh UUID, which the record names as
 * its `storage_key` until the sync uploads the file (POST /api/media) and rewrites the records that
 * name it with the server's key — before the records themselves are sent. The service worker answers
 * GET /api/media/<local key> from this store, so the thumbnail shows offline.
 */
import type { Json } from '../api-shapes.ts';
import { type OfflineDb, type OutboxOp, offlineDb } from './db.ts';

export async function queueMedia(
  file: File,
): Promise<{ storage_key: string; file_name: string; mime_type: string }> {
  const key = crypto.randomUUID();
  const item = { key, blob: file, file_name: file.name, mime_type: file.type || 'application/octet-stream' };
  await (await offlineDb()).put('media', item);
  return { storage_key: key, file_name: item.file_name, mime_type: item.mime_type };
}

/** Uploads one queued file; the server's answer names its key. */
export type UploadMedia = (
  blob: Blob,
  name: string,
) => Promise<{ ok: true; key: string } | { ok: false; message: string }>;

const upload: UploadMedia = async (blob, name) => {
  const form = new FormData();
  form.append('file', blob, name);
  const response = await fetch('/api/media', { method: 'POST', credentials: 'same-origin', body: form });
  const body = (await response.json().catch(() => null)) as Json | Json[] | null;
  if (response.status === 201 && body && !Array.isArray(body))
    return { ok: true, key: String(body.storage_key) };
  const problem = Array.isArray(body) ? body[0] : body;
  return { ok: false, message: String(problem?.message ?? `HTTP ${response.status}`) };
};

/** Storage keys a body names (media fields: arrays of `{ storage_key }`). */
function mediaKeys(body: Json | undefined): { field: string; key: string }[] {
  const found: { field: string; key: string }[] = [];
  for (const [field, value] of Object.entries(body ?? {})) {
    if (!Array.isArray(value)) continue;
    for (const item of value)
      if (item && typeof item === 'object' && typeof (item as Json).storage_key === 'string')
        found.push({ field, key: String((item as Json).storage_key) });
  }
  return found;
}

function rewrite(body: Json, from: string, to: string): Json {
  return Object.fromEntries(
    Object.entries(body).map(([k, v]) => [
      k,
      Array.isArray(v)
        ? v.map((item) =>
            item && typeof item === 'object' && (item as Json).storage_key === from
              ? { ...(item as Json), storage_key: to }
              : item,
          )
        : v,
    ]),
  );
}

/**
 * Uploads the files the operations name and returns the operations to send, bodies rewritten (and
 * saved so). An operation whose file the server refuses is marked refused at its field and held back.
 * A network failure throws: the sync stops with nothing lost.
 */
export async function uploadQueuedMedia(
  ops: readonly OutboxOp[],
  db?: OfflineDb,
  send: UploadMedia = upload,
): Promise<OutboxOp[]> {
  const store = db ?? (await offlineDb());
  const ready: OutboxOp[] = [];
  for (const op of ops) {
    let body = op.body;
    let refusal: { path: string; code: string; message: string } | undefined;
    for (const { field, key } of mediaKeys(op.body)) {
      const queued = await store.get('media', key);
      if (!queued) continue;
      let uploaded = queued.uploaded;
      if (!uploaded) {
        const answer = await send(queued.blob, queued.file_name);
        if (!answer.ok) {
          refusal = {
            path: `/${field}`,
            code: 'media_refused',
            message: `${queued.file_name}: ${answer.message}`,
          };
          break;
        }
        uploaded = answer.key;
        await store.put('media', { ...queued, uploaded });
      }
      if (body) body = rewrite(body, key, uploaded);
    }
    if (refusal) {
      await store.put('outbox', { ...op, state: 'refused', errors: [refusal] });
      continue;
    }
    const next = body === op.body ? op : { ...op, ...(body ? { body } : {}) };
    if (next !== op) await store.put('outbox', next);
    ready.push(next);
  }
  return ready;
}

/** A queued file by its local key (the service worker's answer to GET /api/media/<key>). */
export async function queuedMedia(key: string, db?: OfflineDb) {
  return (db ?? (await offlineDb())).get('media', key);
}
