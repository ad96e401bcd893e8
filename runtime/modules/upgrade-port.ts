/**
 * The upgrade as the live registry and the admin API use it: a function that runs a module folder's
 * migration plan on the installed module (runtime/modules/upgrade.ts, `upgradeModule`). It is taken as
 * a dependency (start.ts → build-app → admin routes) rather than imported, so the server can be built and
 * tested without it; `POST /api/admin/modules/:code/upgrade` answers 503 `upgrade_unavailable` when none
 * was given.
 *
 */
import type { Database } from '../db/database.ts';
import type { ModuleFolder } from './module-folder.ts';
import type { UpgradeOptions, UpgradeReport } from './upgrade.ts';

export type { UpgradeOptions, UpgradeReport, UpgradeStepReport } from './upgrade.ts';

/**
 * Upgrades the installed module to the folder's version, in one transaction; resolves with the report
 * (`upgraded` or `dry_run`), rejects with an error carrying `.report` (status `refused`) when a check
 * finds rows the plan does not resolve.
 */
export type UpgradeModule = (
  db: Database,
  folder: string | ModuleFolder,
  options?: UpgradeOptions,
) => Promise<UpgradeReport>;

/** The report of a refused upgrade, from the error the upgrade threw (`ModuleUpgradeError.report`). */
export function refusedReport(error: unknown): UpgradeReport | undefined {
  const report = (error as { report?: UpgradeReport } | null)?.report;
  return typeof report === 'object' && report !== null && Array.isArray(report.steps) ? report : undefined;
}
