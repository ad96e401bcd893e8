/** The users as the admin API shows them, and the writes behind its routes. */
import { sql } from 'kysely';
import { coreDb } from '../db/core-database.ts';
import type { Queryable } from '../db/database.ts';
import { now } from '../db/sql-time.ts';

export interface AdminUser {
  readonly id: string;
  readonly login: string;
  readonly display_name: string;
  readonly email: string | null;
  readonly organisation: { readonly id: string; readonly name: string } | null;
  readonly roles: readonly string[];
  readonly is_admin: boolean;
  readonly active: boolean;
  /** False for accounts that cannot sign in here (observers without a password, SSO). */
  readonly has_password: boolean;
  readonly created_at: string;
}

const selectUsers = (db: Queryable) =>
  coreDb(db)
    .selectFrom('suivi.app_user as u')
    .leftJoin('suivi.organisation as o', 'o.id', 'u.organisation_id')
    .select((eb) => [
      'u.id',
      'u.login',
      'u.display_name',
      'u.email',
      'u.is_admin',
      'u.active',
      'u.created_at',
      eb('u.password_hash', 'is not', null).$castTo<boolean>().as('has_password'),
      'u.organisation_id',
      'o.name as organisation_name',
      eb.fn
        .coalesce(
          eb
            .selectFrom('suivi.user_role as r')
            .select((sub) => sub.fn.agg<string[]>('array_agg', ['r.role']).orderBy('r.role').as('roles'))
            .whereRef('r.user_id', '=', 'u.id')
            .$asScalar(),
          sql<string[]>`'{}'::text[]`,
        )
        .as('roles'),
    ]);

interface UserRow extends Omit<AdminUser, 'organisation'> {
  organisation_id: string | null;
  organisation_name: string | null;
}

const adminUser = ({ organisation_id, organisation_name, ...r }: UserRow): AdminUser => ({
  ...r,
  organisation: organisation_id === null ? null : { id: organisation_id, name: organisation_name ?? '' },
});

export async function listUsers(db: Queryable): Promise<AdminUser[]> {
  const rows = await selectUsers(db).orderBy('u.login').execute();
  return rows.map(adminUser);
}

export async function findUser(db: Queryable, id: string): Promise<AdminUser | undefined> {
  const row = await selectUsers(db).where('u.id', '=', id).executeTakeFirst();
  return row ? adminUser(row) : undefined;
}

export async function organisationExists(db: Queryable, id: string): Promise<boolean> {
  const found = await coreDb(db)
    .selectFrom('suivi.organisation')
    .select('id')
    .where('id', '=', id)
    .executeTakeFirst();
  return found !== undefined;
}

export async function setRoles(tx: Queryable, userId: string, roles: readonly string[]): Promise<void> {
  await coreDb(tx).deleteFrom('suivi.user_role').where('user_id', '=', userId).execute();
  if (roles.length === 0) return;
  await coreDb(tx)
    .insertInto('suivi.user_role')
    .values(roles.map((role) => ({ user_id: userId, role })))
    .execute();
}

/**
 * Ends everything that lets the user in without a password: their sessions, and (when `tokens`) their
 * API tokens, revoked rather than deleted so the list keeps their history.
 */
export async function endAccess(tx: Queryable, userId: string, tokens: boolean): Promise<void> {
  await coreDb(tx).deleteFrom('suivi.session').where('user_id', '=', userId).execute();
  if (tokens) {
    await coreDb(tx)
      .updateTable('suivi.api_token')
      .set({ revoked_at: now })
      .where('user_id', '=', userId)
      .where('revoked_at', 'is', null)
      .execute();
  }
}
