/**
 * The HTTP application: a Hono app over the database and the module registry. This file holds what every
 * route shares: sessions, the administration API, the module list, the health check, the hand-over of
 * `/api/modules/<code>/…` to the version serving that module (module-app.ts), uploads, one error handler,
 * JSON 404s under /api and the web app (or a placeholder page) at `/`.
 *
 * Errors: every route throws `HttpError` (runtime/http/errors.ts: status, machine code, problems
 * `[{ path, code, message }]`); the body is the problem list, as the generated OpenAPI `Errors` schema
 * says. Anything else becomes a 500 whose body says nothing about the internals (the log has them).
 */
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { type ModuleAdminOptions, mountAdmin } from '../admin/index.ts';
import { mountAuth } from '../auth/index.ts';
import { type DashboardRefresher, dashboardRefresher } from '../dashboards/refresh.ts';
import { mountDashboardRoutes } from '../dashboards/routes.ts';
import type { Database } from '../db/database.ts';
import { mountExports } from '../exports/export-routes.ts';
import { extensionHooks, type LoadedExtension, mountExtensionRoutes } from '../extensions/index.ts';
import { mountHistoryRoutes } from '../history/routes.ts';
import { HttpError } from '../http/errors.ts';
import { isImportUpload, mountImportApi } from '../import/routes.ts';
import { mountImportAssist, mountImportTemplates } from '../import/templates/index.ts';
import { isUploadRequest, mountMediaApi, uploadBodyLimit } from '../media/index.ts';
import type { ModuleRuntime } from '../modules/load.ts';
import type { ModuleRegistry } from '../modules/registry.ts';
import { mountOfflineRoutes } from '../offline/bundle-routes.ts';
import { mountSyncRoutes } from '../sync/routes.ts';
import type { AppPlugin } from './app-plugin.ts';
import { defaultLogError, handleErrors, type LogError } from './error-handler.ts';
import { HOME_PAGE } from './home-page.ts';
import { dispatchModules, moduleRegistry } from './module-app.ts';
import { moduleList } from './module-summary.ts';
import { mountWebApp } from './web-app.ts';

export interface AppOptions extends Partial<ModuleAdminOptions> {
  readonly db: Database;
  /** The modules served, changeable while the server runs; built from `modules` when not given. */
  readonly registry?: ModuleRegistry;
  /** Modules to serve, for a registry built here (tests, tools). */
  readonly modules?: readonly ModuleRuntime[];
  /** Where unexpected errors are reported (default console.error). */
  readonly logError?: LogError;
  /** The modules' extensions by code (runtime/extensions): routes under /api/modules/<code>/x, record hooks. */
  readonly extensions?: ReadonlyMap<string, LoadedExtension>;
  /** The web app's Vite build (runtime/web/dist); without it `/` shows the placeholder page. */
  readonly webDist?: string;
  /** Route groups the runtime does not know (app-plugin.ts): the protocol builder. */
  readonly plugins?: readonly AppPlugin[];
  /** Where uploaded import files are kept (runtime/import; default: <tmp>/suivi-imports). */
  readonly importFilesDir?: string;
  /** Refreshes the dashboards after writes (runtime/dashboards); one with a 2 s debounce when not given. */
  readonly dashboardRefresher?: DashboardRefresher;
}

/** Largest request body the API reads (bytes). */
export const MAX_BODY_BYTES = 2 * 1024 * 1024;

/** The registry `options` name, or one serving `options.modules`. */
export const registryOf = (options: AppOptions): ModuleRegistry =>
  options.registry ??
  moduleRegistry(
    options.db,
    options.modules ?? [],
    options.logError ?? defaultLogError,
    options.extensions ? extensionHooks(options.extensions) : undefined,
  );

export function createApp(options: AppOptions): Hono {
  const { db } = options;
  const registry = registryOf(options);
  const logError = options.logError ?? defaultLogError;
  const app = new Hono();
  // A record is a few kilobytes; anything this large is a mistake or an attack, refused before parsing.
  // The one exception is a file upload (POST /api/media), with its own limit (runtime/media).
  const recordBodyLimit = bodyLimit({ maxSize: MAX_BODY_BYTES });
  const plugins = options.plugins ?? [];
  app.use('/api/*', (c, next) => {
    if (isUploadRequest(c)) return uploadBodyLimit(c, next);
    // Import files are streamed to disk by their route, which enforces its own (much larger) limit.
    if (isImportUpload(c)) return next();
    const own = plugins.find((p) => p.bodyLimit?.applies(c))?.bodyLimit;
    return (own?.limit ?? recordBodyLimit)(c, next);
  });
  // Sessions, bearer tokens, CSRF and /api/auth (runtime/auth): before every other /api route.
  mountAuth(app, db);
  // Organisations, users, grants and modules for administrators (runtime/admin).
  mountAdmin(app, db, registry, {
    moduleFolders: options.moduleFolders ?? (() => []),
    ...(options.upgradeModule ? { upgradeModule: options.upgradeModule } : {}),
  });
  for (const plugin of plugins)
    plugin.mount(app, {
      db,
      registry,
      ...(options.upgradeModule ? { upgradeModule: options.upgradeModule } : {}),
    });

  app.get('/api/health', async (c) => {
    try {
      await db.query('SELECT 1');
    } catch (cause) {
      logError(cause, c.req.raw);
      throw new HttpError(503, 'database_unavailable', 'La base de données ne répond pas.');
    }
    return c.json({ status: 'ok', engine: db.engine, modules: registry.list().length });
  });

  // Rebuilt only when a module is installed, upgraded or uninstalled.
  const list = registry.perGeneration(() => moduleList(registry));
  app.get('/api/modules', (c) => c.json(list()));

  // Extension routes (/api/modules/<code>/x/…) before the hand-over: a module version's app does not have them.
  mountExtensionRoutes(app, db, options.extensions ?? new Map());
  mountHistoryRoutes(app, db, registry);
  mountSyncRoutes(app, db, registry);
  mountOfflineRoutes(app, db, registry);
  // Dashboards, and their refresh after each write under /api/modules (before the hand-over, to wrap it).
  const refresher =
    options.dashboardRefresher ??
    dashboardRefresher(db, {
      onError: (error, code) => logError(error, new Request(`http://localhost/api/dashboards/${code}`)),
    });
  mountDashboardRoutes(app, db, registry, refresher);
  // Exports (CSV, GeoJSON, XLSX, GeoPackage, SINP) and export jobs (runtime/exports).
  mountExports(app, db, registry);
  // Record routes, forms and OpenAPI document of each module: its current version's app.
  app.use('/api/modules/*', dispatchModules(registry));
  // Downloads are allowed through the records that name a file, in the modules served now.
  mountMediaApi(app, db, () => new Map(registry.list().map((s) => [s.runtime.code, s.plan])));
  // Import templates per module and provider (runtime/import/templates).
  mountImportAssist(app, registry);
  mountImportTemplates(app, db, registry);
  mountImportApi(app, db, () => new Map(registry.list().map((s) => [s.runtime.code, s.plan])), {
    filesDir: options.importFilesDir ?? join(tmpdir(), 'suivi-imports'),
  });

  if (options.webDist) mountWebApp(app, options.webDist);
  else app.get('/', (c) => c.html(HOME_PAGE));

  handleErrors(app, logError);
  return app;
}
