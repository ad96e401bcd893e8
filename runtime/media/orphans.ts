/**
 * Orphan files: uploaded but named by no record (an upload whose form was never saved, a file removed
 * from a record, the media of a deleted record). Deleting a record removes its media rows only
 * (ON DELETE CASCADE); the bytes stay until this purge, so an upload gets a day to be attached and an
 * undone removal within that day loses nothing. Run at every start (`npm start`).
 *
 * The media tables are found in the database catalogue — every table outside `suivi` with a
 * storage_key column — not in the loaded modules, so a module installed but not served by this
 * process still keeps its files.
 */
import { ident, type Queryable, qualified } from '../db/database.ts';

/** How long an unattached upload is kept (ms). */
export const ORPHAN_GRACE_MS = 24 * 60 * 60 * 1000;

export async function purgeOrphanMedia(db: Queryable, graceMs = ORPHAN_GRACE_MS): Promise<number> {
  const { rows: tables } = await db.query<{ schema: string; name: string }>(
    `SELECT c.table_schema AS schema, c.table_name AS name FROM information_schema.columns c
       JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
      WHERE c.column_name = 'storage_key' AND c.table_schema <> 'suivi' AND t.table_type = 'BASE TABLE'
      ORDER BY 1, 2`,
  );
  const named = tables.map(
    (t) =>
      `NOT EXISTS (SELECT 1 FROM ${qualified(t.schema, t.name)} m WHERE m.${ident('storage_key')} = f.storage_key::text)`,
  );
  const { rows } = await db.query<{ n: number }>(
    `WITH gone AS (
       DELETE FROM suivi.media_file f
        WHERE f.uploaded_at < now() - make_interval(secs => $1::double precision / 1000)
          ${named.map((n) => `AND ${n}`).join(' ')}
       RETURNING 1)
     SELECT count(*)::integer AS n FROM gone`,
    [graceMs],
  );
  return Number(rows[0]?.n ?? 0);
}
