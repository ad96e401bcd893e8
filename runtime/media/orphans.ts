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
import { sql } from 'kysely';
import { coreDb } from '../db/core-database.ts';
import type { Queryable } from '../db/database.ts';
import { secondsAgo } from '../db/sql-time.ts';

/** How long an unattached upload is kept (ms). */
export const ORPHAN_GRACE_MS = 24 * 60 * 60 * 1000;

export async function purgeOrphanMedia(db: Queryable, graceMs = ORPHAN_GRACE_MS): Promise<number> {
  const { rows: tables } = await db.query<{ schema: string; name: string }>(
    `SELECT c.table_schema AS schema, c.table_name AS name FROM information_schema.columns c
       JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
      WHERE c.column_name = 'storage_key' AND c.table_schema <> 'suivi' AND t.table_type = 'BASE TABLE'
      ORDER BY 1, 2`,
  );
  const { numDeletedRows } = await coreDb(db)
    .deleteFrom('suivi.media_file as f')
    .where('f.uploaded_at', '<', secondsAgo(graceMs / 1000))
    .where((eb) =>
      eb.and(
        tables.map(
          (t) =>
            sql<boolean>`NOT EXISTS (SELECT 1 FROM ${sql.id(t.schema, t.name)} m WHERE m.storage_key = ${eb.ref('f.storage_key')}::text)`,
        ),
      ),
    )
    .executeTakeFirst();
  return Number(numDeletedRows);
}
