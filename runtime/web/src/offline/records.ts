/** The records kept on this device: an area's, and those entered or edited here (with their changes). */
import type { Json } from '../api-shapes.ts';
import { type OfflineDb, offlineDb } from './db.ts';

export async function storeRecord(module: string, level: string, data: Json, db?: OfflineDb, area?: string) {
  const store = db ?? (await offlineDb());
  const id = String(data.id);
  const before = await store.get('records', [module, level, id]);
  await store.put('records', { module, level, id, area: area ?? before?.area ?? '', data });
}

export async function unstoreRecord(module: string, level: string, id: string, db?: OfflineDb) {
  await (db ?? (await offlineDb())).delete('records', [module, level, id]);
}

export async function storedRecord(module: string, level: string, id: string): Promise<Json | undefined> {
  return (await (await offlineDb()).get('records', [module, level, id]))?.data;
}

export async function storedRecords(module: string, level: string): Promise<Json[]> {
  const all = await (await offlineDb()).getAllFromIndex('records', 'level', [module, level]);
  return all.map((r) => r.data);
}
