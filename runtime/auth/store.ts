/**
 * Accounts, sessions and API tokens in the database. A session lasts SESSION_DAYS at most and ends after
 * IDLE_DAYS without a request; an API token lasts until revoked. Both end with their user's `active`.
 */
import type { Queryable } from '../db/database.ts';
import { API_TOKEN_PREFIX, hashToken, newToken } from './tokens.ts';

export const SESSION_DAYS = 30;
export const IDLE_DAYS = 7;

/** A signed-in user, as the API shows it. */
export interface Account {
  readonly id: string;
  readonly login: string;
  readonly display_name: string;
  readonly is_admin: boolean;
  readonly organisation: { readonly id: string; readonly name: string } | null;
}

interface AccountRow {
  id: string;
  login: string;
  display_name: string;
  is_admin: boolean;
  organisation_id: string | null;
  organisation_name: string | null;
  stale: boolean;
}

const ACCOUNT_COLUMNS = `u.id, u.login, u.display_name, u.is_admin, u.organisation_id, o.name AS organisation_name`;
const ACCOUNT_JOIN =
  'JOIN suivi.app_user u ON u.id = x.user_id LEFT JOIN suivi.organisation o ON o.id = u.organisation_id';

const account = (r: AccountRow): Account => ({
  id: r.id,
  login: r.login,
  display_name: r.display_name,
  is_admin: r.is_admin,
  organisation:
    r.organisation_id === null ? null : { id: r.organisation_id, name: r.organisation_name ?? '' },
});

/** The account of `login` with its password hash, for the login check (undefined if none or inactive). */
export async function findLogin(
  db: Queryable,
  login: string,
): Promise<{ account: Account; passwordHash: string | null } | undefined> {
  const { rows } = await db.query<AccountRow & { password_hash: string | null }>(
    `SELECT ${ACCOUNT_COLUMNS}, u.password_hash, false AS stale
       FROM (SELECT id AS user_id FROM suivi.app_user WHERE login = $1 AND active) x ${ACCOUNT_JOIN}`,
    [login],
  );
  const row = rows[0];
  return row ? { account: account(row), passwordHash: row.password_hash } : undefined;
}

/** Opens a session; returns the token for the cookie (only its hash is stored). */
export async function createSession(db: Queryable, userId: string): Promise<string> {
  const token = newToken();
  // The user's ended sessions go when a new one starts: the table stays small without a sweeper.
  await db.query(
    `DELETE FROM suivi.session WHERE user_id = $1
        AND (expires_at <= now() OR last_seen_at <= now() - make_interval(days => $2::int))`,
    [userId, IDLE_DAYS],
  );
  await db.query(
    `INSERT INTO suivi.session (id, user_id, expires_at)
     VALUES ($1, $2, now() + make_interval(days => $3::int))`,
    [hashToken(token), userId, SESSION_DAYS],
  );
  return token;
}

export async function deleteSession(db: Queryable, token: string): Promise<void> {
  await db.query('DELETE FROM suivi.session WHERE id = $1', [hashToken(token)]);
}

/** The account of a live session; notes the request (at most every few minutes, to spare writes). */
export async function sessionAccount(db: Queryable, token: string): Promise<Account | undefined> {
  const id = hashToken(token);
  const { rows } = await db.query<AccountRow>(
    `SELECT ${ACCOUNT_COLUMNS}, x.last_seen_at < now() - interval '5 minutes' AS stale
       FROM suivi.session x ${ACCOUNT_JOIN}
      WHERE x.id = $1 AND x.expires_at > now()
        AND x.last_seen_at > now() - make_interval(days => $2::int) AND u.active`,
    [id, IDLE_DAYS],
  );
  const row = rows[0];
  if (!row) return undefined;
  if (row.stale) await db.query('UPDATE suivi.session SET last_seen_at = now() WHERE id = $1', [id]);
  return account(row);
}

/** The account of an API token not revoked; notes its use (at most every few minutes). */
export async function tokenAccount(db: Queryable, token: string): Promise<Account | undefined> {
  const hash = hashToken(token);
  const { rows } = await db.query<AccountRow & { token_id: string }>(
    `SELECT ${ACCOUNT_COLUMNS}, x.id AS token_id,
            coalesce(x.last_used_at < now() - interval '5 minutes', true) AS stale
       FROM suivi.api_token x ${ACCOUNT_JOIN}
      WHERE x.token_hash = $1 AND x.revoked_at IS NULL AND u.active`,
    [hash],
  );
  const row = rows[0];
  if (!row) return undefined;
  if (row.stale) {
    await db.query('UPDATE suivi.api_token SET last_used_at = now() WHERE id = $1', [row.token_id]);
  }
  return account(row);
}

export interface ApiTokenInfo {
  readonly id: string;
  readonly name: string;
  readonly created_at: string;
  readonly last_used_at: string | null;
}

/** Creates a named token for `userId`; the token itself is returned once and never stored. */
export async function createApiToken(
  db: Queryable,
  userId: string,
  name: string,
): Promise<ApiTokenInfo & { token: string }> {
  const token = newToken(API_TOKEN_PREFIX);
  const { rows } = await db.query<ApiTokenInfo>(
    `INSERT INTO suivi.api_token (user_id, name, token_hash) VALUES ($1, $2, $3)
     RETURNING id, name, created_at, last_used_at`,
    [userId, name, hashToken(token)],
  );
  return { ...(rows[0] as ApiTokenInfo), token };
}

/** The user's tokens not revoked, newest first. */
export async function listApiTokens(db: Queryable, userId: string): Promise<ApiTokenInfo[]> {
  const { rows } = await db.query<ApiTokenInfo>(
    `SELECT id, name, created_at, last_used_at FROM suivi.api_token
      WHERE user_id = $1 AND revoked_at IS NULL ORDER BY created_at DESC, id`,
    [userId],
  );
  return rows;
}

/** Revokes one of the user's tokens; false when they have no such live token. */
export async function revokeApiToken(db: Queryable, userId: string, id: string): Promise<boolean> {
  const { rows } = await db.query(
    `UPDATE suivi.api_token SET revoked_at = now()
      WHERE id = $1::uuid AND user_id = $2 AND revoked_at IS NULL RETURNING id`,
    [id, userId],
  );
  return rows.length > 0;
}
