/**
 * What an import must remember for the rest of the file, kept in the database instead of memory, so the
 * import's memory stays flat whatever the file's size: the rows' dedup keys and the ancestors found or
 * created by key (a refusal too, with its problems). Two temporary tables of the import's transaction
 * (ON COMMIT DROP: gone when it ends, committed or rolled back), each keyed by a hash of the key, one
 * statement per batch. The keys are SHA-1 hashes (base64) of the JSON key: a fixed 28 characters.
 */
import { createHash } from 'node:crypto';
import type { Queryable } from '../../db/database.ts';
import type { ImportProblem } from '../template.ts';

/** An ancestor found or created by its key, or why it could not be. */
export type Found = { readonly id: string } | { readonly problems: readonly ImportProblem[] };

export interface ImportStaging {
  /** For each key, in order, whether it is the first time the file has it (a later one is a duplicate). */
  firstSeen(keys: readonly string[]): Promise<boolean[]>;
  /** The ancestors remembered under `keys`. */
  ancestors(keys: readonly string[]): Promise<Map<string, Found>>;
  remember(found: ReadonlyMap<string, Found>): Promise<void>;
}

export const keyHash = (key: string) => createHash('sha1').update(key).digest('base64');

export async function importStaging(db: Queryable): Promise<ImportStaging> {
  // Dropped with the transaction; IF NOT EXISTS would hide an import left half-done in this session.
  await db.query('CREATE TEMPORARY TABLE suivi_import_seen (key text PRIMARY KEY) ON COMMIT DROP');
  await db.query(
    'CREATE TEMPORARY TABLE suivi_import_ancestor (key text PRIMARY KEY, id uuid, problems jsonb) ON COMMIT DROP',
  );
  return {
    async firstSeen(keys) {
      // A key twice in the batch: its first row only.
      const batch = new Set<string>();
      const first = keys.map((k) => {
        if (batch.has(k)) return false;
        batch.add(k);
        return true;
      });
      if (batch.size === 0) return first;
      const inserted = await db.query<{ key: string }>(
        `INSERT INTO suivi_import_seen (key) SELECT unnest($1::text[])
         ON CONFLICT DO NOTHING RETURNING key`,
        [[...batch]],
      );
      const fresh = new Set(inserted.rows.map((r) => r.key));
      return keys.map((k, i) => (first[i] as boolean) && fresh.has(k));
    },

    async ancestors(keys) {
      const out = new Map<string, Found>();
      if (keys.length === 0) return out;
      const rows = await db.query<{ key: string; id: string | null; problems: ImportProblem[] | null }>(
        'SELECT key, id::text AS id, problems FROM suivi_import_ancestor WHERE key = ANY($1::text[])',
        [[...new Set(keys)]],
      );
      for (const r of rows.rows) out.set(r.key, r.id ? { id: r.id } : { problems: r.problems ?? [] });
      return out;
    },

    async remember(found) {
      if (found.size === 0) return;
      const entries = [...found];
      await db.query(
        `INSERT INTO suivi_import_ancestor (key, id, problems)
         SELECT k, i, p FROM unnest($1::text[], $2::uuid[], $3::jsonb[]) AS f(k, i, p)
         ON CONFLICT (key) DO NOTHING`,
        [
          entries.map(([k]) => k),
          entries.map(([, f]) => ('id' in f ? f.id : null)),
          entries.map(([, f]) => ('problems' in f ? JSON.stringify(f.problems) : null)),
        ],
      );
    },
  };
}
