/**
 * The record API of every installed module: the route table of each module's model mounted on the app
 * over the generic record operations. Module plans are prepared once, at start.
 *
 * Each request acts as the account its session cookie or bearer token names (runtime/auth): anonymous
 * requests get 401, actions the account has no grant for 403, and the grant's scope (own records, the
 * organisation's, all) is the `access` predicate the record operations put inside every query.
 * The media API (upload, download: runtime/media) is mounted here too, over the same module plans.
 */
import type { Hono } from 'hono';
import { recordAccess } from '../auth/index.ts';
import type { Database } from '../db/database.ts';
import { mountMediaApi } from '../media/index.ts';
import type { ModuleRuntime } from '../modules/load.ts';
import type { RecordHooks } from '../records/hooks.ts';
import { type ModulePlan, prepareModule } from '../records/model/module-plan.ts';
import { mountModuleRoutes } from '../records/mount.ts';
import { recordOperations } from '../records/operations.ts';

export async function mountRecordApi(
  app: Hono,
  db: Database,
  modules: readonly ModuleRuntime[],
  /** The modules' record lifecycle hooks (runtime/extensions), run inside each write's transaction. */
  hooks?: RecordHooks,
): Promise<void> {
  const plans = new Map<string, ModulePlan>(
    modules.map((m) => [
      m.code,
      prepareModule(m.protocol, m.model, Object.fromEntries(m.levels.map((l) => [l.key, l.forms.schema]))),
    ]),
  );
  // Downloads are allowed through the records that name a file: the media API reads the same plans.
  mountMediaApi(app, db, plans);
  for (const module of modules) {
    // Built per request: today() and now() are the request's.
    mountModuleRoutes(app, module.model, (c, route) =>
      recordOperations({
        db,
        modules: plans,
        ...recordAccess(c, module.code, route.operation),
        ...(hooks ? { hooks } : {}),
      }),
    );
  }
}
