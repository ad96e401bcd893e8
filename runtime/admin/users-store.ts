/** The users as the admin API shows them, and the writes behind its routes. */
import type { Queryable } from '../db/database.ts';

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

interface UserRow extends Omit<AdminUser, 'organisation'> {
  organisation_id: string | null;
  organisation_name: string | null;
}

const SELECT_USERS = `
  SELECT u.id, u.login, u.display_name, u.email, u.is_admin, u.active, u.created_at,
         u.password_hash IS NOT NULL AS has_password, u.organisation_id, o.name AS organisation_name,
         coalesce((SELECT array_agg(r.role ORDER BY r.role) FROM suivi.user_role r WHERE r.user_id = u.id),
                  '{}'::text[]) AS roles
    FROM suivi.app_user u LEFT JOIN suivi.organisation o ON o.id = u.organisation_id`;

const adminUser = ({ organisation_id, organisation_name, ...r }: UserRow): AdminUser => ({
  ...r,
  organisation: organisation_id === null ? null : { id: organisation_id, name: organisation_name ?? '' },
});

export async function listUsers(db: Queryable): Promise<AdminUser[]> {
  const { rows } = await db.query<UserRow>(`${SELECT_USERS} ORDER BY u.login`);
  return rows.map(adminUser);
}

export async function findUser(db: Queryable, id: string): Promise<AdminUser | undefined> {
  const { rows } = await db.query<UserRow>(`${SELECT_USERS} WHERE u.id = $1::uuid`, [id]);
  return rows[0] ? adminUser(rows[0]) : undefined;
}

export async function organisationExists(db: Queryable, id: string): Promise<boolean> {
  const { rows } = await db.query('SELECT 1 FROM suivi.organisation WHERE id = $1::uuid', [id]);
  return rows.length > 0;
}

export async function setRoles(tx: Queryable, userId: string, roles: readonly string[]): Promise<void> {
  await tx.query('DELETE FROM suivi.user_role WHERE user_id = $1::uuid', [userId]);
  await tx.query(
    'INSERT INTO suivi.user_role (user_id, role) SELECT $1::uuid, r FROM unnest($2::text[]) AS r',
    [userId, roles],
  );
}

/**
 * Ends everything that lets the user in without a password: their sessions, and (when `tokens`) their
 * API tokens, revoked rather than deleted so the list keeps their history.
 */
export async function endAccess(tx: Queryable, userId: string, tokens: boolean): Promise<void> {
  await tx.query('DELETE FROM suivi.session WHERE user_id = $1::uuid', [userId]);
  if (tokens) {
    await tx.query(
      'UPDATE suivi.api_token SET revoked_at = now() WHERE user_id = $1::uuid AND revoked_at IS NULL',
      [userId],
    );
  }
}
