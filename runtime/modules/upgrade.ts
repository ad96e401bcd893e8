/**
 * Upgrades an installed module to the version of its folder by running the folder's migration plans
 * (generators/migrations, `migrations/NNNN-v<from>-to-v<to>.json`) from the installed version on, in ONE
 * transaction holding the schema-change lock:
 *
 *   for each step (the first drops the module's views): its resolution's statements, its check counted (and
 *   sampled), its statements → the folder's `derived` SQL (views) → suivi.module and a
 *   suivi.module_version row recorded.
 *
 * A check that still finds rows (unless the author chose `keep`) fails its step; the remaining steps are
 * then only checked, each in a savepoint, and the upgrade throws ModuleUpgradeError carrying the report:
 * the transaction rolls back and the database is exactly as it was. A dry run does everything, then rolls
 * back on purpose and returns the report.
 */
import {
  type ChangeClass,
  MIGRATIONS_FOLDER,
  type MigrationPlan,
  type MigrationStep,
  PLAN_FILE,
} from '../../generators/model/index.ts';
import type { Labels } from '../../protocol-specs/index.ts';
import type { Database, Queryable } from '../db/database.ts';
import { lockSchemaChanges } from '../db/migrate.ts';
import { tagWritePath } from '../history/write-path.ts';
import { type ModuleFolder, readModuleFolder, sqlFiles } from './module-folder.ts';
import { recordUpgradedVersion } from './module-version.ts';

export interface UpgradeStepReport {
  readonly id: string;
  readonly class: ChangeClass;
  readonly description: Labels;
  /** Rows the step's check found (after its resolution ran). */
  readonly rows?: number;
  /** Up to 20 of them: `{ id, value }`, `id` being the record's. */
  readonly sample?: unknown[];
  readonly ok: boolean;
  /** Why a step failed when it was not its check: a statement's error, or a check that could not run. */
  readonly error?: string;
}

export interface UpgradeReport {
  readonly code: string;
  readonly from: number;
  readonly to: number;
  readonly status: 'upgraded' | 'dry_run' | 'refused';
  readonly steps: readonly UpgradeStepReport[];
  /** Why the upgrade was refused before any step ran (not installed, no plan…). */
  readonly reason?: Labels;
}

export interface UpgradeOptions {
  /** Run everything, report, then roll back. */
  readonly dryRun?: boolean;
  /** The app_user id recorded as who installed the new version. */
  readonly actor?: string;
}

export class ModuleUpgradeError extends Error {
  constructor(readonly report: UpgradeReport) {
    const failed = report.steps.filter((s) => !s.ok);
    super(
      `module ${report.code}: upgrade from version ${report.from} to ${report.to} refused${
        report.reason ? `: ${report.reason.en ?? report.reason.fr}` : ''
      }${failed.map((s) => `\n  ${s.id}: ${s.error ?? `${s.rows} row(s) fail its check`}`).join('')}`,
    );
    this.name = 'ModuleUpgradeError';
  }
}

/** Thrown inside the transaction to roll a dry run back. */
class DryRunDone extends Error {
  constructor(readonly report: UpgradeReport) {
    super('dry run');
  }
}

/** The folder's plans from `from` to `to`, one after another; undefined when the chain breaks. */
export function planChain(module: ModuleFolder, from: number, to: number): MigrationPlan[] | undefined {
  const plans = module.manifest.files.flatMap((f) => {
    const name = f.path.startsWith(`${MIGRATIONS_FOLDER}/`) ? f.path.slice(MIGRATIONS_FOLDER.length + 1) : '';
    const text = PLAN_FILE.test(name) ? module.files.get(f.path) : undefined;
    return text === undefined ? [] : [JSON.parse(text) as MigrationPlan];
  });
  const chain: MigrationPlan[] = [];
  let at = from;
  while (at < to) {
    const next = plans.find((p) => p.from === at);
    if (!next) return undefined;
    chain.push(next);
    at = next.to;
  }
  return at === to ? chain : undefined;
}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

async function count(
  tx: Queryable,
  step: MigrationStep,
): Promise<Pick<UpgradeStepReport, 'rows' | 'sample'>> {
  if (!step.check) return {};
  const rows = (await tx.query<{ count: number }>(step.check.count)).rows[0]?.count ?? 0;
  if (rows === 0) return { rows };
  return { rows, sample: (await tx.query(step.check.sample)).rows };
}

const base = (step: MigrationStep) => ({ id: step.id, class: step.class, description: step.description });

/** Runs a step: its resolution, its check, then (if the check passes) its statements. */
async function runStep(tx: Queryable, step: MigrationStep): Promise<UpgradeStepReport> {
  try {
    for (const sql of step.resolved?.sql ?? []) await tx.exec(sql);
    const checked = await count(tx, step);
    const kept = step.resolved !== undefined && 'keep' in step.resolved.with;
    if ((checked.rows ?? 0) > 0 && !kept) return { ...base(step), ...checked, ok: false };
    for (const sql of step.sql) await tx.exec(sql);
    return { ...base(step), ...checked, ok: true };
  } catch (error) {
    // The transaction is aborted: nothing more can run in it.
    throw new StepFailed({ ...base(step), ok: false, error: message(error) });
  }
}

class StepFailed extends Error {
  constructor(readonly step: UpgradeStepReport) {
    super(step.error);
  }
}

/** After a failed step, later steps are only checked, each in a savepoint rolled back at once. */
async function checkOnly(tx: Queryable, step: MigrationStep): Promise<UpgradeStepReport> {
  if (!step.check) return { ...base(step), ok: true };
  await tx.exec('SAVEPOINT suivi_upgrade_check');
  try {
    for (const sql of step.resolved?.sql ?? []) await tx.exec(sql);
    const checked = await count(tx, step);
    const kept = step.resolved !== undefined && 'keep' in step.resolved.with;
    return { ...base(step), ...checked, ok: (checked.rows ?? 0) === 0 || kept };
  } catch (error) {
    return {
      ...base(step),
      ok: false,
      error: `not checked: it depends on an earlier step that failed (${message(error)})`,
    };
  } finally {
    await tx.exec('ROLLBACK TO SAVEPOINT suivi_upgrade_check');
  }
}

async function upgrade(tx: Queryable, module: ModuleFolder, options: UpgradeOptions): Promise<UpgradeReport> {
  const code = module.manifest.protocol.code;
  const to = module.manifest.protocol.version;
  await lockSchemaChanges(tx);
  // The plan's data changes are recorded in the record history as the migration's.
  await tagWritePath(tx, 'migration', options.actor ?? null);
  const installed = await tx.query<{ spec_version: number }>(
    'SELECT spec_version FROM suivi.module WHERE code = $1 FOR UPDATE',
    [code],
  );
  const from = installed.rows[0]?.spec_version;
  const refuse = (fr: string, en: string): never => {
    throw new ModuleUpgradeError({
      code,
      from: from ?? 0,
      to,
      status: 'refused',
      steps: [],
      reason: { fr, en },
    });
  };
  if (from === undefined)
    return refuse('module non installé : npx suivi install', 'not installed: run npx suivi install');
  if (from >= to)
    return refuse(
      `la version ${from} est installée ; ce dossier a la version ${to}`,
      `version ${from} is installed; this folder has version ${to}`,
    );
  const chain = planChain(module, from, to);
  if (!chain)
    return refuse(
      `le dossier n’a pas de plans de migration de la version ${from} à ${to} : régénérez-le depuis un dossier en version ${from}`,
      `the folder has no migration plans from version ${from} to ${to}: generate it over a folder at version ${from}`,
    );
  // The views go with every plan's first step (`views.drop`): the plan is the one description of what runs.
  const steps: UpgradeStepReport[] = [];
  let failed = false;
  for (const step of chain.flatMap((p) => p.steps)) {
    if (failed) {
      steps.push(await checkOnly(tx, step));
      continue;
    }
    try {
      const report = await runStep(tx, step);
      steps.push(report);
      failed = !report.ok;
    } catch (error) {
      if (!(error instanceof StepFailed)) throw error;
      steps.push(error.step);
      throw new ModuleUpgradeError({ code, from, to, status: 'refused', steps });
    }
  }
  if (failed) throw new ModuleUpgradeError({ code, from, to, status: 'refused', steps });
  for (const path of sqlFiles(module, 'derived')) await tx.exec(module.files.get(path) ?? '');
  await recordUpgradedVersion(tx, module, chain, options.actor);
  const report: UpgradeReport = { code, from, to, status: options.dryRun ? 'dry_run' : 'upgraded', steps };
  if (options.dryRun) throw new DryRunDone(report);
  return report;
}

/**
 * Upgrades the module in `folder` to the folder's version. Throws ModuleUpgradeError (with `.report`)
 * when refused; a dry run returns the report instead, refused or not, and changes nothing.
 */
export async function upgradeModule(
  db: Database,
  folder: string | ModuleFolder,
  options: UpgradeOptions = {},
): Promise<UpgradeReport> {
  const module = typeof folder === 'string' ? await readModuleFolder(folder) : folder;
  try {
    return await db.transaction((tx) => upgrade(tx, module, options));
  } catch (error) {
    if (error instanceof DryRunDone) return error.report;
    if (options.dryRun && error instanceof ModuleUpgradeError) return error.report;
    throw error;
  }
}
