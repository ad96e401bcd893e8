/**
 * suivi.module_version rows (core migration 0007): every version of a module that was installed, with
 * what it was made of (IR, every generated file, the spec when the folder holds it) and the plan that led
 * there. Here the row of an upgrade, and suivi.module pointed at it.
 */
import { IR_FILE, MANIFEST_PATH, type MigrationPlan, sha256 } from '../../generators/model/index.ts';
import { coreDb } from '../db/core-database.ts';
import type { Queryable } from '../db/database.ts';
import { now } from '../db/sql-time.ts';
import type { Manifest, ModuleFolder } from './module-folder.ts';

/** The authored spec, when a generated folder carries it. */
const SPEC_PATH = 'spec/protocol.json';

/** sha256 of the manifest's file list (path and sha256 of each file): the same folder, the same hash. */
export const contentHash = (manifest: Manifest): string =>
  sha256(
    manifest.files
      .map((f) => `${f.path} ${f.sha256}`)
      .sort()
      .join('\n'),
  );

/** Several plans run one after another, as one plan from the first version to the last. */
function joined(chain: readonly MigrationPlan[]): MigrationPlan {
  const first = chain[0] as MigrationPlan;
  const last = chain[chain.length - 1] as MigrationPlan;
  return chain.length === 1 ? first : { ...last, from: first.from, steps: chain.flatMap((p) => p.steps) };
}

export async function recordUpgradedVersion(
  tx: Queryable,
  module: ModuleFolder,
  chain: readonly MigrationPlan[],
  actor: string | undefined,
): Promise<void> {
  const { manifest } = module;
  const files: Record<string, string> = { [MANIFEST_PATH]: `${JSON.stringify(manifest, null, 2)}\n` };
  for (const [path, text] of module.files) files[path] = text;
  const ir = JSON.parse(module.files.get(`ir/${IR_FILE}`) ?? '{}') as { protocol?: object };
  const spec = module.files.get(SPEC_PATH);
  const row = await coreDb(tx)
    .insertInto('suivi.module_version')
    .values({
      code: manifest.protocol.code,
      version: manifest.protocol.version,
      generator_version: manifest.generatorVersion,
      content_hash: contentHash(manifest),
      spec: spec === undefined ? null : spec,
      ir: JSON.stringify(ir.protocol ?? {}),
      files: JSON.stringify(files),
      change: 'upgrade',
      plan: JSON.stringify(joined(chain)),
      installed_by: actor ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await coreDb(tx)
    .updateTable('suivi.module')
    .set({
      label: manifest.protocol.label,
      spec_version: manifest.protocol.version,
      generator_version: manifest.generatorVersion,
      manifest: JSON.stringify(manifest),
      installed_at: now,
      version_id: row.id,
    })
    .where('code', '=', manifest.protocol.code)
    .execute();
}
