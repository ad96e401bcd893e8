/** What rules are evaluated against: the records by scope, and the clock and user of the request. */
import type { RuleContext } from '../../../protocol-specs/index.ts';

export interface Clock {
  /** YYYY-MM-DD, for today(). */
  readonly today: string;
  /** ISO date-time, for now(). */
  readonly now: string;
  readonly userId: string | null;
}

/** Ancestor records by scope (`parent`, level keys), as rules read them. */
export type Scopes = Readonly<Record<string, Readonly<Record<string, unknown>> | undefined>>;

export const ruleContext = (clock: Clock, scopes: Scopes): RuleContext => ({
  records: scopes,
  today: clock.today,
  now: clock.now,
  userId: clock.userId,
});

/** The clock at `at` in `timeZone` (today() is a local date: a record saved at 00:30 in Paris is of that day). */
export function clockAt(at: Date, timeZone: string | undefined, userId: string | null): Clock {
  const today = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(at);
  return { today, now: at.toISOString(), userId };
}
