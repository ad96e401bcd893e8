/**
 * The whole HTTP application of a started Suivi: the app (auth, admin, health, forms, web app), each
 * module's record routes with the media API, the reference-data routes and the OpenAPI documents.
 * `startSuivi` serves it; tests that need every route (the API fuzz test) build the same one.
 */
import type { Hono } from 'hono';
import { type AppOptions, createApp } from './app.ts';
import { mountOpenApiRoutes } from './openapi-routes.ts';
import { mountRecordApi } from './record-api.ts';
import { mountRefdataRoutes } from './refdata-routes.ts';

export async function buildServerApp(options: AppOptions): Promise<Hono> {
  const app = createApp(options);
  await mountRecordApi(app, options.db, options.modules);
  mountRefdataRoutes(app, options.db, options.modules);
  await mountOpenApiRoutes(app, options.modules);
  return app;
}
