/**
 * Test support for modules that change while the server runs: a tiny protocol (`live_ponds`) generated
 * into temporary folders at the versions a test needs, with or without a migration plan file, and a
 * fake upgrade that really changes the tables (an added column), records the new version and can be
 * made to refuse, or to wait.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Generator } from '../../generators/core/generated-file.ts';
import type { MigrationPlan } from '../../generators/migrations/plan-types.ts';
import { generateModule } from '../../generators/module.ts';
import { GENERATORS } from '../../generators/registry.ts';
import { compileProtocol } from '../../protocol-specs/index.ts';
import { coreDb } from '../db/core-database.ts';
import type { Database } from '../db/database.ts';
import { readModuleFolder } from './module-folder.ts';
import { recordModuleVersion } from './module-version.ts';
import type { UpgradeModule, UpgradeReport } from './upgrade-port.ts';

export const LIVE_CODE = 'live_ponds';

const made: string[] = [];
export const removeLiveFolders = () => {
  for (const folder of made.splice(0)) rmSync(folder, { recursive: true, force: true });
};

/** The spec at `version`; from version 2 on, sites have an optional `note`. */
export function pondSpec(version: number): object {
  const fields: object[] = [
    { kind: 'text', id: 'site.name', key: 'site_name', label: { fr: 'Nom', en: 'Name' }, required: true },
    { kind: 'integer', id: 'site.depth', key: 'depth_cm', label: { fr: 'Profondeur', en: 'Depth' }, min: 0 },
  ];
  if (version >= 2)
    fields.push({ kind: 'text', id: 'site.note', key: 'note', label: { fr: 'Note', en: 'Note' } });
  return {
    code: LIVE_CODE,
    version,
    label: { fr: 'Mares (essai)', en: 'Ponds (test)' },
    taxonomy: { scope: 'all' },
    levels: [
      {
        id: 'level.site',
        key: 'site',
        type: 'custom',
        label: { fr: 'Mare', en: 'Pond' },
        geometry: { kind: 'none', required: false },
        fields,
      },
    ],
  };
}

/** A plan v1 → v2 with one additive step, as the migrations generator would write it. */
export const PLAN_V1_V2: MigrationPlan = {
  module: LIVE_CODE,
  from: 1,
  to: 2,
  generatorVersion: '0.1.0',
  archiveSchema: 'suivi_archive',
  steps: [
    {
      id: 'site.note.add',
      class: 'additive',
      description: { fr: 'Ajoute le champ « Note »', en: 'Adds the field “Note”' },
      sql: [`ALTER TABLE ${LIVE_CODE}.site ADD COLUMN note text`],
    },
  ],
};

/** Generates the pond module at `version` into a new temporary folder (`…/live_ponds/generated`). */
export async function pondFolder(version: number, options: { plan?: MigrationPlan } = {}): Promise<string> {
  const compiled = compileProtocol(pondSpec(version));
  if (!compiled.ok) throw new Error(JSON.stringify(compiled.diagnostics));
  const plan = options.plan;
  const migrations: Generator = {
    description: 'test plans',
    generate: () =>
      plan
        ? [{ path: `0002-v${plan.from}-to-v${plan.to}.json`, contents: `${JSON.stringify(plan, null, 2)}\n` }]
        : [],
  };
  const files = await generateModule(
    compiled.protocol,
    { specPath: 'live_ponds/protocol.json' },
    {
      ...GENERATORS,
      migrations,
    },
  );
  const root = mkdtempSync(join(tmpdir(), 'suivi-live-'));
  made.push(root);
  const folder = join(root, LIVE_CODE, 'generated');
  for (const file of files) {
    mkdirSync(dirname(join(folder, file.path)), { recursive: true });
    writeFileSync(join(folder, file.path), file.contents);
  }
  return folder;
}

/** A copy of `folder` with one listed file changed behind the manifest's back. */
export function tampered(folder: string, path: string): string {
  const root = mkdtempSync(join(tmpdir(), 'suivi-live-'));
  made.push(root);
  const copy = join(root, 'broken', 'generated');
  cpSync(folder, copy, { recursive: true });
  writeFileSync(join(copy, path), `${readFileSync(join(copy, path), 'utf8')}\n-- edited by hand\n`);
  return copy;
}

export interface FakeUpgrader {
  readonly upgrade: UpgradeModule;
  /** Make the next upgrades refuse (a check found rows), as ModuleUpgradeError does. */
  refuse: boolean;
  readonly calls: { folder: string; dryRun: boolean; actor?: string }[];
}

/**
 * Runs the folder's plan steps for real (one transaction), updates suivi.module to the folder's manifest
 * and writes the version row (`upgrade`): what upgrade.ts does, without its checks and derived SQL.
 */
export function fakeUpgrader(): FakeUpgrader {
  const fake: FakeUpgrader = {
    refuse: false,
    calls: [],
    async upgrade(db: Database, folder, options = {}) {
      const module = typeof folder === 'string' ? await readModuleFolder(folder) : folder;
      fake.calls.push({
        folder: module.folder,
        dryRun: options.dryRun === true,
        ...(options.actor ? { actor: options.actor } : {}),
      });
      const plan = JSON.parse(module.files.get('migrations/0002-v1-to-v2.json') ?? 'null') as MigrationPlan;
      const report = (status: UpgradeReport['status']): UpgradeReport => ({
        code: plan.module,
        from: plan.from,
        to: plan.to,
        status,
        steps: plan.steps.map((s) => ({
          id: s.id,
          class: s.class,
          description: s.description,
          ok: status !== 'refused',
          ...(status === 'refused' ? { rows: 3, sample: [{ id: 'a1', value: 9 }] } : {}),
        })),
      });
      if (fake.refuse) throw Object.assign(new Error('refused'), { report: report('refused') });
      if (options.dryRun) return report('dry_run');
      await db.transaction(async (tx) => {
        for (const step of plan.steps) for (const statement of step.sql) await tx.exec(statement);
        await coreDb(tx)
          .updateTable('suivi.module')
          .set({ spec_version: plan.to, manifest: JSON.stringify(module.manifest) })
          .where('code', '=', plan.module)
          .execute();
        await recordModuleVersion(tx, module, 'upgrade', {
          plan,
          ...(options.actor ? { actor: options.actor } : {}),
        });
      });
      return report('upgraded');
    },
  };
  return fake;
}

/**
 * `db` whose queries touching `table` wait while `hold()` is on: a request can be caught in flight,
 * before its SQL runs, and let go with `release()`.
 */
export function holdingDatabase(db: Database, table: string) {
  let gate: Promise<void> | undefined;
  let open: () => void = () => {};
  let reached: () => void = () => {};
  let waiting = new Promise<void>((resolve) => {
    reached = resolve;
  });
  // Only queries outside a transaction are held: on PGlite a held transaction would block every other.
  const held: Database = {
    engine: db.engine,
    async query(text, params) {
      if (gate && text.includes(table)) {
        const wait = gate;
        gate = undefined;
        reached();
        await wait;
      }
      return db.query(text, params);
    },
    exec: (script) => db.exec(script),
    transaction: (work) => db.transaction(work),
    close: () => db.close(),
  };
  return {
    db: held,
    hold() {
      gate = new Promise<void>((resolve) => {
        open = resolve;
      });
      waiting = new Promise<void>((resolve) => {
        reached = resolve;
      });
    },
    /** Resolves once a held query is waiting. */
    waiting: () => waiting,
    release: () => open(),
  };
}
