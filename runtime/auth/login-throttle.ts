/**
 * Login throttling: lock out the address that guesses, never the account's owner signing in from
 * elsewhere (OWASP Authentication Cheat Sheet: a lockout per account lets anyone lock anyone out).
 * Within `windowSeconds` (15 min):
 *
 * - one login from one address: after `perLoginAndAddress` (5) failures, that pair is refused (429 with
 *   Retry-After) until the oldest of them leaves the window;
 * - one address, whatever the logins: after `perAddress` (20) failures, the address is refused (password
 *   spraying, credential stuffing); higher than the pair limit, so colleagues behind one office NAT who
 *   mistype do not shut each other out;
 * - one login, from every address: never refused, only slowed down. From `slowLoginAfter` (10) failures
 *   on, each attempt on that login waits `slowStepMs` (0.5 s) per failure past the threshold before the
 *   password is checked, at most `slowMaxMs` (5 s): a guesser spread over many addresses is slowed, the
 *   owner still gets in.
 *
 * Refused attempts are not counted, so a lockout ends on time even under a steady attack. A success
 * clears the failures of that login from that address only: the owner signing in does not reset an
 * attacker's counters elsewhere. With no known address (no socket, no trusted proxy header), the pair
 * limit applies to "no address" and there is no per-address limit.
 *
 * The attempt is written *before* the password is checked and removed on success: requests racing in
 * parallel see each other's rows, so a burst cannot slip more guesses through than the limit allows.
 * Rows live in suivi.login_attempt (core migration 0006), pruned of anything older than the window on
 * every attempt, so restarts and processes sharing one PostgreSQL see the same counters.
 */
import { type Expression, type ExpressionBuilder, type SqlBool, sql } from 'kysely';
import { type CoreDatabase, coreDb } from '../db/core-database.ts';
import type { Queryable } from '../db/database.ts';
import { secondsAgo } from '../db/sql-time.ts';

export interface ThrottleLimits {
  readonly windowSeconds: number;
  /** Failures of one login from one address before that pair is refused. */
  readonly perLoginAndAddress: number;
  /** Failures from one address, whatever the logins, before the address is refused. */
  readonly perAddress: number;
  /** Failures of one login from all addresses before its sign-ins are slowed down (never refused). */
  readonly slowLoginAfter: number;
  /** The wait added per failure past `slowLoginAfter`, and its cap (ms). */
  readonly slowStepMs: number;
  readonly slowMaxMs: number;
}

export const LOGIN_THROTTLE: ThrottleLimits = {
  windowSeconds: 15 * 60,
  perLoginAndAddress: 5,
  perAddress: 20,
  slowLoginAfter: 10,
  slowStepMs: 500,
  slowMaxMs: 5000,
};

export type AttemptStart =
  | {
      readonly allowed: true;
      readonly attemptId: number;
      /** How long to wait before checking the password (the login is under attack), ms. */
      readonly delayMs: number;
    }
  | { readonly allowed: false; readonly retryAfterSeconds: number };

/** Case-folded so that "Admin" and "admin" share one counter whatever the accounts' spelling. */
export const loginKey = (login: string) => login.trim().toLowerCase();

type Attempts = ExpressionBuilder<CoreDatabase, 'suivi.login_attempt'>;
type AttemptWhere = (eb: Attempts) => Expression<SqlBool>;

/** The attempts of one login from one address (null: unknown, which is one "address" of its own). */
const pairWhere =
  (login: string, address: string | null): AttemptWhere =>
  (eb) =>
    eb.and([eb('login', '=', login), eb('address', 'is not distinct from', address)]);
const addressWhere =
  (address: string | null): AttemptWhere =>
  (eb) =>
    eb('address', '=', address);

/** Seconds until the failures matching `where` drop below `limit`: the limit-th newest leaves the window. */
async function secondsUntilFree(
  db: Queryable,
  where: AttemptWhere,
  limit: number,
  windowSeconds: number,
): Promise<number> {
  const row = await coreDb(db)
    .selectFrom('suivi.login_attempt')
    .select((eb) =>
      sql<number>`ceil(extract(epoch FROM ${eb.ref('attempted_at')} + make_interval(secs => ${windowSeconds}::int) - now()))::int`.as(
        'seconds',
      ),
    )
    .where(where)
    .where('attempted_at', '>', secondsAgo(windowSeconds))
    .orderBy('attempted_at', 'desc')
    .offset(limit - 1)
    .limit(1)
    .executeTakeFirst();
  return row?.seconds ?? 0;
}

/** The wait before checking a password of a login with `failures` recent failures from all addresses. */
export const slowDownMs = (failures: number, limits: ThrottleLimits): number =>
  failures < limits.slowLoginAfter
    ? 0
    : Math.min(limits.slowMaxMs, (failures - limits.slowLoginAfter + 1) * limits.slowStepMs);

/**
 * Records an attempt for `login` from `address` (undefined: unknown), or refuses it when the pair or
 * the address already has its limit of recent failures.
 */
export async function startAttempt(
  db: Queryable,
  login: string,
  address: string | undefined,
  limits: ThrottleLimits = LOGIN_THROTTLE,
): Promise<AttemptStart> {
  const key = loginKey(login);
  const from = address ?? null;
  await coreDb(db)
    .deleteFrom('suivi.login_attempt')
    .where('attempted_at', '<=', secondsAgo(limits.windowSeconds))
    .execute();
  const { id: attemptId } = await coreDb(db)
    .insertInto('suivi.login_attempt')
    .values({ login: key, address: from })
    .returning('id')
    .executeTakeFirstOrThrow();
  const counts = await coreDb(db)
    .selectFrom('suivi.login_attempt')
    .select((eb) => [
      eb.fn.countAll<number>().filterWhere(pairWhere(key, from)).as('by_pair'),
      eb.fn.countAll<number>().filterWhere(addressWhere(from)).as('by_address'),
      eb.fn.countAll<number>().filterWhere('login', '=', key).as('by_login'),
    ])
    .where((eb) => eb.or([eb('login', '=', key), addressWhere(from)(eb)]))
    .where('id', '<>', attemptId)
    .where('attempted_at', '>', secondsAgo(limits.windowSeconds))
    .executeTakeFirstOrThrow();
  const pairOver = counts.by_pair >= limits.perLoginAndAddress;
  const addressOver = from !== null && counts.by_address >= limits.perAddress;
  if (!pairOver && !addressOver) {
    return { allowed: true, attemptId, delayMs: slowDownMs(counts.by_login, limits) };
  }
  await coreDb(db).deleteFrom('suivi.login_attempt').where('id', '=', attemptId).execute();
  const window = limits.windowSeconds;
  const waits = [
    pairOver ? await secondsUntilFree(db, pairWhere(key, from), limits.perLoginAndAddress, window) : 0,
    addressOver ? await secondsUntilFree(db, addressWhere(from), limits.perAddress, window) : 0,
  ];
  return { allowed: false, retryAfterSeconds: Math.max(1, ...waits) };
}

/** A successful sign-in: the failures of that login from that address go, this attempt's included. */
export async function clearAttempts(
  db: Queryable,
  login: string,
  address: string | undefined,
  attemptId: number,
): Promise<void> {
  await coreDb(db)
    .deleteFrom('suivi.login_attempt')
    .where((eb) => eb.or([pairWhere(loginKey(login), address ?? null)(eb), eb('id', '=', attemptId)]))
    .execute();
}
