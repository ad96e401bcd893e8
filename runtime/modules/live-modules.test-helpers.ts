/**
 * Test support for modules that change while the server runs: a tiny protocol (`live_ponds`) generated
 * into temporary folders at the versions a test needs, with or without a migration plan file, and a
 * the real upgrade, recorded, that can be made to refuse.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { generateModule } from '../../generators/module.ts';
import { GENERATORS } from '../../generators/registry.ts';
import { compileProtocol } from '../../protocol-specs/index.ts';
import type { Database } from '../db/database.ts';
import { readModuleFolder } from './module-folder.ts';
import { ModuleUpgradeError, upgradeModule } from './upgrade.ts';
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

/**
 * Generates the pond module at `version` into a new temporary folder (`…/live_ponds/generated`); with
 * `planned`, over the previous version as `suivi generate` does, so the folder holds the real migration
 * plan from `version - 1` (generators/migrations).
 */
export async function pondFolder(version: number, options: { planned?: boolean } = {}): Promise<string> {
  const compile = (v: number) => {
    const compiled = compileProtocol(pondSpec(v));
    if (!compiled.ok) throw new Error(JSON.stringify(compiled.diagnostics));
    return compiled.protocol;
  };
  const previous = options.planned
    ? { protocol: compile(version - 1), migrations: [], resolutions: {} }
    : undefined;
  const files = await generateModule(
    compile(version),
    { specPath: 'live_ponds/protocol.json', ...(previous ? { previous } : {}) },
    GENERATORS,
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
 * The real upgrade (runtime/modules/upgrade.ts), its calls recorded, that can be made to refuse as a
 * failing check does (a ModuleUpgradeError carrying its report) without changing the database.
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
      if (!fake.refuse) return upgradeModule(db, module, options);
      const dry = await upgradeModule(db, module, { ...options, dryRun: true });
      const report: UpgradeReport = {
        ...dry,
        status: 'refused',
        steps: dry.steps.map((step, i) =>
          i === 0 ? { ...step, ok: false, rows: 3, sample: [{ id: 'a1', value: 9 }] } : step,
        ),
      };
      throw new ModuleUpgradeError(report);
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
