/**
 * /api/admin/users: list, create, update (display name, organisation, roles, is_admin, active), reset a
 * password. Disabling a user ends their sessions and revokes their API tokens (re-enabling does not
 * bring them back); a new password ends their sessions. An administrator can neither remove their own
 * admin flag nor disable themselves, so the instance always keeps the administrator who acts.
 */
import type { Context, Hono } from 'hono';
import { loginKey } from '../auth/login-throttle.ts';
import { hashPassword } from '../auth/password.ts';
import { type Body, readObject } from '../auth/request-body.ts';
import { coreDb } from '../db/core-database.ts';
import type { Database, Queryable } from '../db/database.ts';
import { conflict, HttpError } from '../http/errors.ts';
import {
  boolean,
  has,
  invalidField,
  loginName,
  password,
  pathId,
  requiredText,
  roles,
  unique,
  uuidOrNull,
} from './fields.ts';
import { adminOf } from './require-admin.ts';
import {
  type AdminUser,
  endAccess,
  findUser,
  listUsers,
  organisationExists,
  setRoles,
} from './users-store.ts';

/** The organisation of the body, checked to exist (422 otherwise); undefined when the body has none. */
async function organisationOf(db: Queryable, body: Body): Promise<string | null | undefined> {
  if (!has(body, 'organisation_id')) return undefined;
  const id = uuidOrNull(body, 'organisation_id');
  if (id !== null && !(await organisationExists(db, id))) {
    throw invalidField('organisation_id', 'unknown', `L’organisation ${id} n’existe pas.`);
  }
  return id;
}

async function userOr404(db: Queryable, c: Context): Promise<AdminUser> {
  const id = pathId(c.req.param('id') ?? '', 'L’utilisateur');
  const user = await findUser(db, id);
  if (!user) throw new HttpError(404, 'not_found', `L’utilisateur ${id} n’existe pas.`);
  return user;
}

/** The changes a PATCH asks for, each checked; absent fields are left alone. */
function changesOf(body: Body) {
  return {
    display_name: has(body, 'display_name') ? requiredText(body, 'display_name') : undefined,
    is_admin: has(body, 'is_admin') ? boolean(body, 'is_admin') : undefined,
    active: has(body, 'active') ? boolean(body, 'active') : undefined,
    roles: has(body, 'roles') ? roles(body) : undefined,
  };
}

export function mountUserRoutes(app: Hono, db: Database): void {
  app.get('/api/admin/users', async (c) => c.json({ users: await listUsers(db) }));

  app.post('/api/admin/users', async (c) => {
    const body = await readObject(c);
    const login = loginName(body);
    const displayName = requiredText(body, 'display_name');
    const secret = password(body);
    const userRoles = has(body, 'roles') ? roles(body) : [];
    const isAdmin = has(body, 'is_admin') ? boolean(body, 'is_admin') : false;
    const organisationId = (await organisationOf(db, body)) ?? null;
    const hash = await hashPassword(secret);
    const id = await unique(
      () =>
        db.transaction(async (tx) => {
          const { id: created } = await coreDb(tx)
            .insertInto('suivi.app_user')
            .values({
              login,
              display_name: displayName,
              organisation_id: organisationId,
              password_hash: hash,
              is_admin: isAdmin,
            })
            .returning('id')
            .executeTakeFirstOrThrow();
          await setRoles(tx, created, userRoles);
          return created;
        }),
      '/login',
      `L’identifiant « ${login} » est déjà pris.`,
    );
    return c.json(await findUser(db, id), 201);
  });

  app.patch('/api/admin/users/:id', async (c) => {
    const admin = adminOf(c);
    const user = await userOr404(db, c);
    const body = await readObject(c);
    const changes = changesOf(body);
    const organisationId = await organisationOf(db, body);
    if (user.id === admin.id && (changes.is_admin === false || changes.active === false)) {
      const field = changes.is_admin === false ? 'is_admin' : 'active';
      throw conflict(
        'own_account',
        'Vous ne pouvez pas retirer vos propres droits d’administration ni désactiver votre compte.',
        {
          path: `/${field}`,
        },
      );
    }
    await db.transaction(async (tx) => {
      // An undefined value leaves its column as it is (Kysely leaves it out of SET).
      const set = {
        display_name: changes.display_name,
        is_admin: changes.is_admin,
        active: changes.active,
        organisation_id: organisationId,
      };
      if (Object.values(set).some((v) => v !== undefined)) {
        await coreDb(tx).updateTable('suivi.app_user').set(set).where('id', '=', user.id).execute();
      }
      if (changes.roles) await setRoles(tx, user.id, changes.roles);
      if (changes.active === false && user.active) await endAccess(tx, user.id, true);
    });
    return c.json(await findUser(db, user.id));
  });

  app.post('/api/admin/users/:id/password', async (c) => {
    const user = await userOr404(db, c);
    const hash = await hashPassword(password(await readObject(c)));
    await db.transaction(async (tx) => {
      await coreDb(tx)
        .updateTable('suivi.app_user')
        .set({ password_hash: hash })
        .where('id', '=', user.id)
        .execute();
      await endAccess(tx, user.id, false);
      // A new password also lifts a lockout from guessing the old one .
      await coreDb(tx).deleteFrom('suivi.login_attempt').where('login', '=', loginKey(user.login)).execute();
    });
    return c.body(null, 204);
  });
}
