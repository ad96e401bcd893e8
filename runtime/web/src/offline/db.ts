/**
 * The device's offline store (IndexedDB through idb): the areas taken offline, their records and
 * reference data, the outbox of changes waiting for the server, and the photos queued with them.
 * Everything a field session needs survives reloads, crashes and closed tabs because it lives here,
 * never only in memory.
 */
import { type DBSchema, type IDBPDatabase, openDB } from 'idb';
import type { Json } from '../api-shapes.ts';

export type OpKind = 'create' | 'update' | 'delete';
/** pending: to send; conflict: the server holds a newer version (409); refused: 422 (or another 4xx). */
export type OpState = 'pending' | 'conflict' | 'refused';

export interface OutboxOp {
  /** Order of the outbox (autoIncrement): parents are queued before their children. */
  seq?: number;
  readonly module: string;
  readonly op: OpKind;
  readonly level: string;
  /** The record's UUID (a client UUID for a create). */
  readonly id: string;
  /** The record as sent (create/update); an update carries the row_version it was made on. */
  body?: Json;
  row_version?: number;
  state: OpState;
  errors?: readonly { path: string; code: string; message: string }[];
  /** On a conflict: the server's current record, shown beside mine. */
  current?: Json;
  /** The GPS accuracy (metres) of a point placed from the device's position: kept locally, never sent. */
  gps_accuracy_m?: number;
  queued_at: string;
}

export interface StoredRecord {
  readonly module: string;
  readonly level: string;
  readonly id: string;
  /** The area it came with ('' for a record entered here). */
  readonly area: string;
  readonly data: Json;
}

export interface Area {
  readonly id: string;
  readonly module: string;
  readonly label: string;
  readonly created_at: string;
  readonly counts: Readonly<Record<string, number>>;
  readonly size_bytes: number;
  readonly bbox: readonly [number, number, number, number] | null;
  readonly tiles: { readonly count: number; readonly bytes: number; readonly max_zoom: number };
}

export interface QueuedMedia {
  /** The local storage_key the record names until the upload answers the server's. */
  readonly key: string;
  readonly blob: Blob;
  readonly file_name: string;
  readonly mime_type: string;
  /** Set once uploaded: the server's storage_key replaces `key` in the records that name it. */
  uploaded?: string;
}

interface OfflineSchema extends DBSchema {
  records: {
    key: [string, string, string];
    value: StoredRecord;
    indexes: { level: [string, string]; area: string };
  };
  areas: { key: string; value: Area };
  /** Reference data and app descriptions (modules, forms, vocabularies, taxa, users, datasets, account). */
  reference: { key: string; value: { key: string; value: unknown } };
  outbox: { key: number; value: OutboxOp; indexes: { record: string } };
  media: { key: string; value: QueuedMedia };
}

export type OfflineDb = IDBPDatabase<OfflineSchema>;

const NAME = 'suivi-offline';
let opened: Promise<OfflineDb> | undefined;

export function offlineDb(): Promise<OfflineDb> {
  opened ??= openDB<OfflineSchema>(NAME, 1, {
    upgrade(db) {
      const records = db.createObjectStore('records', { keyPath: ['module', 'level', 'id'] });
      records.createIndex('level', ['module', 'level']);
      records.createIndex('area', 'area');
      db.createObjectStore('areas', { keyPath: 'id' });
      db.createObjectStore('reference', { keyPath: 'key' });
      const outbox = db.createObjectStore('outbox', { keyPath: 'seq', autoIncrement: true });
      outbox.createIndex('record', 'id');
      db.createObjectStore('media', { keyPath: 'key' });
    },
  });
  return opened;
}

/** Tests open a fresh database per case (fake-indexeddb): the next call opens anew. */
export function forgetOfflineDb(): void {
  opened = undefined;
}

export async function getReference<T>(key: string): Promise<T | undefined> {
  return (await (await offlineDb()).get('reference', key))?.value as T | undefined;
}

export async function putReference(key: string, value: unknown): Promise<void> {
  await (await offlineDb()).put('reference', { key, value });
}
