/**
 * Accounts and permissions: sessions (cookie `suivi_session`), API tokens (bearer), CSRF protection,
 * per-module grants enforced in the SQL of every record query. `mountAuth` adds the middleware and the
 * /api/auth routes to an app; `recordAccess` gives a record route its actor and access scope.
 */
import type { Context, Hono } from 'hono';
import { ROUTE_ACTIONS, type RouteOperation } from '../../generators/model/index.ts';
import type { Database } from '../db/database.ts';
import type { AccessScope, Actor } from '../records/access.ts';
import { parseTrustProxy } from './client-address.ts';
import { accessFor, loadGrants } from './permissions.ts';
import { type LoginOptions, mountAuthRoutes } from './routes.ts';
import { requestSession, type SessionOptions, sessionMiddleware } from './session.ts';

export { accessFor, loadGrants, requireScope, scopeFor } from './permissions.ts';
export { requestSession, requireAccount, SESSION_COOKIE } from './session.ts';
export type { Account } from './store.ts';

/** Origins trusted besides the server's own, from SUIVI_TRUSTED_ORIGINS (comma-separated). */
const envOrigins = (): string[] =>
  (process.env.SUIVI_TRUSTED_ORIGINS ?? '')
    .split(',')
    .map((o) => o.trim())
    .filter(Boolean);

export type AuthOptions = SessionOptions & LoginOptions;

/** TRUST_PROXY (see client-address.ts) and SUIVI_TRUSTED_ORIGINS fill what `options` leaves out. */
export function mountAuth(app: Hono, db: Database, options: AuthOptions = {}): void {
  app.use('/api/*', sessionMiddleware(db, { trustedOrigins: options.trustedOrigins ?? envOrigins() }));
  mountAuthRoutes(app, db, (a) => loadGrants(db, a.id, a.organisation?.id ?? null), {
    ...options,
    trustedProxies: options.trustedProxies ?? parseTrustProxy(process.env.TRUST_PROXY),
  });
}

/**
 * The actor and access scope of a record route: 401 when anonymous, 403 without a grant of the action
 * the operation needs on the module (`ROUTE_ACTIONS`, exhaustive). The scope decided here is the one
 * the route's queries use: a request checks each action once.
 */
export function recordAccess(
  c: Context,
  module: string,
  operation: RouteOperation,
): { actor: Actor; access: AccessScope } {
  const { actor, grants } = requestSession(c);
  const access = accessFor(actor, grants);
  access.require(module, ROUTE_ACTIONS[operation]);
  return { actor, access };
}
