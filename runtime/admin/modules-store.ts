/**
 * What the module administration reads and writes in the database: each installed module with its
 * version history, the row count of each level, and the uninstall, which archives.
 *
 * Uninstalling moves the module's schema aside, whole, under a name that says what and when:
 * `ALTER SCHEMA <code> RENAME TO suivi_archive_<code>_v<version>_<yyyymmddhhmmss>` (UTC). Renaming keeps
 * every table, row, constraint, index and view as it was (views follow their tables by OID), costs
 * nothing whatever the row count, and cannot collide with another uninstall of the same module. Nothing
 * is dropped; the version rows and grants stay; suivi.module loses the module's row, so a folder of that
 * code installs afresh.
 */
import { sql } from 'kysely';
import { coreDb } from '../db/core-database.ts';
import type { Database, Queryable } from '../db/database.ts';
import { ident } from '../db/database.ts';
import { lockSchemaChanges } from '../db/migrate.ts';
import type { ModuleRuntime } from '../modules/load.ts';

export interface VersionEntry {
  readonly id: number;
  readonly version: number;
  readonly generator_version: string;
  readonly change: string;
  readonly content_hash: string;
  readonly installed_at: string;
  readonly installed_by: { readonly id: string; readonly login: string } | null;
}

export interface InstalledModule {
  readonly code: string;
  readonly label: string;
  readonly version: number;
  readonly installed_at: string;
  readonly installed_by: { readonly id: string; readonly login: string } | null;
  /** Newest first. */
  readonly history: readonly VersionEntry[];
}

const who = (id: string | null, login: string | null) => (id === null ? null : { id, login: login ?? '' });

/** Every installed module (suivi.module), with its versions (suivi.module_version), by code. */
export async function installedModules(db: Queryable): Promise<InstalledModule[]> {
  const modules = await coreDb(db)
    .selectFrom('suivi.module')
    .select(['code', 'label', 'spec_version', 'installed_at', 'version_id'])
    .orderBy('code')
    .execute();
  const versions = await coreDb(db)
    .selectFrom('suivi.module_version as v')
    .leftJoin('suivi.app_user as u', 'u.id', 'v.installed_by')
    .select([
      'v.id',
      'v.code',
      'v.version',
      'v.generator_version',
      'v.change',
      'v.content_hash',
      'v.installed_at',
      'v.installed_by',
      'u.login',
    ])
    .where('v.code', 'in', modules.length > 0 ? modules.map((m) => m.code) : [''])
    .orderBy('v.id', 'desc')
    .execute();
  return modules.map((m) => {
    const history = versions
      .filter((v) => v.code === m.code)
      .map(
        (v): VersionEntry => ({
          id: v.id,
          version: v.version,
          generator_version: v.generator_version,
          change: v.change,
          content_hash: v.content_hash,
          installed_at: v.installed_at,
          installed_by: who(v.installed_by, v.login),
        }),
      );
    const current = history.find((v) => v.id === m.version_id);
    return {
      code: m.code,
      label: m.label,
      version: m.spec_version,
      installed_at: m.installed_at,
      installed_by: current?.installed_by ?? null,
      history,
    };
  });
}

/** Rows of each level's table, by level key. */
export async function levelRowCounts(db: Queryable, module: ModuleRuntime): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const level of module.model.levels) {
    const { schema, name } = level.record.table;
    const { rows } = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM ${ident(schema)}.${ident(name)}`,
    );
    counts[level.key] = rows[0]?.n ?? 0;
  }
  return counts;
}

/** `suivi_archive_<code>_v<version>_<yyyymmddhhmmss>`, within PostgreSQL's 63 bytes (the code is cut). */
export function archiveSchemaName(code: string, version: number, at: Date): string {
  const stamp = at.toISOString().replace(/[-:T]/g, '').slice(0, 14);
  const suffix = `_v${version}_${stamp}`;
  const prefix = 'suivi_archive_';
  return `${prefix}${code.slice(0, 63 - prefix.length - suffix.length)}${suffix}`;
}

/** Archives the module's schema and forgets the module; the archive's name, or undefined when not installed. */
export async function archiveModule(db: Database, code: string): Promise<string | undefined> {
  return db.transaction(async (tx) => {
    await lockSchemaChanges(tx);
    const module = await coreDb(tx)
      .selectFrom('suivi.module')
      .select(['spec_version', sql<string>`now()`.as('now')])
      .where('code', '=', code)
      .forUpdate()
      .executeTakeFirst();
    if (!module) return undefined;
    const archive = archiveSchemaName(code, module.spec_version, new Date(module.now));
    const schema = await tx.query('SELECT 1 FROM pg_namespace WHERE nspname = $1', [code]);
    if (schema.rows.length > 0) await tx.exec(`ALTER SCHEMA ${ident(code)} RENAME TO ${ident(archive)}`);
    await coreDb(tx).deleteFrom('suivi.module').where('code', '=', code).execute();
    return archive;
  });
}
