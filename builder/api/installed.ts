/**
 * What the builder compares a draft with: the version of its code the database has installed (the
 * resolved protocol of suivi.module.version_id's row), and the authored spec of that version when the
 * builder published it (`<modules dir>/<code>/protocol.json`), else one written back from the resolved
 * protocol (`toAuthored`).
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type ResolvedProtocol, toAuthored } from '../../protocol-specs/index.ts';
import { coreDb } from '../../runtime/db/core-database.ts';
import type { Queryable } from '../../runtime/db/database.ts';
import type { Spec } from './drafts-store.ts';

export interface InstalledProtocol {
  readonly version: number;
  readonly protocol: ResolvedProtocol;
}

/** The installed version of `code` with its resolved protocol; undefined when not installed (or before 0007). */
export async function installedProtocol(q: Queryable, code: string): Promise<InstalledProtocol | undefined> {
  if (code === '') return undefined;
  const row = await coreDb(q)
    .selectFrom('suivi.module as m')
    .innerJoin('suivi.module_version as v', 'v.id', 'm.version_id')
    .select(['m.spec_version', 'v.ir'])
    .where('m.code', '=', code)
    .executeTakeFirst();
  return row ? { version: row.spec_version, protocol: row.ir as ResolvedProtocol } : undefined;
}

/** The installed version's authored spec: the published protocol.json of that version, else rebuilt. */
export async function installedSpec(installed: InstalledProtocol, modulesDir: string): Promise<Spec> {
  const { code } = installed.protocol;
  const text = await readFile(join(modulesDir, code, 'protocol.json'), 'utf8').catch(() => undefined);
  try {
    const published = text === undefined ? undefined : (JSON.parse(text) as Spec);
    if (published?.code === code && published.version === installed.version) return published;
  } catch {
    // An unreadable file: the resolved protocol says the same.
  }
  return toAuthored(installed.protocol) as unknown as Spec;
}
