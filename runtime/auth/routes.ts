/**
 * /api/auth: login (session cookie), logout, the current user, API tokens.
 *
 * Wrong credentials, unknown login and inactive account all answer the same 401 after the same minimum
 * delay, and an unknown login still costs a password hash, so answers do not tell which logins exist.
 * Repeated failures of one login from one address, or from one address, are refused for a while;
 * many failures of one login from everywhere only slow its sign-ins down (login-throttle.ts).
 */
import type { Context, Hono } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { Queryable } from '../db/database.ts';
import { errorResponse, HttpError } from '../http/errors.ts';
import { clientAddress } from './client-address.ts';
import { clearAttempts, LOGIN_THROTTLE, startAttempt, type ThrottleLimits } from './login-throttle.ts';
import { hashPassword, verifyPassword } from './password.ts';
import type { Grants } from './permissions.ts';
import { readObject, text } from './request-body.ts';
import { requestScheme } from './request-origin.ts';
import { requestSession, SESSION_COOKIE, SIGNED_IN_HINT } from './session.ts';
import {
  type Account,
  createApiToken,
  createSession,
  deleteSession,
  findLogin,
  listApiTokens,
  revokeApiToken,
  SESSION_DAYS,
} from './store.ts';

/** Every failed login answers no sooner than this (ms) after the request arrived. */
export const FAILED_LOGIN_DELAY_MS = 400;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

let dummyHash: Promise<string> | undefined;
/** A hash to verify against when the login is unknown, so that path costs what a wrong password does. */
const dummy = () => {
  dummyHash ??= hashPassword('suivi: no such account');
  return dummyHash;
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));

/** `{ '*': { R: 'organisation', … }, <module>: { … } }`: what the user may do, for the web app's menus. */
const permissionsOf = (grants: Grants) => {
  const out: Record<string, Record<string, string>> = {};
  for (const [key, scope] of grants) {
    const [module = '*', action = ''] = key.split(':');
    out[module] = { ...out[module], [action]: scope };
  }
  return out;
};

function signedIn(c: Context): { account: Account; grants: Grants } {
  const { account, grants } = requestSession(c);
  if (!account) throw new HttpError(401, 'unauthorized', 'Vous n’êtes pas connecté.');
  return { account, grants };
}

const secureRequest = (c: Context) => requestScheme(c) === 'https:';

/** 429 with Retry-After; the problem carries `retry_after` (seconds) for clients that show a countdown. */
function tooManyAttempts(seconds: number): Response {
  const minutes = Math.ceil(seconds / 60);
  const message = `Trop de tentatives de connexion échouées : réessayez dans ${minutes} min.`;
  const response = errorResponse(
    new HttpError(429, 'too_many_attempts', message, [
      { path: '', code: 'too_many_attempts', message, retry_after: seconds },
    ]),
  );
  response.headers.set('retry-after', String(seconds));
  return response;
}

export interface LoginOptions {
  /** How many reverse proxies of ours append to X-Forwarded-For (0: use the socket's address). */
  readonly trustedProxies?: number;
  readonly throttle?: ThrottleLimits;
}

export function mountAuthRoutes(
  app: Hono,
  db: Queryable,
  loadGrantsOf: (a: Account) => Promise<Grants>,
  options: LoginOptions = {},
): void {
  app.post('/api/auth/login', async (c) => {
    const started = Date.now();
    const body = await readObject(c);
    const login = text(body, 'login', 200);
    const password = text(body, 'password', 1000);
    const address = clientAddress(c, options.trustedProxies ?? 0);
    const attempt = await startAttempt(db, login, address, options.throttle ?? LOGIN_THROTTLE);
    if (!attempt.allowed) return tooManyAttempts(attempt.retryAfterSeconds);
    // Many failures on this login from elsewhere: slowed down, never refused (login-throttle.ts).
    await sleep(attempt.delayMs);
    const found = await findLogin(db, login.trim());
    const ok = await verifyPassword(password, found?.passwordHash ?? (await dummy()));
    if (!found?.passwordHash || !ok) {
      await sleep(started + FAILED_LOGIN_DELAY_MS - Date.now());
      throw new HttpError(401, 'invalid_credentials', 'Identifiant ou mot de passe incorrect.');
    }
    await clearAttempts(db, login, address, attempt.attemptId);
    const token = await createSession(db, found.account.id);
    setCookie(c, SESSION_COOKIE, token, {
      httpOnly: true,
      sameSite: 'Lax',
      secure: secureRequest(c),
      path: '/',
      maxAge: SESSION_DAYS * 24 * 3600,
    });
    setCookie(c, SIGNED_IN_HINT, '1', {
      sameSite: 'Lax',
      secure: secureRequest(c),
      path: '/',
      maxAge: SESSION_DAYS * 24 * 3600,
    });
    const grants = await loadGrantsOf(found.account);
    return c.json({ ...found.account, permissions: permissionsOf(grants) });
  });

  app.post('/api/auth/logout', async (c) => {
    const cookie = requestSession(c).via === 'bearer' ? undefined : getCookie(c, SESSION_COOKIE);
    if (cookie) await deleteSession(db, cookie);
    deleteCookie(c, SESSION_COOKIE, { path: '/', secure: secureRequest(c) });
    deleteCookie(c, SIGNED_IN_HINT, { path: '/', secure: secureRequest(c) });
    return c.body(null, 204);
  });

  app.get('/api/auth/me', (c) => {
    const { account, grants } = signedIn(c);
    return c.json({ ...account, permissions: permissionsOf(grants) });
  });

  app.get('/api/auth/tokens', async (c) => {
    const { account } = signedIn(c);
    return c.json({ tokens: await listApiTokens(db, account.id) });
  });

  app.post('/api/auth/tokens', async (c) => {
    const { account } = signedIn(c);
    const name = text(await readObject(c), 'name', 200).trim();
    return c.json(await createApiToken(db, account.id, name), 201);
  });

  app.delete('/api/auth/tokens/:id', async (c) => {
    const { account } = signedIn(c);
    const id = c.req.param('id');
    if (!UUID.test(id) || !(await revokeApiToken(db, account.id, id))) {
      throw new HttpError(404, 'not_found', `Aucun jeton d’API ${id}.`);
    }
    return c.body(null, 204);
  });
}
