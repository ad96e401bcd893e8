/**
 * `installed:<code>`: the resolved protocol a database serves for a module, from its version history
 * (suivi.module.version_id → suivi.module_version.ir). Read only: the database is neither created nor
 * migrated, so looking at it never changes it.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { coreDb } from '../../runtime/db/core-database.ts';
import type { Database } from '../../runtime/db/database.ts';
import { describeDatabase, openDatabase } from '../../runtime/db/open.ts';
import { looksResolved, type ProtocolSource } from './protocol-source.ts';

export const INSTALLED_PREFIX = 'installed:';

export interface DatabaseLocation {
  /** PGlite data directory; ignored when a PostgreSQL URL is given. */
  readonly dataDir: string;
  readonly databaseUrl?: string;
}

export async function readInstalledProtocol(code: string, where: DatabaseLocation): Promise<ProtocolSource> {
  const location = { dataDir: where.dataDir, url: where.databaseUrl ?? '' };
  const described = describeDatabase(location);
  // Opening a data dir that does not exist would create a database: there is nothing installed there.
  if (!where.databaseUrl && !existsSync(join(where.dataDir, 'PG_VERSION')))
    return failed(
      `${INSTALLED_PREFIX}${code}: no database in ${where.dataDir} (give --data-dir, or set DATABASE_URL)`,
    );
  let db: Database | undefined;
  try {
    db = await openDatabase(location);
    return await installedIn(db, code, described);
  } catch (e) {
    return failed(`${INSTALLED_PREFIX}${code}: ${described}: ${(e as Error).message}`);
  } finally {
    await db?.close();
  }
}

async function installedIn(db: Database, code: string, described: string): Promise<ProtocolSource> {
  const tables = await db.query<{ module: string | null; history: string | null }>(
    "SELECT to_regclass('suivi.module')::text AS module, to_regclass('suivi.module_version')::text AS history",
  );
  const found = tables.rows[0];
  if (!found?.module) return failed(`${INSTALLED_PREFIX}${code}: ${described} holds no Suivi database`);
  if (!found.history) return predates(code, described);
  const row = await coreDb(db)
    .selectFrom('suivi.module as m')
    .leftJoin('suivi.module_version as v', 'v.id', 'm.version_id')
    .select(['m.version_id', 'v.ir'])
    .where('m.code', '=', code)
    .executeTakeFirst();
  if (!row) return failed(`${INSTALLED_PREFIX}${code}: no module ${code} is installed in ${described}`);
  if (row.version_id === null || row.ir === null) return predates(code, described);
  if (!looksResolved(row.ir))
    return failed(`${INSTALLED_PREFIX}${code}: the installed version's ir is not a resolved protocol`);
  return { ok: true, protocol: row.ir };
}

const predates = (code: string, described: string): ProtocolSource =>
  failed(
    `${INSTALLED_PREFIX}${code}: the module installed in ${described} predates version history (no suivi.module_version row): reinstall it (npx suivi install <folder>) to record its version, then compare`,
  );

const failed = (...problems: string[]): ProtocolSource => ({ ok: false, problems });
