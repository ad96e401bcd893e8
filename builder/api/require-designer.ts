/** The guard of /api/builder/*: 401 when nobody is signed in, 403 for an account without the designer role. */
import type { Context, MiddlewareHandler } from 'hono';
import { requestSession } from '../../runtime/auth/session.ts';
import type { Account } from '../../runtime/auth/store.ts';
import { HttpError } from '../../runtime/http/errors.ts';

export const requireDesigner: MiddlewareHandler = async (c, next) => {
  designerOf(c);
  await next();
};

/** The designer acting in this request. */
export function designerOf(c: Context): Account {
  const { account } = requestSession(c);
  if (!account) throw new HttpError(401, 'unauthorized', 'Vous n’êtes pas connecté.');
  if (!account.can_design)
    throw new HttpError(
      403,
      'forbidden',
      'Réservé aux concepteurs de protocoles (rôle « designer »). / Protocol designers only.',
    );
  return account;
}
