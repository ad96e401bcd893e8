/** The guard of /api/admin/*: 401 when nobody is signed in, 403 for an account that is not `is_admin`. */
import type { Context, MiddlewareHandler } from 'hono';
import { requestSession } from '../auth/session.ts';
import type { Account } from '../auth/store.ts';
import { HttpError } from '../http/errors.ts';

export const requireAdmin: MiddlewareHandler = async (c, next) => {
  adminOf(c);
  await next();
};

/** The administrator acting in this request (the guard has let them through). */
export function adminOf(c: Context): Account {
  const { account } = requestSession(c);
  if (!account) throw new HttpError(401, 'unauthorized', 'Vous n’êtes pas connecté.');
  if (!account.is_admin) {
    throw new HttpError(403, 'forbidden', 'Réservé aux administrateurs de l’instance.');
  }
  return account;
}
