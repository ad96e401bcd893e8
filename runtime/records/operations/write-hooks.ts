/**
 * Calling the request's lifecycle hooks (../hooks.ts) from the write path (write.ts): only those
 * registered for the level and event, with the module, level, transaction and actor filled in.
 */
import type { Queryable } from '../../db/database.ts';
import type { WriteEvent } from '../hooks.ts';
import type { LevelPlan } from '../model/module-plan.ts';
import type { ApiRecord } from '../read/read-records.ts';
import type { ValidatedRecord } from '../validate/validate-record.ts';
import type { RequestContext } from './context.ts';

/** Whether any of `events` has a hook on `plan`'s level. */
export const hooked = (ctx: RequestContext, plan: LevelPlan, ...events: WriteEvent[]) =>
  events.some((e) => ctx.hooks?.has(plan.module, plan.level.key, e) ?? false);

export function hook(
  ctx: RequestContext,
  plan: LevelPlan,
  event: WriteEvent,
  tx: Queryable,
  args: { data?: Record<string, unknown>; record?: ApiRecord; previous?: ApiRecord },
): Promise<void> {
  if (!ctx.hooks?.has(plan.module, plan.level.key, event)) return Promise.resolve();
  return ctx.hooks.run(event, { module: plan.module, level: plan.level.key, tx, actor: ctx.actor, ...args });
}

/** The validated record as a hook reads it: what the body will write (as `validate` returns it). */
export const hookData = (plan: LevelPlan, record: ValidatedRecord, id?: string): Record<string, unknown> => ({
  ...(id ? { id } : {}),
  ...record.write.links,
  ...(plan.hasGeometry ? { geometry: record.write.geometry } : {}),
  ...record.write.values,
});
