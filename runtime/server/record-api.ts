/**
 * The record API of every installed module: each module's generated `api/routes.ts` mounted on the app
 * over the generic record operations. Module plans and routes are prepared once, at start.
 *
 * Accounts and permissions are not built yet (issue 4 continues): every request acts anonymously with
 * unrestricted access, so do not expose a server to untrusted networks. The `access` hook of the
 * record operations is where organisation scopes will be enforced, inside every query.
 */
import type { Hono } from 'hono';
import type { Database } from '../db/database.ts';
import type { ModuleRuntime } from '../modules/load.ts';
import { ANONYMOUS, UNRESTRICTED } from '../records/access.ts';
import { type ModulePlan, prepareModule } from '../records/model/module-plan.ts';
import { importRoutes, mountModuleRoutes } from '../records/mount.ts';
import { recordOperations } from '../records/operations.ts';

export async function mountRecordApi(
  app: Hono,
  db: Database,
  modules: readonly ModuleRuntime[],
): Promise<void> {
  const plans = new Map<string, ModulePlan>(
    modules.map((m) => [
      m.code,
      prepareModule(m.protocol, Object.fromEntries(m.levels.map((l) => [l.key, l.forms.schema]))),
    ]),
  );
  for (const module of modules) {
    const routes = await importRoutes(module.folder);
    // Built per request: today() and now() are the request's.
    mountModuleRoutes(app, routes, () =>
      recordOperations({ db, modules: plans, actor: ANONYMOUS, access: UNRESTRICTED }),
    );
  }
}
