/**
 * The whole HTTP application of a started Suivi: the app (auth, admin, health, the module list, each
 * module version's routes through the registry, media, web app), the reference-data routes and the
 * OpenAPI documents. `startSuivi` serves it; tests that need every route (the API fuzz test) build the
 * same one.
 */
import type { Hono } from 'hono';
import { type AppOptions, createApp, registryOf } from './app.ts';
import { mountOpenApiRoutes } from './openapi-routes.ts';
import { mountRefdataRoutes } from './refdata-routes.ts';

export function buildServerApp(options: AppOptions): Hono {
  // The hooks go into each module version's record operations; the routes are mounted by createApp.
  const registry = registryOf(options);
  const app = createApp({ ...options, registry });
  mountRefdataRoutes(app, options.db, registry);
  mountOpenApiRoutes(
    app,
    registry,
    (options.plugins ?? []).map((p) => p.openApi),
  );
  return app;
}
