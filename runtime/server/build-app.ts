/**
 * The whole HTTP application of a started Suivi: the app (auth, admin, health, forms, web app), each
 * module's record routes with the media API, the reference-data routes and the OpenAPI documents, and
 * the modules' extensions (their routes, their record hooks).
 * `startSuivi` serves it; tests that need every route (the API fuzz test) build the same one.
 */
import type { Hono } from 'hono';
import { extensionHooks, type LoadedExtension, mountExtensionRoutes } from '../extensions/index.ts';
import { type AppOptions, createApp } from './app.ts';
import { mountOpenApiRoutes } from './openapi-routes.ts';
import { mountRecordApi } from './record-api.ts';
import { mountRefdataRoutes } from './refdata-routes.ts';

export interface ServerAppOptions extends AppOptions {
  /** The modules' extensions by code (runtime/extensions: routes under /api/modules/<code>/x, hooks). */
  readonly extensions?: ReadonlyMap<string, LoadedExtension>;
}

export async function buildServerApp(options: ServerAppOptions): Promise<Hono> {
  const app = createApp(options);
  const extensions = options.extensions ?? new Map<string, LoadedExtension>();
  // Before the record routes: their `/:level/:id` would take `/x/<route>`.
  mountExtensionRoutes(app, options.db, extensions);
  await mountRecordApi(app, options.db, options.modules, extensionHooks(extensions));
  mountRefdataRoutes(app, options.db, options.modules);
  await mountOpenApiRoutes(app, options.modules);
  return app;
}
