/**
 * What one request's operations work with: the database, the module's plan, who acts and what they may
 * see, and the clock rules read. Built per request by `recordOperations`.
 */
import type { Expression, SqlBool } from 'kysely';
import type { Database } from '../../db/database.ts';
import type { WritePath } from '../../history/write-path.ts';
import { notFound } from '../../http/errors.ts';
import type { AccessScope, Action, Actor } from '../access.ts';
import type { RecordHooks } from '../hooks.ts';
import type { LevelPlan, ModulePlan } from '../model/module-plan.ts';
import type { Clock } from '../validate/rule-context.ts';

export interface RequestContext {
  readonly db: Database;
  readonly modules: ReadonlyMap<string, ModulePlan>;
  readonly access: AccessScope;
  readonly actor: Actor;
  readonly clock: Clock;
  /** Most records a list's `total` counts (`total_exact` false beyond). */
  readonly totalCap: number;
  /** Lifecycle hooks run inside each write's transaction (../hooks.ts); none by default. */
  readonly hooks?: RecordHooks;
  /** What the record history says wrote (runtime/history/write-path.ts); 'api' by default. */
  readonly writePath?: WritePath;
}

export interface Target {
  readonly module: string;
  readonly level: string;
}

export function moduleOf(ctx: RequestContext, code: string): ModulePlan {
  const module = ctx.modules.get(code);
  if (!module) throw notFound('Le module', code);
  return module;
}

export function levelOf(ctx: RequestContext, target: Target): LevelPlan {
  const plan = moduleOf(ctx, target.module).levels.get(target.level);
  if (!plan) throw notFound(`Le niveau ${target.level} du module`, target.module);
  return plan;
}

/** The access predicate for `action` on `plan`'s rows aliased `alias`; undefined for none. */
export const scopeOf = (
  ctx: RequestContext,
  plan: LevelPlan,
  action: Action,
  alias = 'r',
): Expression<SqlBool> | undefined =>
  ctx.access.where({ module: plan.module, level: plan.level.key, action, alias });

/** A record's name for messages: `Le passage 0b7e…`. */
export const recordName = (plan: LevelPlan) => `L’enregistrement « ${plan.level.label.fr} »`;
