/**
 * Login throttling: after `maxFailures` failed sign-ins within `windowSeconds` for one login name, or
 * from one client address, further attempts are refused (429 with Retry-After) until the oldest of
 * those failures leaves the window. Refused attempts are not counted, so a lockout ends on time even
 * under a steady attack; a success clears the login's counter.
 *
 * The attempt is written *before* the password is checked and removed on success: requests racing in
 * parallel see each other's rows, so a burst cannot slip more guesses through than the limit allows.
 * Rows live in suivi.login_attempt (core migration 0006), pruned of anything older than the window on
 * every attempt, so restarts and processes sharing one PostgreSQL see the same counters.
 */
import { ident, type Queryable } from '../db/database.ts';

export interface ThrottleLimits {
  readonly maxFailures: number;
  readonly windowSeconds: number;
}

export const LOGIN_THROTTLE: ThrottleLimits = { maxFailures: 5, windowSeconds: 15 * 60 };

export type AttemptStart =
  | { readonly allowed: true; readonly attemptId: string }
  | { readonly allowed: false; readonly retryAfterSeconds: number };

/** Case-folded so that "Admin" and "admin" share one counter whatever the accounts' spelling. */
const loginKey = (login: string) => login.trim().toLowerCase();

const RECENT = 'attempted_at > now() - make_interval(secs => $2::int)';

/** Seconds until the failures of one key drop below the limit (the limit-th newest leaves the window). */
async function secondsUntilFree(
  db: Queryable,
  column: 'login' | 'address',
  value: string,
  limits: ThrottleLimits,
): Promise<number> {
  const { rows } = await db.query<{ seconds: number }>(
    `SELECT ceil(extract(epoch FROM attempted_at + make_interval(secs => $2::int) - now()))::int AS seconds
       FROM suivi.login_attempt WHERE ${ident(column)} = $1 AND ${RECENT}
      ORDER BY attempted_at DESC OFFSET $3::int - 1 LIMIT 1`,
    [value, limits.windowSeconds, limits.maxFailures],
  );
  return rows[0]?.seconds ?? 0;
}

/**
 * Records an attempt for `login` from `address` (undefined: unknown, no per-address limit), or refuses
 * it when either already has `maxFailures` recent failures.
 */
export async function startAttempt(
  db: Queryable,
  login: string,
  address: string | undefined,
  limits: ThrottleLimits = LOGIN_THROTTLE,
): Promise<AttemptStart> {
  const key = loginKey(login);
  await db.query(
    'DELETE FROM suivi.login_attempt WHERE attempted_at <= now() - make_interval(secs => $1::int)',
    [limits.windowSeconds],
  );
  const inserted = await db.query<{ id: string }>(
    'INSERT INTO suivi.login_attempt (login, address) VALUES ($1, $2) RETURNING id::text AS id',
    [key, address ?? null],
  );
  const attemptId = inserted.rows[0]?.id as string;
  const { rows } = await db.query<{ by_login: number; by_address: number }>(
    `SELECT (SELECT count(*)::int FROM suivi.login_attempt
              WHERE login = $1 AND ${RECENT} AND id <> $4::bigint) AS by_login,
            (SELECT count(*)::int FROM suivi.login_attempt
              WHERE address = $3 AND ${RECENT} AND id <> $4::bigint) AS by_address`,
    [key, limits.windowSeconds, address ?? null, attemptId],
  );
  const counts = rows[0] ?? { by_login: 0, by_address: 0 };
  if (counts.by_login < limits.maxFailures && counts.by_address < limits.maxFailures) {
    return { allowed: true, attemptId };
  }
  await db.query('DELETE FROM suivi.login_attempt WHERE id = $1::bigint', [attemptId]);
  const waits = [
    counts.by_login >= limits.maxFailures ? await secondsUntilFree(db, 'login', key, limits) : 0,
    address !== undefined && counts.by_address >= limits.maxFailures
      ? await secondsUntilFree(db, 'address', address, limits)
      : 0,
  ];
  return { allowed: false, retryAfterSeconds: Math.max(1, ...waits) };
}

/** A successful sign-in: the login's counter starts again (its rows go, this attempt's included). */
export async function clearAttempts(db: Queryable, login: string, attemptId: string): Promise<void> {
  await db.query('DELETE FROM suivi.login_attempt WHERE login = $1 OR id = $2::bigint', [
    loginKey(login),
    attemptId,
  ]);
}
