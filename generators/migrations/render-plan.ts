/**
 * A migration plan as SQL text, for review beside its JSON (which is what the upgrade runs): each step
 * under a comment with its id, class and description, its check as a comment, then the statements of
 * its resolution and its own.
 */
import { oneLine } from '../sql/render-tables.ts';
import type { MigrationPlan } from './plan-types.ts';

export function renderPlan(plan: MigrationPlan, banner: string): string {
  const head = [
    banner.trimEnd(),
    `-- Migration of module ${plan.module} from version ${plan.from} to ${plan.to} (generator ${plan.generatorVersion}).`,
    '-- For review: `npx suivi migrate apply <module folder>` runs the JSON plan beside this file, in one',
    '-- transaction, counting the rows each check finds before its step; archived data goes to schema',
    `-- ${plan.archiveSchema}. Then the module's derived SQL (views) runs again.`,
    '',
  ];
  const steps = plan.steps.map((step, i) => {
    const lines = [
      `-- [${i + 1}] ${step.id} (${step.class})`,
      `-- ${oneLine(step.description.en ?? step.description.fr)}`,
      `-- ${oneLine(step.description.fr)}`,
    ];
    if (step.check) {
      lines.push(`-- check, rows that would fail: ${oneLine(step.check.count)}`);
      if (step.accepts && !step.resolved) lines.push(`-- resolutions accepted: ${step.accepts.join(', ')}`);
    }
    if (step.resolution) lines.push(`-- resolution: ${oneLine(step.resolution.en ?? step.resolution.fr)}`);
    for (const sql of [...(step.resolved?.sql ?? []), ...step.sql])
      lines.push(`${sql.replace(/;\s*$/, '')};`);
    return lines.join('\n');
  });
  return `${[...head, ...steps].join('\n')}\n`;
}
