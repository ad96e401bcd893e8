/**
 * A group of /api routes the app mounts without knowing them: the protocol builder (builder/api,
 * /api/builder), which the runtime may not import (.dependency-cruiser.cjs: the runtime never reaches
 * the generators' internals nor builder/). The server's entry (main.ts) hands it to `startSuivi`; tests
 * hand it to `buildServerApp`. A plugin is a plain value: its routes, its share of the core OpenAPI
 * document, and, for a route taking large uploads, its own body limit.
 */
import type { Context, Hono, MiddlewareHandler } from 'hono';
import type { Database } from '../db/database.ts';
import type { ModuleRegistry } from '../modules/registry.ts';
import type { UpgradeModule } from '../modules/upgrade-port.ts';
import type { OpenApiGroup } from './openapi-parts.ts';

/** What a plugin's routes may use: the database, the live module registry, the upgrade. */
export interface AppPluginContext {
  readonly db: Database;
  readonly registry: ModuleRegistry;
  readonly upgradeModule?: UpgradeModule;
}

export interface AppPlugin {
  readonly name: string;
  /** Mounted after sessions and the admin API (so the CSRF check and `requestSession` apply). */
  mount(app: Hono, context: AppPluginContext): void;
  /** Its operations in the core document (the API fuzz test holds every mounted route to one). */
  readonly openApi: OpenApiGroup;
  /** Requests with a body limit of their own, applied instead of the app's 2 MB. */
  readonly bodyLimit?: { readonly applies: (c: Context) => boolean; readonly limit: MiddlewareHandler };
}
