/** What the outbox tells the rest of the app: an event on each change, and its count in localStorage. */
export const OUTBOX_CHANGED = 'suivi:outbox';
export const OUTBOX_COUNT = 'suivi.outbox.count';
