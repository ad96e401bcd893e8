/**
 * Who writes, for the record-history trigger (core migration 0011): two transaction-local settings the
 * trigger reads, `suivi.actor` (an app_user id) and `suivi.write_path` (what wrote: api, import,
 * migration, demo…). Local to the transaction (set_config's third argument), so a pooled connection
 * never carries one request's actor into the next; a write without them is recorded as 'database'.
 */
import type { Queryable } from '../db/database.ts';

export type WritePath = 'api' | 'import' | 'migration' | 'demo' | 'restore';

/** Call first inside the write's transaction. */
export async function tagWritePath(tx: Queryable, path: WritePath, actor: string | null): Promise<void> {
  await tx.query("SELECT set_config('suivi.actor', $1, true), set_config('suivi.write_path', $2, true)", [
    actor ?? '',
    path,
  ]);
}
