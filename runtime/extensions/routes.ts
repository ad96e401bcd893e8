/**
 * Mounting the extensions' routes: each module's on a Hono app at `/api/modules/<code>/x`, behind the
 * same middleware as every `/api` route (session or bearer token, CSRF check, body limit: runtime/auth,
 * server/app.ts) and the same error handler (an HttpError thrown by a route is its answer; anything
 * else a logged 500). Mounted before the record routes, whose `/:level/:id` would otherwise take `x/…`.
 */
import type { Context } from 'hono';
import { Hono } from 'hono';
import { type SqlBool, sql } from 'kysely';
import { ACTION_LETTERS, type PermissionAction, requireScope, scopeWhere } from '../auth/permissions.ts';
import { requestSession } from '../auth/session.ts';
import type { Database } from '../db/database.ts';
import { kyselyOver } from '../db/kysely-dialect.ts';
import type { Action } from '../records/access.ts';
import type { ExtensionGrant, LoadedExtension } from './types.ts';

const ACTION_OF_LETTER = Object.fromEntries(
  Object.entries(ACTION_LETTERS).map(([action, letter]) => [letter, action]),
) as Readonly<Record<PermissionAction, Action>>;

/** 401/403 as every record route answers them (auth/permissions.ts); the grant and its row predicate. */
export function requireAction(c: Context, module: string, letter: PermissionAction): ExtensionGrant {
  const { actor, grants } = requestSession(c);
  const action = ACTION_OF_LETTER[letter];
  if (!action)
    throw new Error(`${letter} is not a permission action (${Object.values(ACTION_LETTERS).join(', ')})`);
  const scope = requireScope(actor, grants, module, action);
  return {
    actor,
    scope,
    // The same predicate as the record routes' (AccessScope.where), TRUE where the grant reaches all.
    where: (alias) => scopeWhere(actor, scope, alias) ?? sql<SqlBool>`TRUE`,
  };
}

export const extensionPath = (module: string): string => `/api/modules/${module}/x`;

export function mountExtensionRoutes(
  app: Hono,
  db: Database,
  extensions: ReadonlyMap<string, LoadedExtension>,
): void {
  for (const extension of extensions.values()) {
    if (!extension.routes) continue;
    const { module } = extension;
    const sub = new Hono();
    extension.routes({
      module,
      app: sub,
      db: kyselyOver(db),
      requireAction: (c, action) => requireAction(c, module, action),
      transaction: (work) => db.transaction((tx) => work(kyselyOver(tx))),
    });
    app.route(extensionPath(module), sub);
  }
}
