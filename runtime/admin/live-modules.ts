/**
 * Installing or upgrading a module while the server runs, then serving the new version in place of the
 * old one (runtime/modules/registry.ts swaps one entry: requests in flight finish on their version).
 * Written once for the two places that change modules live: the admin API (modules.ts: a configured
 * folder, a pending upgrade) and the builder's publish (builder/api: a folder it has just generated).
 *
 * Callers run these inside `registry.change(…)`, which queues every change behind the previous one.
 * Refusals are HttpErrors with the codes the admin API documents: 409 `installed`, `needs_upgrade`,
 * `upgrade_refused` (the problem carries the upgrade `report`), `upgrade_failed`, `upgrade_incomplete`;
 * 422 `install_failed`; 503 `upgrade_unavailable`.
 */
import { coreDb } from '../db/core-database.ts';
import type { Database } from '../db/database.ts';
import { conflict, HttpError, invalid } from '../http/errors.ts';
import {
  type InstallResult,
  installModule,
  ModuleInstallError,
  ModuleNeedsUpgradeError,
} from '../modules/install.ts';
import { buildModuleRuntime } from '../modules/load.ts';
import { type Manifest, type ModuleFolder, readModuleFolder, sameModule } from '../modules/module-folder.ts';
import { pendingUpgrade } from '../modules/open-modules.ts';
import type { ModuleRegistry } from '../modules/registry.ts';
import { refusedReport, type UpgradeModule, type UpgradeReport } from '../modules/upgrade-port.ts';
import { type ModuleSummary, moduleSummary } from '../server/module-summary.ts';

export interface LiveModules {
  readonly db: Database;
  readonly registry: ModuleRegistry;
  /** Runs a migration plan (runtime/modules/upgrade.ts); without it, upgrades answer 503. */
  readonly upgradeModule?: UpgradeModule;
}

/** Serves `module` (already installed as it is) in place of whatever served its code. */
export function serveInstalled(registry: ModuleRegistry, module: ModuleFolder): ModuleSummary {
  const served = registry.serve(buildModuleRuntime(module));
  registry.clearPending(module.manifest.protocol.code);
  return moduleSummary(served.runtime);
}

/**
 * Installs `module` (new, or reinstalled while empty) and serves it. The same folder already served →
 * 409 `installed`; another schema over data → the folder waits as a pending upgrade, 409 `needs_upgrade`.
 * `path` names the culprit in the request's problems (`/folder` for the admin API).
 */
export async function installLive(
  live: LiveModules,
  module: ModuleFolder,
  actor: string,
  path = '',
): Promise<{ install: InstallResult; module: ModuleSummary }> {
  const { db, registry } = live;
  const code = module.manifest.protocol.code;
  try {
    const result = await installModule(db, module, { actor });
    if (result.status === 'unchanged' && registry.runtime(code) && !registry.pendingOf(code))
      throw conflict('installed', `Le module « ${code} » est déjà installé tel que ce dossier le décrit.`, {
        path,
      });
    return { install: result, module: serveInstalled(registry, module) };
  } catch (error) {
    if (error instanceof ModuleNeedsUpgradeError) {
      const upgrade = await pendingUpgrade(db, module, error);
      registry.setPending(upgrade.pending);
      throw conflict(
        'needs_upgrade',
        `Le module « ${code} » contient des données : il faut le mettre à niveau.`,
        { path },
      );
    }
    if (error instanceof ModuleInstallError)
      throw invalid([{ path, code: 'install_failed', message: error.message }]);
    throw error;
  }
}

/**
 * Runs the folder's migration plans on the installed module (a dry run changes nothing and serves
 * nothing new), then serves the folder's version. A check that refuses → 409 `upgrade_refused` whose
 * problem carries the report; the database is then exactly as it was.
 */
export async function upgradeLive(
  live: LiveModules,
  folder: string | ModuleFolder,
  options: { readonly dryRun: boolean; readonly actor: string },
): Promise<{ report: UpgradeReport; module: ModuleSummary | null }> {
  const { db, registry, upgradeModule: upgrade } = live;
  if (!upgrade)
    throw new HttpError(
      503,
      'upgrade_unavailable',
      'Ce serveur ne sait pas encore appliquer de plan de migration.',
    );
  const module = typeof folder === 'string' ? await readModuleFolder(folder) : folder;
  const code = module.manifest.protocol.code;
  let report: UpgradeReport;
  try {
    report = await upgrade(db, module, options);
  } catch (error) {
    const refused = refusedReport(error);
    const message = refused
      ? `La mise à niveau du module « ${code} » est refusée : des enregistrements ne passent pas ses contrôles.`
      : `La mise à niveau du module « ${code} » a échoué : ${(error as Error).message}`;
    throw conflict(refused ? 'upgrade_refused' : 'upgrade_failed', message, {
      path: '',
      ...(refused ? { report: refused } : {}),
    });
  }
  if (report.status !== 'upgraded') return { report, module: null };
  const row = await coreDb(db)
    .selectFrom('suivi.module')
    .select('manifest')
    .where('code', '=', code)
    .executeTakeFirst();
  if (!row || !sameModule(row.manifest as Manifest, module.manifest))
    throw conflict(
      'upgrade_incomplete',
      `Le module « ${code} » installé n’est pas celui du dossier après la mise à niveau.`,
      { path: '' },
    );
  return { report, module: serveInstalled(registry, module) };
}
