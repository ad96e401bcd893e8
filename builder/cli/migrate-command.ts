/**
 * `suivi migrate plan <folder>` prints the migration plan a module folder holds (each step: class,
 * description, SQL); given a database, it also dry-runs it there and prints, per data-dependent step, the
 * rows that would fail and a sample. `suivi migrate apply <folder>` runs it (runtime/modules/upgrade.ts):
 * refused, it prints the report and exits 1, the database left as it was.
 */
import type { MigrationPlan, MigrationStep } from '../../generators/model/index.ts';
import { type ModuleFolder, readModuleFolder } from '../../runtime/modules/module-folder.ts';
import {
  ModuleUpgradeError,
  planChain,
  type UpgradeReport,
  type UpgradeStepReport,
  upgradeModule,
} from '../../runtime/modules/upgrade.ts';
import { type DatabaseCommandOptions, withDatabase } from './database-command.ts';

export interface MigrateCommandOptions extends DatabaseCommandOptions {
  /** Plan: dry-run on the database too (a --data-dir given, or DATABASE_URL). */
  readonly database: boolean;
  readonly json: boolean;
}

const indent = (text: string, by = '      ') => text.replace(/^/gm, by);

/** The plans into the folder's version: from the installed version when known, else the last one. */
function plansOf(module: ModuleFolder, from?: number): MigrationPlan[] {
  const to = module.manifest.protocol.version;
  if (from !== undefined) return planChain(module, from, to) ?? [];
  for (let start = to - 1; start >= 1; start -= 1) {
    const chain = planChain(module, start, to);
    if (chain) return chain.slice(-1);
  }
  return [];
}

function renderStep(step: MigrationStep, i: number, outcome?: UpgradeStepReport): string {
  const lines = [`[${i + 1}] ${step.id}  ${step.class}${outcome ? `  ${verdict(outcome)}` : ''}`];
  lines.push(indent(step.description.en ?? step.description.fr, '    '));
  if (step.resolution) lines.push(`    resolution: ${step.resolution.en ?? step.resolution.fr}`);
  else if (step.check && step.accepts)
    lines.push(
      `    if rows fail its check, resolve with: ${step.accepts.join(', ') || 'nothing (fix the data)'}`,
    );
  if (outcome?.sample) lines.push(`    sample: ${JSON.stringify(outcome.sample)}`);
  if (outcome?.error) lines.push(`    error: ${outcome.error}`);
  const sql = [
    ...(step.resolved?.sql ?? []),
    ...(step.check ? [`-- check: ${step.check.count}`] : []),
    ...step.sql,
  ];
  if (sql.length > 0) lines.push(indent(sql.map((s) => `${s.replace(/;\s*$/, '')};`).join('\n')));
  return lines.join('\n');
}

function verdict(step: UpgradeStepReport): string {
  if (step.error) return 'FAILED';
  if (step.rows === undefined) return step.ok ? 'ok' : 'FAILED';
  return `${step.ok ? 'ok' : 'FAILED'}, ${step.rows} row(s) ${step.ok ? 'found' : 'would fail'}`;
}

function renderPlans(plans: readonly MigrationPlan[], report?: UpgradeReport): string {
  let n = 0;
  const parts = plans.map((plan) => {
    const head = `Module ${plan.module}: version ${plan.from} → ${plan.to} (${plan.steps.length} steps)`;
    const steps = plan.steps.map((step) => {
      const outcome = report?.steps[n];
      n += 1;
      return renderStep(step, n - 1, outcome);
    });
    return [head, ...steps].join('\n');
  });
  if (report) parts.push(summary(report));
  return `${parts.join('\n\n')}\n`;
}

function summary(report: UpgradeReport): string {
  if (report.reason) return `Refused: ${report.reason.en ?? report.reason.fr}`;
  const failed = report.steps.filter((s) => !s.ok);
  const verb = { upgraded: 'Upgraded', dry_run: 'Dry run: the upgrade would succeed', refused: 'Refused' }[
    report.status
  ];
  return failed.length === 0
    ? `${verb}: ${report.code} ${report.from} → ${report.to}`
    : `${verb}: ${failed.length} step(s) fail: ${failed.map((s) => s.id).join(', ')}. Nothing was changed.`;
}

export async function migratePlanCommand(folder: string, options: MigrateCommandOptions): Promise<number> {
  let module: ModuleFolder;
  try {
    module = await readModuleFolder(folder);
  } catch (error) {
    options.stderr.write(`${(error as Error).message}\n`);
    return 1;
  }
  if (!options.database) {
    const plans = plansOf(module);
    if (plans.length === 0) {
      options.stderr.write(
        `${folder}: holds no migration plan into version ${module.manifest.protocol.version}\n`,
      );
      return 1;
    }
    options.stdout.write(options.json ? `${JSON.stringify({ plans }, null, 2)}\n` : renderPlans(plans));
    return 0;
  }
  let refused = false;
  const code = await withDatabase(options, async (db) => {
    const report = await upgradeModule(db, module, { dryRun: true });
    refused = report.status === 'refused';
    const plans = plansOf(module, report.from);
    options.stdout.write(
      options.json ? `${JSON.stringify({ plans, dryRun: report }, null, 2)}\n` : renderPlans(plans, report),
    );
  });
  return code !== 0 || refused ? 1 : 0;
}

export async function migrateApplyCommand(folder: string, options: DatabaseCommandOptions): Promise<number> {
  return withDatabase(options, async (db) => {
    const module = await readModuleFolder(folder);
    try {
      const report = await upgradeModule(db, module);
      options.stdout.write(renderPlans(plansOf(module, report.from), report));
    } catch (error) {
      if (error instanceof ModuleUpgradeError)
        options.stdout.write(renderPlans(plansOf(module, error.report.from), error.report));
      throw error;
    }
  });
}
