/**
 * The app's data layer without network (api.ts calls it when the browser is offline or a request
 * cannot reach the server): the same URLs answered from this device's store, in the shapes the server
 * gives, and record changes queued in the outbox. Only what an area taken offline holds can be read;
 * anything else answers 503 `offline`, which the pages show as they show any error.
 */
import { ApiError, type Json, type Page } from '../api-shapes.ts';
import { getReference } from './db.ts';
import { accuracyOf } from './gps.ts';
import { enqueue } from './outbox.ts';
import { storedRecord, storedRecords, storeRecord, unstoreRecord } from './records.ts';
import { type OfflineReference, referenceKey } from './reference-keys.ts';

const offline = () =>
  new ApiError(503, [
    {
      path: '',
      code: 'offline',
      message: 'Hors ligne : non disponible sur cet appareil. / Offline: not on this device.',
    },
  ]);
const notFound = () =>
  new ApiError(404, [
    { path: '', code: 'not_found', message: 'Introuvable sur cet appareil. / Not on this device.' },
  ]);

const RESERVED = new Set(['page', 'page_size', 'sort', 'q']);

/** A list as GET /api/modules/<code>/<level> answers it: parent links and equality filters, sorted, paged. */
function page(records: Json[], query: URLSearchParams): Page {
  let items = records;
  for (const [k, v] of query) {
    if (RESERVED.has(k)) continue;
    items = items.filter((r) => String(r[k] ?? '') === v);
  }
  const sort = query.get('sort');
  if (sort) {
    const key = sort.replace(/^-/, '');
    const sign = sort.startsWith('-') ? -1 : 1;
    items = [...items].sort(
      (a, b) => sign * String(a[key] ?? '').localeCompare(String(b[key] ?? ''), undefined, { numeric: true }),
    );
  }
  const size = Number(query.get('page_size') ?? 100_000) || 100_000;
  const number = Number(query.get('page') ?? 1) || 1;
  return {
    items: items.slice((number - 1) * size, number * size),
    total: items.length,
    total_exact: true,
    page: number,
    page_size: size,
  };
}

/** The map of a level (GET …/map): every stored record with a geometry in the box, no clusters. */
async function mapAnswer(module: string, level: string, query: URLSearchParams) {
  const [w, s, e, n] = (query.get('bbox') ?? '-180,-90,180,90').split(',').map(Number);
  const forms = await getReference<{ mapLabel?: string }>(referenceKey('forms', module, level));
  const rest = new URLSearchParams([...query].filter(([k]) => k !== 'bbox' && k !== 'zoom'));
  const inBox = (g: { coordinates?: unknown }) => {
    const points: number[][] = [];
    const walk = (c: unknown): void => {
      if (Array.isArray(c) && typeof c[0] === 'number') points.push(c as number[]);
      else if (Array.isArray(c)) for (const p of c) walk(p);
    };
    walk(g.coordinates);
    return points.some(
      ([x = 0, y = 0]) => x >= (w ?? -180) && x <= (e ?? 180) && y >= (s ?? -90) && y <= (n ?? 90),
    );
  };
  const features = page(await storedRecords(module, level), rest)
    .items.filter((r) => r.geometry && inBox(r.geometry as { coordinates?: unknown }))
    .map((r) => ({
      id: String(r.id),
      label: forms?.mapLabel ? ((r[forms.mapLabel] as string | undefined) ?? null) : null,
      geometry: r.geometry,
    }));
  return { zoom: Number(query.get('zoom') ?? 0), total: features.length, clusters: [], features };
}

async function reference<T>(key: OfflineReference, ...parts: string[]): Promise<T> {
  const value = await getReference<T>(referenceKey(key, ...parts));
  if (value === undefined) throw offline();
  return value;
}

async function get(path: string, query: URLSearchParams): Promise<unknown> {
  const parts = path.split('/').slice(2).map(decodeURIComponent); // after /api/
  const [head, code = '', second = '', third] = parts;
  if (head === 'auth' && code === 'me') return reference('account');
  if (head === 'modules' && !code) return reference('modules');
  if (head === 'modules' && second === 'forms' && third) return reference('forms', code, third);
  if (head === 'modules' && second && third === undefined)
    return page(await storedRecords(code, second), query);
  if (head === 'modules' && second && third === 'map') return mapAnswer(code, second, query);
  if (head === 'modules' && second && third) {
    const found = await storedRecord(code, second, third);
    if (!found) throw notFound();
    return found;
  }
  if (head === 'vocabularies' && code) return reference('vocabulary', code);
  if (head === 'datasets') return { items: await reference<Json[]>('datasets') };
  if (head === 'users') {
    const users = await reference<{ id: string; name: string }[]>('users');
    const ids = query.get('ids')?.split(',');
    const q = query.get('q')?.toLowerCase();
    const items = users
      .filter((u) => (ids ? ids.includes(u.id) : q ? u.name.toLowerCase().includes(q) : true))
      .map((u) => ({ id: u.id, display_name: u.name }));
    return { items };
  }
  if (head === 'taxa') {
    const taxa = await reference<Json[]>('taxa');
    const codes = query.get('cd_nom')?.split(',').map(Number);
    const q = query.get('q')?.toLowerCase();
    const limit = Number(query.get('limit') ?? 20) || 20;
    const items = codes
      ? taxa.filter((t) => codes.includes(Number(t.cd_nom)))
      : taxa
          .filter(
            (t) =>
              !q ||
              [t.lb_nom, t.nom_vern].some((n) =>
                String(n ?? '')
                  .toLowerCase()
                  .includes(q),
              ),
          )
          .slice(0, limit);
    return { items };
  }
  if (head === 'history') return { items: [], total: 0 };
  throw offline();
}

/** The account that took the area offline: the creator of what is entered here. */
async function envelope(): Promise<Json> {
  const account = await getReference<Json>(referenceKey('account'));
  const organisation = account?.organisation as Json | null | undefined;
  return {
    created_by: account?.id ?? null,
    ...(organisation?.id ? { organisation_id: organisation.id } : {}),
  };
}

export async function localRequest(method: string, url: string, body?: unknown): Promise<unknown> {
  const parsed = new URL(url, location.origin);
  const path = parsed.pathname;
  if (method === 'GET') return get(path, parsed.searchParams);
  const [, , head, code = '', level = '', id] = path.split('/').map(decodeURIComponent);
  if (head !== 'modules' || !code || !level || level === 'batch') throw offline();
  const data = (body ?? {}) as Json;
  if (method === 'POST' && id === undefined) {
    const newId = typeof data.id === 'string' ? data.id : crypto.randomUUID();
    const fields = data;
    const gps = accuracy(accuracyOf(fields.geometry));
    const record: Json = {
      ...fields,
      ...(await envelope()),
      id: newId,
      row_version: 0,
      offline: 'pending',
      ...gps,
    };
    await enqueue({ module: code, op: 'create', level, id: newId, body: { ...fields, id: newId }, ...gps });
    await storeRecord(code, level, record);
    return record;
  }
  if (!id) throw offline();
  const before = await storedRecord(code, level, id);
  if (method === 'PUT') {
    const { row_version, ...fields } = data;
    const version = Number(row_version ?? before?.row_version ?? 0);
    const gps = accuracy(accuracyOf(fields.geometry));
    await enqueue({ module: code, op: 'update', level, id, body: fields, row_version: version, ...gps });
    const record: Json = { ...before, ...fields, id, offline: 'pending', ...gps };
    await storeRecord(code, level, record);
    return record;
  }
  if (method === 'DELETE') {
    await enqueue({ module: code, op: 'delete', level, id, row_version: Number(before?.row_version ?? 0) });
    await unstoreRecord(code, level, id);
    return null;
  }
  throw offline();
}

const accuracy = (value: unknown) => (typeof value === 'number' ? { gps_accuracy_m: value } : {});
