/**
 * /api/auth: login (session cookie), logout, the current user, API tokens.
 *
 * Wrong credentials, unknown login and inactive account all answer the same 401 after the same minimum
 * delay, and an unknown login still costs a password hash, so answers do not tell which logins exist.
 */
import type { Context, Hono } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { Queryable } from '../db/database.ts';
import { HttpError } from '../records/errors.ts';
import { hashPassword, verifyPassword } from '../server/password.ts';
import type { Grants } from './permissions.ts';
import { requestSession, SESSION_COOKIE } from './session.ts';
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

async function readObject(c: Context): Promise<Record<string, unknown>> {
  let body: unknown;
  try {
    body = await c.req.json();
  } catch {
    throw new HttpError(400, 'malformed_json', 'Le corps de la requête n’est pas du JSON valide.');
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new HttpError(400, 'bad_request', 'Le corps de la requête doit être un objet JSON.');
  }
  return body as Record<string, unknown>;
}

function text(body: Record<string, unknown>, key: string, max: number): string {
  const value = body[key];
  if (typeof value !== 'string' || value.trim() === '' || value.length > max) {
    throw new HttpError(
      400,
      'bad_request',
      `« ${key} » : texte non vide attendu (${max} caractères au plus).`,
      [{ path: `/${key}`, code: 'required', message: `« ${key} » est obligatoire (texte).` }],
    );
  }
  return value;
}

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

const secureRequest = (c: Context) =>
  new URL(c.req.url).protocol === 'https:' || c.req.header('x-forwarded-proto') === 'https';

export function mountAuthRoutes(
  app: Hono,
  db: Queryable,
  loadGrantsOf: (a: Account) => Promise<Grants>,
): void {
  app.post('/api/auth/login', async (c) => {
    const started = Date.now();
    const body = await readObject(c);
    const login = text(body, 'login', 200);
    const password = text(body, 'password', 1000);
    const found = await findLogin(db, login.trim());
    const ok = await verifyPassword(password, found?.passwordHash ?? (await dummy()));
    if (!found?.passwordHash || !ok) {
      await sleep(started + FAILED_LOGIN_DELAY_MS - Date.now());
      throw new HttpError(401, 'invalid_credentials', 'Identifiant ou mot de passe incorrect.');
    }
    const token = await createSession(db, found.account.id);
    setCookie(c, SESSION_COOKIE, token, {
      httpOnly: true,
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
