/**
 * What the builder compares a draft with: the version of its code the database has installed (the
 * resolved protocol of suivi.module.version_id's row), and the authored spec of that version: the one
 * its version row keeps (`ir/protocol.spec.json` of its files, key order included), else the
 * `<modules dir>/<code>/protocol.json` the builder published for it, else one written back from the
 * resolved protocol (`toAuthored`: a module generated without its spec).
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { sql } from 'kysely';
import { SPEC_FILE } from '../../generators/model/index.ts';
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

const specObject = (text: string | undefined): Spec | undefined => {
  try {
    const value = text === undefined ? undefined : (JSON.parse(text) as unknown);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Spec) : undefined;
  } catch {
    return undefined;
  }
};

/** The authored spec a version row's files keep, as text (`ir/protocol.spec.json`). */
async function storedSpec(q: Queryable, code: string): Promise<Spec | undefined> {
  const row = await coreDb(q)
    .selectFrom('suivi.module as m')
    .innerJoin('suivi.module_version as v', 'v.id', 'm.version_id')
    .select(sql<string | null>`v.files ->> ${`ir/${SPEC_FILE}`}`.as('spec'))
    .where('m.code', '=', code)
    .executeTakeFirst();
  return specObject(row?.spec ?? undefined);
}

/** The installed version's authored spec (see above). */
export async function installedSpec(
  q: Queryable,
  installed: InstalledProtocol,
  modulesDir: string,
): Promise<Spec> {
  const { code } = installed.protocol;
  const stored = await storedSpec(q, code);
  if (stored) return stored;
  const published = specObject(
    await readFile(join(modulesDir, code, 'protocol.json'), 'utf8').catch(() => undefined),
  );
  if (published?.code === code && published.version === installed.version) return published;
  return toAuthored(installed.protocol) as unknown as Spec;
}
