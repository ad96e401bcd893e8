/**
 * Names of the references a record holds — taxa by cd_nom, users by id, datasets by id, other records
 * of the module by id — for tables, record pages and forms that show an existing value. Looked up in
 * batches (`/api/taxa?cd_nom=`, `/api/users?ids=`; the datasets, a short list, all at once; records one
 * by one, each once) and kept for the page's life: a table of 20 rows costs at most three requests,
 * whoever the observers are, plus one per distinct record its reference fields name.
 */
import { type Json, type LevelForms, optional } from './api.ts';

export interface TaxonName {
  readonly cd_nom: number;
  readonly lb_nom: string;
  readonly nom_vern: string | null;
}

const taxa = new Map<number, TaxonName | null>();
const users = new Map<string, string | null>();
const datasets = new Map<string, string>();
/** Referenced records by id (uuids: unique across levels): their label, null when not readable. */
const records = new Map<string, string | null>();
let datasetsAsked = false;
/** Lookups above this many codes are split, as the API caps a lookup at 200. */
const BATCH = 200;

export const taxonLabel = (t: TaxonName) => `${t.lb_nom}${t.nom_vern ? ` (${t.nom_vern})` : ''}`;
export const knownTaxon = (code: number) => taxa.get(code) ?? undefined;
/** Taxa a search returned: their names are known without asking again. */
export function rememberTaxa(found: readonly TaxonName[]): void {
  for (const t of found) taxa.set(t.cd_nom, t);
}
export const knownUser = (id: string) => users.get(id) ?? undefined;
export const knownDataset = (id: string) => datasets.get(id);
export const knownRecord = (id: string) => records.get(id) ?? undefined;

/** Records whose labels were asked: their label, or null (not readable, or asked and pending). */
export function rememberRecord(id: string, label: string | null): void {
  records.set(id, label);
}
export const recordAsked = (id: string) => records.has(id);

async function loadDatasets(): Promise<boolean> {
  if (datasetsAsked) return false;
  datasetsAsked = true;
  const r = await optional<{ items: { id: string; name: string }[] }>('/api/datasets');
  for (const d of r?.items ?? []) datasets.set(d.id, d.name);
  return datasets.size > 0;
}

// The batches in flight, per cache: a second page part wanting the same names waits for them too, and
// re-renders when they arrive (instead of finding them "asked" and showing the raw id for good).
const inFlight = new WeakMap<Map<unknown, unknown>, Map<unknown, Promise<void>>>();

async function fetchMissing<K>(
  wanted: Iterable<K>,
  cache: Map<K, unknown>,
  fetchBatch: (batch: K[]) => Promise<void>,
) {
  const pending = inFlight.get(cache) ?? new Map<unknown, Promise<void>>();
  inFlight.set(cache, pending);
  const unique = [...new Set(wanted)];
  const waiting = unique.flatMap((k) => pending.get(k) ?? []);
  const missing = unique.filter((k) => !cache.has(k));
  const batches: Promise<void>[] = [];
  for (let i = 0; i < missing.length; i += BATCH) {
    const batch = missing.slice(i, i + BATCH);
    for (const k of batch) cache.set(k, null); // asked once, even when the answer lacks it
    const fetched = fetchBatch(batch).finally(() => {
      for (const k of batch) pending.delete(k);
    });
    for (const k of batch) pending.set(k, fetched);
    batches.push(fetched);
  }
  await Promise.all([...batches, ...waiting]);
  return missing.length > 0 || waiting.length > 0;
}

/** Fetches the names not known yet; true when something new was asked. */
export async function loadNames(
  taxonCodes: Iterable<number>,
  userIds: Iterable<string>,
  withDatasets = false,
): Promise<boolean> {
  const [a, b, c] = await Promise.all([
    fetchMissing(taxonCodes, taxa, async (batch) => {
      const r = await optional<{ items: TaxonName[] }>(`/api/taxa?cd_nom=${batch.join(',')}`);
      for (const t of r?.items ?? []) taxa.set(t.cd_nom, t);
    }),
    fetchMissing(userIds, users, async (batch) => {
      const r = await optional<{ items: { id: string; display_name: string }[] }>(
        `/api/users?ids=${batch.join(',')}`,
      );
      for (const u of r?.items ?? []) users.set(u.id, u.display_name);
    }),
    withDatasets ? loadDatasets() : false,
  ]);
  return a || b || c;
}

const widgetOf = (ui: Json, key: string) => (ui[key] as Json | undefined)?.['ui:widget'];

/** The taxon codes and user ids held by these records, read from the fields' widgets. */
export function referencesOf(records: readonly Json[], forms: Pick<LevelForms, 'ui'>) {
  const taxonCodes: number[] = [];
  const userIds: string[] = [];
  let datasetIds = false;
  const recordIds = new Map<string, string[]>();
  for (const record of records) {
    for (const [key, value] of Object.entries(record)) {
      const values = Array.isArray(value) ? value : [value];
      if (widgetOf(forms.ui, key) === 'dataset' && value) datasetIds = true;
      if (widgetOf(forms.ui, key) === 'record') {
        const level = String(((forms.ui[key] as Json)['ui:options'] as Json | undefined)?.level ?? '');
        const ids = recordIds.get(level) ?? [];
        for (const v of values) if (typeof v === 'string') ids.push(v);
        if (level) recordIds.set(level, ids);
      }
      if (widgetOf(forms.ui, key) === 'taxon') {
        for (const v of values) if (typeof v === 'number') taxonCodes.push(v);
      }
      for (const v of values) {
        const id = v && typeof v === 'object' ? (v as Json).user_id : undefined;
        if (typeof id === 'string') userIds.push(id);
      }
    }
  }
  return { taxonCodes, userIds, datasetIds, recordIds };
}

/** Taxa whose names start with `q`, within the module's taxonomy; null when the search API is not there. */
export async function searchTaxa(q: string, module: string, limit?: number): Promise<TaxonName[] | null> {
  const query = new URLSearchParams({ q, module, ...(limit ? { limit: String(limit) } : {}) });
  const r = await optional<{ items: TaxonName[] }>(`/api/taxa?${query}`);
  if (r) rememberTaxa(r.items);
  return r ? r.items : null;
}
