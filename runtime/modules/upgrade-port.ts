/**
 * The upgrade as the live registry and the admin API use it: a function that runs a module folder's
 * migration plan on the installed module (runtime/modules/upgrade.ts, `upgradeModule`). It is taken as
 * a dependency (start.ts → build-app → admin routes) rather than imported, so the server can be built and
 * tested without it; `POST /api/admin/modules/:code/upgrade` answers 503 `upgrade_unavailable` when none
 * was given.
 *
 * The shapes below are what this side reads of the report; the upgrade's own types may say more.
 */
import type { ChangeClass } from '../../protocol-specs/evolution/change-class.ts';
import type { Database } from '../db/database.ts';
import type { ModuleFolder } from './module-folder.ts';

export interface UpgradeStepReport {
  readonly id: string;
  readonly class: ChangeClass;
  readonly [detail: string]: unknown;
}

export interface UpgradeReport {
  readonly code: string;
  readonly from: number;
  readonly to: number;
  readonly status: 'upgraded' | 'dry_run' | 'refused';
  readonly steps: readonly UpgradeStepReport[];
}

export interface UpgradeOptions {
  /** Run every check and statement, then roll back: what would happen. */
  readonly dryRun?: boolean;
  /** The administrator upgrading (suivi.app_user id), kept in the version row. */
  readonly actor?: string;
}

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
