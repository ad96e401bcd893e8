/**
 * The administration API under /api/admin: organisations, users, grants and modules, for `is_admin`
 * accounts only (401 anonymous, 403 otherwise). Writes go through the session middleware's CSRF check
 * like every other write. Inputs are checked field by field (422 naming the field), duplicates are 409s.
 */
import type { Hono } from 'hono';
import type { Database } from '../db/database.ts';
import { mountMetadataRoutes } from '../metadata/routes.ts';
import type { ModuleRegistry } from '../modules/registry.ts';
import { mountGrantRoutes } from './grants.ts';
import { type ModuleAdminOptions, mountModuleAdminRoutes } from './modules.ts';
import { mountOrganisationRoutes } from './organisations.ts';
import { requireAdmin } from './require-admin.ts';
import { mountUserRoutes } from './users.ts';

export { MIN_PASSWORD_LENGTH } from './fields.ts';
export type { ModuleAdminOptions };

export function mountAdmin(
  app: Hono,
  db: Database,
  registry: ModuleRegistry,
  options: ModuleAdminOptions,
): void {
  app.use('/api/admin/*', requireAdmin);
  mountOrganisationRoutes(app, db);
  mountUserRoutes(app, db);
  // Grants name a module served now, or '*'.
  mountGrantRoutes(app, db, () => registry.list().map((s) => s.runtime.code));
  mountModuleAdminRoutes(app, db, registry, options);
  // Acquisition frameworks and datasets (runtime/metadata).
  mountMetadataRoutes(app, db, registry);
}
