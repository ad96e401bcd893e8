/**
 * One module version's own Hono app: its record routes (the route table of its module model, over the
 * record operations of this version's plan), its forms and its OpenAPI document. The registry
 * (runtime/modules/registry.ts) holds one per served module and the main app hands it every
 * `/api/modules/<code>/…` request (`dispatchModules`), so swapping a version swaps all of its routes at
 * once, and a request in flight keeps the version it started on.
 *
 * Sessions live on the Request object (auth/session.ts), and the main app's middleware (body limit,
 * session, CSRF) has run on the very Request this app receives: the module app sees the same actor.
 */
import { Hono, type MiddlewareHandler } from 'hono';
import { recordAccess } from '../auth/index.ts';
import type { Database } from '../db/database.ts';
import { HttpError } from '../http/errors.ts';
import type { ModuleRuntime } from '../modules/load.ts';
import { ModuleRegistry, type ServedModule } from '../modules/registry.ts';
import { mountBatchRoute } from '../offline/batch-route.ts';
import type { RecordHooks } from '../records/hooks.ts';
import { prepareModule } from '../records/model/module-plan.ts';
import { mountModuleRoutes } from '../records/mount.ts';
import { recordOperations } from '../records/operations.ts';
import { handleErrors, type LogError } from './error-handler.ts';
import { mountModuleForms } from './web-app.ts';

export function serveModule(
  db: Database,
  runtime: ModuleRuntime,
  logError: LogError,
  hooks?: RecordHooks,
): ServedModule {
  const plan = prepareModule(
    runtime.protocol,
    runtime.model,
    Object.fromEntries(runtime.levels.map((l) => [l.key, l.forms.schema])),
  );
  // Record operations reach only the module of their route: this version's plan alone.
  const plans = new Map([[runtime.code, plan]]);
  const app = new Hono();
  // A client's outbox in one request (runtime/offline), over the same operations as the single routes.
  mountBatchRoute(
    app,
    plan,
    (actor, access) => recordOperations({ db, modules: plans, actor, access, ...(hooks ? { hooks } : {}) }),
    logError,
  );
  // Built per request: today() and now() are the request's.
  mountModuleRoutes(app, runtime.model, (c, route) =>
    recordOperations({
      db,
      modules: plans,
      ...recordAccess(c, runtime.code, route.operation),
      // The module's record lifecycle hooks (runtime/extensions), run inside each write's transaction.
      ...(hooks ? { hooks } : {}),
    }),
  );
  mountModuleForms(app, runtime, db);
  const openApi = runtime.openApiText;
  app.get('/api/modules/:code/openapi.json', (c) => {
    if (openApi === undefined)
      throw new HttpError(404, 'not_found', `Le module « ${runtime.code} » n’a pas de document OpenAPI.`);
    return c.body(openApi, 200, { 'content-type': 'application/json; charset=utf-8' });
  });
  handleErrors(app, logError);
  return { runtime, plan, app };
}

/** A registry serving `modules`, each version's app built by `serveModule`. */
export function moduleRegistry(
  db: Database,
  modules: readonly ModuleRuntime[],
  logError: LogError,
  hooks?: RecordHooks,
): ModuleRegistry {
  const registry = new ModuleRegistry((runtime) => serveModule(db, runtime, logError, hooks));
  for (const module of modules) registry.serve(module);
  return registry;
}

const MODULE_PATH = /^\/api\/modules\/([^/]+)\//;

/**
 * The main app's hand-over: a request under `/api/modules/<code>/` goes to the app of the version
 * serving `<code>` when it starts; an unknown code falls through to the JSON 404.
 */
export function dispatchModules(registry: ModuleRegistry): MiddlewareHandler {
  return async (c, next) => {
    const code = MODULE_PATH.exec(c.req.path)?.[1];
    const served = code === undefined ? undefined : registry.served(code);
    if (!served) return next();
    return served.app.fetch(c.req.raw);
  };
}

/** Every route of the served modules' apps, `METHOD /path`, as Hono lists them (the API fuzz test's check). */
export const servedRoutes = (registry: ModuleRegistry): { method: string; path: string }[] =>
  registry.list().flatMap((s) => s.app.routes.map((r) => ({ method: r.method, path: r.path })));
