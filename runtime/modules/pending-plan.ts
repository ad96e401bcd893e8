/**
 * What a pending upgrade would run: the chain of migration plans a module folder carries
 * (`migrations/NNNN-v<from>-to-v<to>.json`, listed in its manifest) from the installed version to the
 * folder's, as a list of steps with their classes. Read only to show an administrator what waits; the
 * upgrade itself (upgrade.ts) runs the plans.
 */
import type { MigrationPlan } from '../../generators/model/index.ts';
import { CHANGE_CLASSES, type ChangeClass } from '../../protocol-specs/evolution/change-class.ts';
import type { Labels } from '../../protocol-specs/index.ts';
import type { ModuleFolder } from './module-folder.ts';

export interface PendingStep {
  readonly id: string;
  readonly class: ChangeClass;
  readonly description: Labels;
  /** The plan the step belongs to: `v1-to-v2`. */
  readonly plan: string;
}

export type PendingPlan =
  | { readonly found: true; readonly steps: readonly PendingStep[] }
  | { readonly found: false; readonly message: string };

export const NO_PLAN_MESSAGE = 'no migration plan: run npx suivi generate';

const PLAN_FILE = /^migrations\/\d{4}-v(\d+)-to-v(\d+)\.json$/;

function plansOf(module: ModuleFolder): MigrationPlan[] {
  const plans: MigrationPlan[] = [];
  for (const [path, text] of module.files) {
    if (!PLAN_FILE.test(path)) continue;
    const plan = JSON.parse(text) as MigrationPlan;
    if (Number.isInteger(plan?.from) && Number.isInteger(plan.to) && Array.isArray(plan.steps))
      plans.push(plan);
  }
  return plans;
}

/** The steps from `installed` to the folder's version, or why there are none. */
export function pendingPlan(module: ModuleFolder, installed: number): PendingPlan {
  const target = module.manifest.protocol.version;
  const plans = plansOf(module);
  const steps: PendingStep[] = [];
  let at = installed;
  while (at !== target) {
    const next = plans.find((p) => p.from === at && p.to > at && p.to <= target);
    if (!next) return { found: false, message: NO_PLAN_MESSAGE };
    for (const step of next.steps)
      steps.push({
        id: step.id,
        class: step.class,
        description: step.description,
        plan: `v${next.from}-to-v${next.to}`,
      });
    at = next.to;
  }
  return { found: true, steps };
}

/** How many steps of each class: what GET /api/modules shows. */
export function stepCounts(steps: readonly PendingStep[]): Record<ChangeClass, number> {
  const counts = Object.fromEntries(CHANGE_CLASSES.map((c) => [c, 0])) as Record<ChangeClass, number>;
  for (const step of steps) counts[step.class] += 1;
  return counts;
}
