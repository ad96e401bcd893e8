/**
 * Record lifecycle hooks as the write path sees them (operations/write.ts): called inside the write's
 * transaction, before and after each create, update and delete. The records layer only calls them; what
 * they are (a module's extension, runtime/extensions) is decided by whoever builds the operations. A
 * hook that throws rolls the whole write back.
 */
import type { Queryable } from '../db/database.ts';
import type { Actor } from './access.ts';
import type { ApiRecord } from './read/read-records.ts';

export const WRITE_EVENTS = [
  'beforeCreate',
  'afterCreate',
  'beforeUpdate',
  'afterUpdate',
  'beforeDelete',
  'afterDelete',
] as const;

export type WriteEvent = (typeof WRITE_EVENTS)[number];

/** What a hook is called with; which of `data`, `record` and `previous` are set depends on the event. */
export interface WriteHookCall {
  readonly module: string;
  readonly level: string;
  /** The write's transaction: what the hook reads and writes is committed or rolled back with it. */
  readonly tx: Queryable;
  readonly actor: Actor;
  /** before create and update: the validated record about to be written (parent links, values, geometry). */
  readonly data?: Readonly<Record<string, unknown>>;
  /** after create and update: the record as written; before and after delete: the record deleted. */
  readonly record?: ApiRecord;
  /** update: the record as it was before. */
  readonly previous?: ApiRecord;
}

export interface RecordHooks {
  /** Whether `event` has a hook on `module`'s `level`: the write path reads a record for it only then. */
  has(module: string, level: string, event: WriteEvent): boolean;
  /** Runs the hook of `event`, if any; throws to refuse (an HttpError) or fail (anything else) the write. */
  run(event: WriteEvent, call: WriteHookCall): Promise<void>;
}
