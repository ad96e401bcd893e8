/**
 * The modules of a starting server, one folder at a time, so that one module never takes the others
 * down:
 * - not installed: installed; installed from the same folder: loaded from it; installed without data
 *   and the folder changed: reinstalled (install.ts);
 * - installed WITH data and the folder has another schema: the installed version is served from the
 *   database (its version row, module-version.ts) and the folder waits as a pending upgrade, with the
 *   steps of its plan chain; a module installed before version history has no stored files, so it is not
 *   served at all until it is upgraded;
 * - anything else failing (an unreadable or tampered folder, a failing SQL file, a code listed twice):
 *   that module alone is unavailable, the reason kept for the log and the admin page.
 */
import { basename, dirname, resolve } from 'node:path';
import type { Database } from '../db/database.ts';
import { type InstallResult, installModule, ModuleNeedsUpgradeError } from './install.ts';
import { buildModuleRuntime, type ModuleRuntime } from './load.ts';
import { type ModuleFolder, readModuleFolder } from './module-folder.ts';
import { loadInstalledModule } from './module-version.ts';
import { pendingPlan } from './pending-plan.ts';
import type { PendingModule } from './registry.ts';

export interface OpenedModules {
  readonly installs: readonly InstallResult[];
  /** What to serve: each folder's module, or the installed version of a pending upgrade. */
  readonly served: readonly ModuleRuntime[];
  readonly pending: readonly PendingModule[];
}

/** `examples/x/generated` → `x`: a name for a folder whose manifest cannot be read. */
export function folderName(folder: string): string {
  const path = resolve(folder);
  return basename(path) === 'generated' ? basename(dirname(path)) : basename(path);
}

const failed = (code: string, folder: string, reason: string, versions: Partial<PendingModule> = {}) =>
  ({
    code,
    folder: resolve(folder),
    kind: 'failed',
    installedVersion: null,
    folderVersion: null,
    serving: false,
    reason,
    ...versions,
  }) satisfies PendingModule;

/** The pending upgrade of `module`, serving the installed version when the database has its files. */
export async function pendingUpgrade(
  db: Database,
  module: ModuleFolder,
  refusal: ModuleNeedsUpgradeError,
): Promise<{ pending: PendingModule; installed?: ModuleRuntime }> {
  const code = module.manifest.protocol.code;
  const base = {
    code,
    folder: module.folder,
    kind: 'upgrade',
    installedVersion: refusal.installedVersion,
    folderVersion: refusal.folderVersion,
    plan: pendingPlan(module, refusal.installedVersion),
  } as const;
  try {
    const installed = await loadInstalledModule(db, code);
    return { pending: { ...base, serving: true, reason: refusal.message }, installed };
  } catch (error) {
    return {
      pending: {
        ...base,
        serving: false,
        reason: `${refusal.message} Not served: ${(error as Error).message}`,
      },
    };
  }
}

export async function openModules(db: Database, folders: readonly string[]): Promise<OpenedModules> {
  const installs: InstallResult[] = [];
  const served: ModuleRuntime[] = [];
  const pending: PendingModule[] = [];
  const taken = (code: string) => served.some((m) => m.code === code) || pending.some((p) => p.code === code);
  for (const folder of folders) {
    let module: ModuleFolder;
    try {
      module = await readModuleFolder(folder);
    } catch (error) {
      pending.push(failed(folderName(folder), folder, (error as Error).message));
      continue;
    }
    const { code, version } = module.manifest.protocol;
    if (taken(code)) {
      pending.push(failed(`${code}@${module.folder}`, folder, `module ${code} is listed twice`));
      continue;
    }
    try {
      installs.push(await installModule(db, module));
      served.push(buildModuleRuntime(module));
    } catch (error) {
      if (error instanceof ModuleNeedsUpgradeError) {
        const upgrade = await pendingUpgrade(db, module, error);
        pending.push(upgrade.pending);
        if (upgrade.installed) served.push(upgrade.installed);
      } else {
        pending.push(failed(code, folder, (error as Error).message, { folderVersion: version }));
      }
    }
  }
  return { installs, served, pending };
}

/** The line the start prints for a module it does not serve as its folder says. */
export function pendingLine(p: PendingModule): string {
  const versions =
    p.installedVersion !== null
      ? ` (installed v${p.installedVersion}, folder v${p.folderVersion ?? '?'})`
      : '';
  const serving = p.serving ? 'serving the installed version' : 'NOT SERVED';
  const plan =
    p.plan === undefined
      ? ''
      : p.plan.found
        ? ` — upgrade plan: ${p.plan.steps.length} step(s)`
        : ` — ${p.plan.message}`;
  return `module ${p.code}${versions}: ${p.kind === 'upgrade' ? 'upgrade pending' : 'unavailable'}, ${serving}${plan}. ${p.reason}`;
}
