/**
 * Accounts and permissions: sessions (cookie `suivi_session`), API tokens (bearer), CSRF protection,
 * per-module grants enforced in the SQL of every record query. `mountAuth` adds the middleware and the
 * /api/auth routes to an app; `recordAccess` gives a record route its actor and access scope.
 */
import type { Context, Hono } from 'hono';
import type { Database } from '../db/database.ts';
import type { AccessScope, Actor } from '../records/access.ts';
import { parseTrustProxy } from './client-address.ts';
import { accessFor, loadGrants, type PermissionAction, requireScope } from './permissions.ts';
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

/** The permission each generated route operation needs. */
const ROUTE_ACTION: Readonly<Record<string, PermissionAction>> = {
  list: 'R',
  get: 'R',
  children: 'R',
  create: 'C',
  update: 'U',
  remove: 'D',
  validate: 'V',
  // The map of the web app reads GeoJSON: Read, as the records layer scopes it; CSV is the export.
  geojson: 'R',
  csv: 'E',
};

/**
 * The actor and access scope of a record route: 401 when anonymous, 403 without a grant of the
 * operation's action on the module (an unknown operation needs Update: the strictest common one).
 */
export function recordAccess(
  c: Context,
  module: string,
  operation: string,
): { actor: Actor; access: AccessScope } {
  const { actor, grants } = requestSession(c);
  requireScope(actor, grants, module, ROUTE_ACTION[operation] ?? 'U');
  return { actor, access: accessFor(actor, grants) };
}
