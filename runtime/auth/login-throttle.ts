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
import type { Queryable } from '../db/database.ts';

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
      readonly attemptId: string;
      /** How long to wait before checking the password (the login is under attack), ms. */
      readonly delayMs: number;
    }
  | { readonly allowed: false; readonly retryAfterSeconds: number };

/** Case-folded so that "Admin" and "admin" share one counter whatever the accounts' spelling. */
const loginKey = (login: string) => login.trim().toLowerCase();

/** Predicates on the login and address placeholders given (address NULL: unknown). */
const pairWhere = (login: string, address: string) =>
  `login = ${login}::text AND address IS NOT DISTINCT FROM ${address}::text`;
const addressWhere = (address: string) => `address = ${address}::text`;

/** Seconds until the failures matching `where` (on $1, $2…) drop below `limit`: the limit-th newest leaves the window. */
async function secondsUntilFree(
  db: Queryable,
  where: string,
  params: readonly unknown[],
  limit: number,
  windowSeconds: number,
): Promise<number> {
  const window = `make_interval(secs => $${params.length + 1}::int)`;
  const { rows } = await db.query<{ seconds: number }>(
    `SELECT ceil(extract(epoch FROM attempted_at + ${window} - now()))::int AS seconds
       FROM suivi.login_attempt WHERE ${where} AND attempted_at > now() - ${window}
      ORDER BY attempted_at DESC OFFSET $${params.length + 2}::int - 1 LIMIT 1`,
    [...params, windowSeconds, limit],
  );
  return rows[0]?.seconds ?? 0;
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
  await db.query(
    'DELETE FROM suivi.login_attempt WHERE attempted_at <= now() - make_interval(secs => $1::int)',
    [limits.windowSeconds],
  );
  const inserted = await db.query<{ id: string }>(
    'INSERT INTO suivi.login_attempt (login, address) VALUES ($1, $2) RETURNING id::text AS id',
    [key, from],
  );
  const attemptId = inserted.rows[0]?.id as string;
  const { rows } = await db.query<{ by_pair: number; by_address: number; by_login: number }>(
    `SELECT count(*) FILTER (WHERE ${pairWhere('$1', '$2')})::int AS by_pair,
            count(*) FILTER (WHERE ${addressWhere('$2')})::int AS by_address,
            count(*) FILTER (WHERE login = $1)::int AS by_login
       FROM suivi.login_attempt
      WHERE (login = $1 OR ${addressWhere('$2')}) AND id <> $4::bigint
        AND attempted_at > now() - make_interval(secs => $3::int)`,
    [key, from, limits.windowSeconds, attemptId],
  );
  const counts = rows[0] ?? { by_pair: 0, by_address: 0, by_login: 0 };
  const pairOver = counts.by_pair >= limits.perLoginAndAddress;
  const addressOver = from !== null && counts.by_address >= limits.perAddress;
  if (!pairOver && !addressOver) {
    return { allowed: true, attemptId, delayMs: slowDownMs(counts.by_login, limits) };
  }
  await db.query('DELETE FROM suivi.login_attempt WHERE id = $1::bigint', [attemptId]);
  const window = limits.windowSeconds;
  const waits = [
    pairOver
      ? await secondsUntilFree(db, pairWhere('$1', '$2'), [key, from], limits.perLoginAndAddress, window)
      : 0,
    addressOver ? await secondsUntilFree(db, addressWhere('$1'), [from], limits.perAddress, window) : 0,
  ];
  return { allowed: false, retryAfterSeconds: Math.max(1, ...waits) };
}

/** A successful sign-in: the failures of that login from that address go, this attempt's included. */
export async function clearAttempts(
  db: Queryable,
  login: string,
  address: string | undefined,
  attemptId: string,
): Promise<void> {
  await db.query(`DELETE FROM suivi.login_attempt WHERE (${pairWhere('$1', '$2')}) OR id = $3::bigint`, [
    loginKey(login),
    address ?? null,
    attemptId,
  ]);
}
