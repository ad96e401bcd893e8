/**
 * Who acts, per request: the middleware on /api/* reads the bearer token (`Authorization: Bearer …`) or
 * else the `suivi_session` cookie, and remembers the account and its grants for the request's handlers
 * (`requestSession(c)`); with neither, the request is anonymous. It also refuses cross-site state-changing requests (CSRF):
 * a POST, PUT, PATCH or DELETE without a bearer token must come from the server's own origin (or a
 * trusted one): its `Origin` header, sent by every browser on such requests, must name this scheme, host
 * and port (request-origin.ts: an https page is another origin than the http app); with
 * no Origin, `Sec-Fetch-Site: cross-site` is refused too. Clients that are not browsers send neither
 * and cannot be forged into a request by another site; bearer tokens are never sent by a browser on its
 * own, so they need no check. SameSite=Lax on the cookie is a second barrier.
 */
import type { Context, MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import type { Queryable } from '../db/database.ts';
import { HttpError } from '../http/errors.ts';
import type { Actor } from '../records/access.ts';
import { type Grants, loadGrants } from './permissions.ts';
import { isRequestOrigin } from './request-origin.ts';
import { type Account, sessionAccount, tokenAccount } from './store.ts';

export const SESSION_COOKIE = 'suivi_session';
/**
 * A readable companion of the session cookie, holding nothing secret (`1`): the web app asks
 * /api/auth/me only when it is there, so an anonymous page load makes no request that answers 401.
 */
export const SIGNED_IN_HINT = 'suivi_signed_in';

export interface RequestSession {
  readonly actor: Actor;
  readonly grants: Grants;
  readonly account?: Account;
  /** How the account was recognised. */
  readonly via?: 'cookie' | 'bearer';
}

const NOBODY: RequestSession = {
  actor: { userId: null, organisationId: null, isAdmin: false },
  grants: new Map(),
};

const sessions = new WeakMap<Request, RequestSession>();

/** The request's session, anonymous when the middleware found none (or did not run). */
export const requestSession = (c: Context): RequestSession => sessions.get(c.req.raw) ?? NOBODY;

/**
 * The guard of routes that show personal data (observers' names…): 401 unless someone is signed in,
 * whatever their grants.
 */
export const requireAccount: MiddlewareHandler = async (c, next) => {
  if (!requestSession(c).account) throw new HttpError(401, 'unauthorized', 'Vous n’êtes pas connecté.');
  await next();
};

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function bearerToken(c: Context): string | undefined {
  const header = c.req.header('authorization');
  const match = header ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
  return match?.[1];
}

function sameOrigin(c: Context, trusted: ReadonlySet<string>): boolean {
  const origin = c.req.header('origin');
  if (origin === undefined) return c.req.header('sec-fetch-site') !== 'cross-site';
  if (trusted.has(origin)) return true;
  return isRequestOrigin(c, origin); // "null" (sandboxed frames, file://) never is
}

export interface SessionOptions {
  /** Origins besides the server's own allowed to send state-changing requests with the cookie. */
  readonly trustedOrigins?: readonly string[];
}

export function sessionMiddleware(db: Queryable, options: SessionOptions = {}): MiddlewareHandler {
  const trusted = new Set(options.trustedOrigins ?? []);
  return async (c, next) => {
    const bearer = bearerToken(c);
    if (bearer === undefined && !SAFE_METHODS.has(c.req.method) && !sameOrigin(c, trusted)) {
      throw new HttpError(403, 'csrf', 'Requête refusée : elle ne vient pas de cette application (CSRF).');
    }
    const cookie = bearer === undefined ? getCookie(c, SESSION_COOKIE) : undefined;
    let account: Account | undefined;
    if (bearer !== undefined) {
      account = await tokenAccount(db, bearer);
      if (!account) throw new HttpError(401, 'invalid_token', 'Jeton d’API inconnu ou révoqué.');
    } else if (cookie) {
      account = await sessionAccount(db, cookie);
    }
    if (account) {
      const organisationId = account.organisation?.id ?? null;
      sessions.set(c.req.raw, {
        actor: { userId: account.id, organisationId, isAdmin: account.is_admin },
        grants: account.is_admin ? new Map() : await loadGrants(db, account.id, organisationId),
        account,
        via: bearer === undefined ? 'cookie' : 'bearer',
      });
    }
    await next();
  };
}
