/**
 * Answers of the map route kept per database, so a tile asked again (the user pans back, another user
 * of the same scope looks at the same place) costs one small query instead of grouping thousands of
 * records again. Exact, never stale: a cached answer is keyed by the SQL and bound values that would
 * compute it (the view, the zoom, the list's filters and `q`, the actor's read scope: two requests with
 * the same key read the same rows) and by the module's plan (a live upgrade starts afresh), and it is
 * served only while the module's records are unchanged.
 *
 * Unchanged is decided by the record history, which every write of a module table appends to in the
 * writing transaction, whatever the path (API, import, migration, psql: core migration 0011). Each
 * module's answers are held under a snapshot S taken before any of them was computed; a request first
 * asks whether the module has a history row that S does not see (a transaction committed since, or
 * running then). If so, every answer of the module is dropped and S becomes the request's snapshot.
 * An answer computed after that check read a snapshot at least as new as S, so it holds every change S
 * sees; a change committed later is a history row S does not see, found by the next request.
 * The check probes the feed index (module_code, tx) for the transactions S does not see.
 */
import { sql } from 'kysely';
import type { Database } from '../../db/database.ts';
import type { LevelPlan } from '../model/module-plan.ts';
import { recordsDb } from '../sql/dynamic.ts';

/** Most answers kept per database (a country tile's answer is a few kB). */
export const MAP_CACHE_ENTRIES = 2000;

interface Entry<T> {
  readonly plan: LevelPlan;
  readonly value: T;
}

/** One module's answers, valid while the module has no change its snapshot does not see. */
interface ModuleAnswers {
  readonly snapshot: string;
  readonly entries: Map<string, Entry<unknown>>;
}

interface DatabaseCache {
  readonly modules: Map<string, ModuleAnswers>;
  size: number;
}

const caches = new WeakMap<Database, DatabaseCache>();

function cacheOf(db: Database): DatabaseCache {
  let cache = caches.get(db);
  if (!cache) {
    cache = { modules: new Map(), size: 0 };
    caches.set(db, cache);
  }
  return cache;
}

/** Forgets every kept answer of `db` (the map bench measures requests as a fresh server answers them). */
export function clearMapCache(db: Database): void {
  caches.delete(db);
}

/** The transactions a snapshot `xmin:xmax:xip,…` does not see: from xmax on, and those running then. */
function unseen(snapshot: string): { xmax: string; running: string } {
  const [, xmax = '0', running = ''] = snapshot.split(':');
  return { xmax, running };
}

/**
 * The module's answers that are still valid now: the same set, or an empty one under today's snapshot.
 * A history row S does not see has a tx from S's xmax on, or one of S's running ones: two index probes
 * (not a scan from S's xmin, which a long transaction anywhere on the server holds back).
 */
async function validAnswers(db: Database, cache: DatabaseCache, module: string): Promise<ModuleAnswers> {
  const held = cache.modules.get(module);
  const now = held ? unseen(held.snapshot) : undefined;
  const changed = now
    ? sql<boolean>`EXISTS (SELECT 1 FROM suivi.record_history AS h
                            WHERE h.module_code = ${module} AND h.tx >= ${now.xmax}::xid8)
        OR EXISTS (SELECT 1 FROM suivi.record_history AS h WHERE h.module_code = ${module}
                    AND h.tx = ANY (string_to_array(${now.running}, ',')::xid8[]))`
    : sql<boolean>`true`;
  const { rows } = await sql<{ snapshot: string; changed: boolean }>`
    SELECT pg_current_snapshot()::text AS snapshot, ${changed} AS changed`.execute(recordsDb(db));
  const row = rows[0];
  if (!row) throw new Error('the snapshot query answered no row');
  if (held && !row.changed) return held;
  if (held) cache.size -= held.entries.size;
  const fresh: ModuleAnswers = { snapshot: row.snapshot, entries: new Map() };
  cache.modules.set(module, fresh);
  return fresh;
}

/** Drops the oldest answers (Map order: a hit is moved to the end) until the cache is within bounds. */
function trim(cache: DatabaseCache): void {
  for (const answers of cache.modules.values()) {
    for (const key of answers.entries.keys()) {
      if (cache.size <= MAP_CACHE_ENTRIES) return;
      answers.entries.delete(key);
      cache.size -= 1;
    }
  }
}

/**
 * The answer kept under `key` for `plan`'s module when its records have not changed since, else
 * `compute()`'s, kept. `key` must name everything the answer depends on besides the records.
 */
export async function cachedMapAnswer<T>(
  db: Database,
  plan: LevelPlan,
  key: string,
  compute: () => Promise<T>,
): Promise<T> {
  const cache = cacheOf(db);
  const answers = await validAnswers(db, cache, plan.module);
  const hit = answers.entries.get(key);
  if (hit && hit.plan === plan) {
    answers.entries.delete(key);
    answers.entries.set(key, hit);
    return hit.value as T;
  }
  const value = await compute();
  // Kept only if the set it was validated against is still the module's: if another request has
  // replaced it since, this answer may predate the change that request found.
  if (cache.modules.get(plan.module) !== answers) return value;
  if (!answers.entries.has(key)) cache.size += 1;
  answers.entries.set(key, { plan, value });
  trim(cache);
  return value;
}
