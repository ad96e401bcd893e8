/**
 * Taking an area offline: the bundle of its records and reference data (GET /api/offline/<code>/bundle,
 * contract-16) into IndexedDB, with what the app needs to run without network (the account, the module
 * list, the module's forms), and the map tiles of the area into Cache Storage, where the service worker
 * serves them from. Removing an area removes its records and its reference entries stay (small, shared).
 */
import { api, type Json, type ModuleSummary } from '../api.ts';
import { type Area, offlineDb, putReference } from './db.ts';
import { outboxOps } from './outbox.ts';
import { referenceKey } from './reference-keys.ts';
import { type Bbox, tileUrls } from './tiles.ts';

/** Cache Storage name of the map tiles (the service worker reads the same one). */
export const TILE_CACHE = 'suivi-tiles';

export type Selection = { readonly sites: readonly string[] } | { readonly bbox: Bbox };

export interface Estimate {
  readonly counts: Readonly<Record<string, number>>;
  readonly size_bytes: number;
}

interface Bundle {
  readonly module: string;
  readonly records: Readonly<Record<string, Json[]>>;
  readonly vocabularies: Readonly<
    Record<string, { code: string; label: string; label_en?: string | null; broader?: string | null }[]>
  >;
  readonly taxa: readonly Json[];
  readonly users: readonly { id: string; name: string }[];
  readonly datasets: readonly { id: string; name: string }[];
  readonly size_bytes: number;
}

export function bundleUrl(module: string, selection: Selection, estimate = false): string {
  const query = new URLSearchParams();
  if ('bbox' in selection) query.set('bbox', selection.bbox.join(','));
  else for (const id of selection.sites) query.append('site', id);
  if (estimate) query.set('estimate', '1');
  return `/api/offline/${encodeURIComponent(module)}/bundle?${query}`;
}

export const estimateArea = (module: string, selection: Selection) =>
  api.get<Estimate>(bundleUrl(module, selection, true));

/** The extent of the geometries of some records (null without any). */
export function extentOf(records: readonly Json[]): Bbox | null {
  let box: [number, number, number, number] | null = null;
  const visit = (c: unknown): void => {
    if (!Array.isArray(c)) return;
    if (typeof c[0] === 'number' && typeof c[1] === 'number') {
      const [x, y] = c as [number, number];
      box = box
        ? [Math.min(box[0], x), Math.min(box[1], y), Math.max(box[2], x), Math.max(box[3], y)]
        : [x, y, x, y];
      return;
    }
    for (const part of c) visit(part);
  };
  for (const r of records) visit((r.geometry as { coordinates?: unknown } | null)?.coordinates);
  return box;
}

async function mergeById<T extends { id?: unknown; cd_nom?: unknown }>(key: string, items: readonly T[]) {
  const db = await offlineDb();
  const before = ((await db.get('reference', key))?.value ?? []) as T[];
  const merged = new Map(before.map((x) => [String(x.id ?? x.cd_nom), x]));
  for (const x of items) merged.set(String(x.id ?? x.cd_nom), x);
  await putReference(key, [...merged.values()]);
}

/** What the app reads at start and in the forms: the account, modules, and this module's forms. */
async function saveAppDescription(module: ModuleSummary) {
  await putReference(referenceKey('account'), await api.get<Json>('/api/auth/me'));
  await putReference(referenceKey('modules'), await api.get<Json>('/api/modules'));
  for (const level of module.levels)
    await putReference(
      referenceKey('forms', module.code, level.key),
      await api.get<Json>(
        `/api/modules/${encodeURIComponent(module.code)}/forms/${encodeURIComponent(level.key)}`,
      ),
    );
}

async function saveBundle(areaId: string, bundle: Bundle) {
  for (const [code, values] of Object.entries(bundle.vocabularies))
    await putReference(referenceKey('vocabulary', code), {
      type: code,
      values: values.map((v) => ({
        code: v.code,
        label: { fr: v.label, ...(v.label_en ? { en: v.label_en } : {}) },
        broader: v.broader ?? null,
      })),
    });
  await mergeById(referenceKey('taxa'), bundle.taxa);
  await mergeById(referenceKey('users'), bundle.users);
  await mergeById(referenceKey('datasets'), bundle.datasets);
  const db = await offlineDb();
  const tx = db.transaction('records', 'readwrite');
  for (const [level, records] of Object.entries(bundle.records))
    for (const data of records)
      await tx.store.put({ module: bundle.module, level, id: String(data.id), area: areaId, data });
  await tx.done;
}

/** Fetches the tiles into Cache Storage, a few at a time; returns how many and their bytes. */
export async function downloadTiles(
  template: string,
  bbox: Bbox,
  maxZoom: number,
  onProgress: (done: number, total: number) => void,
): Promise<{ count: number; bytes: number }> {
  const urls = tileUrls(template, bbox, maxZoom);
  const cache = await caches.open(TILE_CACHE);
  let next = 0;
  let count = 0;
  let bytes = 0;
  const worker = async () => {
    while (next < urls.length) {
      const url = urls[next++] as string;
      const response = await fetch(url, { mode: 'cors', credentials: 'omit' }).catch(() => null);
      if (!response?.ok) continue;
      const blob = await response.clone().blob();
      await cache.put(url, response);
      count += 1;
      bytes += blob.size;
      onProgress(count, urls.length);
    }
  };
  await Promise.all(Array.from({ length: 6 }, worker));
  return { count, bytes };
}

export async function downloadArea(options: {
  readonly module: ModuleSummary;
  readonly selection: Selection;
  readonly label: string;
  readonly tiles: { readonly template: string; readonly maxZoom: number } | null;
  readonly onProgress: (step: 'records' | 'tiles', done: number, total: number) => void;
}): Promise<Area> {
  const { module, selection } = options;
  const id = crypto.randomUUID();
  options.onProgress('records', 0, 1);
  const bundle = await api.get<Bundle>(bundleUrl(module.code, selection));
  await saveAppDescription(module);
  await saveBundle(id, bundle);
  options.onProgress('records', 1, 1);
  const all = Object.values(bundle.records).flat();
  const bbox = 'bbox' in selection ? selection.bbox : extentOf(all);
  const tiles =
    options.tiles && bbox
      ? await downloadTiles(options.tiles.template, bbox, options.tiles.maxZoom, (d, t) =>
          options.onProgress('tiles', d, t),
        )
      : { count: 0, bytes: 0 };
  const area: Area = {
    id,
    module: module.code,
    label: options.label,
    created_at: new Date().toISOString(),
    counts: Object.fromEntries(Object.entries(bundle.records).map(([level, r]) => [level, r.length])),
    size_bytes: bundle.size_bytes,
    bbox,
    tiles: { ...tiles, max_zoom: options.tiles?.maxZoom ?? 0 },
  };
  await (await offlineDb()).put('areas', area);
  return area;
}

export async function storedAreas(): Promise<Area[]> {
  return (await offlineDb()).getAll('areas');
}

/** Refused while the outbox holds changes of the module: they would lose the records they name. */
export async function removeArea(id: string): Promise<'removed' | 'outbox_not_empty'> {
  const db = await offlineDb();
  const area = await db.get('areas', id);
  if (!area) return 'removed';
  if ((await outboxOps(db)).some((o) => o.module === area.module)) return 'outbox_not_empty';
  const tx = db.transaction(['records', 'areas'], 'readwrite');
  const keys = await tx.objectStore('records').index('area').getAllKeys(id);
  for (const key of keys) await tx.objectStore('records').delete(key);
  await tx.objectStore('areas').delete(id);
  await tx.done;
  if (area.bbox && area.tiles.count > 0) {
    const cache = await caches.open(TILE_CACHE);
    // Tiles another area still needs stay: only this area's, not covered by another, go.
    const others = (await db.getAll('areas')).filter((a) => a.bbox);
    const template = localStorage.getItem('suivi.tiles.offline') ?? '';
    if (others.length === 0) await caches.delete(TILE_CACHE);
    else if (template)
      for (const url of tileUrls(template, area.bbox, area.tiles.max_zoom)) await cache.delete(url);
  }
  return 'removed';
}
