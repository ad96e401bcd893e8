/**
 * Accounts, sessions and API tokens in the database. A session lasts SESSION_DAYS at most and ends after
 * IDLE_DAYS without a request; an API token lasts until revoked. Both end with their user's `active`.
 */
import type { ExpressionBuilder } from 'kysely';
import { type CoreDatabase, coreDb } from '../db/core-database.ts';
import type { Queryable } from '../db/database.ts';
import { daysAgo, daysFromNow, minutesAgo, now } from '../db/sql-time.ts';
import { API_TOKEN_PREFIX, hashToken, newToken } from './tokens.ts';

export const SESSION_DAYS = 30;
export const IDLE_DAYS = 7;
/** A session's last request or a token's last use is written again only this long after the previous one. */
const NOTE_AFTER_MINUTES = 5;

/** A signed-in user, as the API shows it. */
export interface Account {
  readonly id: string;
  readonly login: string;
  readonly display_name: string;
  readonly is_admin: boolean;
  /** Holds the `designer` role: may use the protocol builder (/api/builder). */
  readonly can_design: boolean;
  readonly organisation: { readonly id: string; readonly name: string } | null;
}

/** The role that opens the protocol builder (/api/builder): designing and publishing protocols. */
export const DESIGNER_ROLE = 'designer';

/** The account's columns, from `suivi.app_user u` left-joined to `suivi.organisation o`. */
const ACCOUNT_COLUMNS = [
  'u.id',
  'u.login',
  'u.display_name',
  'u.is_admin',
  'u.organisation_id',
  'o.name as organisation_name',
] as const;

type AccountTables = ExpressionBuilder<CoreDatabase & { u: CoreDatabase['suivi.app_user'] }, 'u'>;

/** Whether `u` holds the designer role, as the column `can_design`. */
const canDesign = (eb: AccountTables) =>
  eb
    .exists(
      eb
        .selectFrom('suivi.user_role as r')
        .select('r.role')
        .whereRef('r.user_id', '=', 'u.id')
        .where('r.role', '=', DESIGNER_ROLE),
    )
    .as('can_design');

interface AccountRow {
  id: string;
  login: string;
  display_name: string;
  is_admin: boolean;
  /** SqlBool: Kysely types EXISTS for every dialect; PostgreSQL answers a boolean. */
  can_design: boolean | number;
  organisation_id: string | null;
  organisation_name: string | null;
}

const account = (r: AccountRow): Account => ({
  id: r.id,
  login: r.login,
  display_name: r.display_name,
  is_admin: r.is_admin,
  can_design: r.can_design === true,
  organisation:
    r.organisation_id === null ? null : { id: r.organisation_id, name: r.organisation_name ?? '' },
});

/** The account of `login` with its password hash, for the login check (undefined if none or inactive). */
export async function findLogin(
  db: Queryable,
  login: string,
): Promise<{ account: Account; passwordHash: string | null } | undefined> {
  const row = await coreDb(db)
    .selectFrom('suivi.app_user as u')
    .leftJoin('suivi.organisation as o', 'o.id', 'u.organisation_id')
    .select((eb) => [...ACCOUNT_COLUMNS, canDesign(eb), 'u.password_hash'])
    .where('u.login', '=', login)
    .where('u.active', '=', true)
    .executeTakeFirst();
  return row ? { account: account(row), passwordHash: row.password_hash } : undefined;
}

/** Opens a session; returns the token for the cookie (only its hash is stored). */
export async function createSession(db: Queryable, userId: string): Promise<string> {
  const token = newToken();
  // The user's ended sessions go when a new one starts: the table stays small without a sweeper.
  await coreDb(db)
    .deleteFrom('suivi.session')
    .where('user_id', '=', userId)
    .where((eb) => eb.or([eb('expires_at', '<=', now), eb('last_seen_at', '<=', daysAgo(IDLE_DAYS))]))
    .execute();
  await coreDb(db)
    .insertInto('suivi.session')
    .values({ id: hashToken(token), user_id: userId, expires_at: daysFromNow(SESSION_DAYS) })
    .execute();
  return token;
}

export async function deleteSession(db: Queryable, token: string): Promise<void> {
  await coreDb(db).deleteFrom('suivi.session').where('id', '=', hashToken(token)).execute();
}

/** The account of a live session; notes the request (at most every few minutes, to spare writes). */
export async function sessionAccount(db: Queryable, token: string): Promise<Account | undefined> {
  const id = hashToken(token);
  const row = await coreDb(db)
    .selectFrom('suivi.session as x')
    .innerJoin('suivi.app_user as u', 'u.id', 'x.user_id')
    .leftJoin('suivi.organisation as o', 'o.id', 'u.organisation_id')
    .select((eb) => [
      ...ACCOUNT_COLUMNS,
      canDesign(eb),
      eb('x.last_seen_at', '<', minutesAgo(NOTE_AFTER_MINUTES)).as('stale'),
    ])
    .where('x.id', '=', id)
    .where('x.expires_at', '>', now)
    .where('x.last_seen_at', '>', daysAgo(IDLE_DAYS))
    .where('u.active', '=', true)
    .executeTakeFirst();
  if (!row) return undefined;
  if (row.stale) {
    await coreDb(db).updateTable('suivi.session').set({ last_seen_at: now }).where('id', '=', id).execute();
  }
  return account(row);
}

/** The account of an API token not revoked; notes its use (at most every few minutes). */
export async function tokenAccount(db: Queryable, token: string): Promise<Account | undefined> {
  const row = await coreDb(db)
    .selectFrom('suivi.api_token as x')
    .innerJoin('suivi.app_user as u', 'u.id', 'x.user_id')
    .leftJoin('suivi.organisation as o', 'o.id', 'u.organisation_id')
    .select((eb) => [
      ...ACCOUNT_COLUMNS,
      canDesign(eb),
      'x.id as token_id',
      eb
        .or([eb('x.last_used_at', 'is', null), eb('x.last_used_at', '<', minutesAgo(NOTE_AFTER_MINUTES))])
        .as('stale'),
    ])
    .where('x.token_hash', '=', hashToken(token))
    .where('x.revoked_at', 'is', null)
    .where('u.active', '=', true)
    .executeTakeFirst();
  if (!row) return undefined;
  if (row.stale) {
    await coreDb(db)
      .updateTable('suivi.api_token')
      .set({ last_used_at: now })
      .where('id', '=', row.token_id)
      .execute();
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
  const created = await coreDb(db)
    .insertInto('suivi.api_token')
    .values({ user_id: userId, name, token_hash: hashToken(token) })
    .returning(['id', 'name', 'created_at', 'last_used_at'])
    .executeTakeFirstOrThrow();
  return { ...created, token };
}

/** The user's tokens not revoked, newest first. */
export async function listApiTokens(db: Queryable, userId: string): Promise<ApiTokenInfo[]> {
  return coreDb(db)
    .selectFrom('suivi.api_token')
    .select(['id', 'name', 'created_at', 'last_used_at'])
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .execute();
}

/** Revokes one of the user's tokens; false when they have no such live token. */
export async function revokeApiToken(db: Queryable, userId: string, id: string): Promise<boolean> {
  const { numUpdatedRows } = await coreDb(db)
    .updateTable('suivi.api_token')
    .set({ revoked_at: now })
    .where('id', '=', id)
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return numUpdatedRows > 0n;
}
