/**
 * Moments relative to the database's clock, for typed queries: `now()` and `now() ± make_interval(…)`
 * with the amount bound. On the database's clock rather than the server's, so that processes sharing a
 * PostgreSQL agree; read back as our parsers read a timestamptz (an ISO 8601 string).
 */
import { type RawBuilder, sql } from 'kysely';

export const now: RawBuilder<string> = sql<string>`now()`;

export const secondsAgo = (seconds: number): RawBuilder<string> =>
  sql<string>`now() - make_interval(secs => ${seconds}::double precision)`;

export const minutesAgo = (minutes: number): RawBuilder<string> =>
  sql<string>`now() - make_interval(mins => ${minutes}::int)`;

export const daysAgo = (days: number): RawBuilder<string> =>
  sql<string>`now() - make_interval(days => ${days}::int)`;

export const daysFromNow = (days: number): RawBuilder<string> =>
  sql<string>`now() + make_interval(days => ${days}::int)`;
