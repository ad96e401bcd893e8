/**
 * The protocol builder's API (/api/builder), a plugin of the server's app (runtime/server/app-plugin.ts):
 * the runtime may not import builder/, so the server's entry (runtime/server/main.ts) and the tests hand
 * it to the app. Every route needs the `designer` role (401 / 403). See docs/builder-api.md.
 */
import type { Hono } from 'hono';
import type { AppPlugin, AppPluginContext } from '../../runtime/server/app-plugin.ts';
import { mountCheckRoutes } from './check-routes.ts';
import type { BuilderOptions } from './context.ts';
import { mountDraftRoutes } from './drafts-routes.ts';
import { mountFolderZipRoute } from './folder-zip.ts';
import { geonatureBodyLimit, mountGeoNatureRoute } from './geonature-route.ts';
import { builderOpenApi } from './openapi.ts';
import { mountProtocolsRoute } from './protocols-route.ts';
import { mountPublishRoute } from './publish-route.ts';
import { requireDesigner } from './require-designer.ts';

export type { BuilderOptions };

export function builderApi(options: BuilderOptions): AppPlugin {
  return {
    name: 'builder',
    openApi: builderOpenApi,
    bodyLimit: geonatureBodyLimit,
    mount(app: Hono, appContext: AppPluginContext) {
      const context = { ...appContext, ...options };
      app.use('/api/builder/*', requireDesigner);
      mountProtocolsRoute(app, context);
      // Before /drafts/:id: `geonature` is not an id.
      mountGeoNatureRoute(app, context);
      mountDraftRoutes(app, context);
      mountPublishRoute(app, context);
      mountCheckRoutes(app, context);
      mountFolderZipRoute(app, context);
    },
  };
}
