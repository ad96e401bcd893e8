/**
 * A query's rows in batches through a server-side cursor (PostgreSQL): one transaction declares the
 * cursor and FETCHes `size` rows each time the consumer asks for the next batch, so one plan runs the
 * whole export (set-based: seq scans and hash joins, no per-batch planning or re-scanning) while at most
 * one batch sits in memory. The consumer pulls: a slow client slows the FETCHes, nothing piles up.
 * Stopping early (the client went away) rolls the read-only transaction back.
 *
 * Not for PGlite: its single connection would be held for the whole export, and every other request
 * would wait behind it (the export reads by keyset there, export-rows.ts).
 */
import { type CompiledQuery, type Expression, type SelectQueryBuilder, type SqlBool, sql } from 'kysely';
import type { Database, Queryable } from '../db/database.ts';
import { bound } from '../records/sql/dynamic.ts';

const CURSOR = 'suivi_export_rows';

interface Deferred<T> {
  readonly promise: Promise<T>;
  resolve(value: T): void;
  reject(error: unknown): void;
}

function deferred<T>(): Deferred<T> {
  let resolve: (value: T) => void = () => {};
  let reject: (error: unknown) => void = () => {};
  const promise = new Promise<T>((yes, no) => {
    resolve = yes;
    reject = no;
  });
  return { promise, resolve, reject };
}

/** Thrown inside the transaction when the consumer stops early: it rolls back, and is not an error. */
class Stopped extends Error {}

export async function* cursorBatches(
  db: Database,
  query: CompiledQuery,
  size: number,
): AsyncGenerator<Record<string, unknown>[]> {
  let ask = deferred<boolean>();
  const nextAnswer = () => {
    const d = deferred<Record<string, unknown>[]>();
    d.promise.catch(() => {}); // awaited by the consumer when it matters; never an unhandled rejection
    return d;
  };
  let answer = nextAnswer();
  const run = db.transaction(async (tx: Queryable) => {
    // The whole result is read: plan for all of it (the default plans a cursor for its first 10%), and
    // give its hash joins room (this transaction only).
    await tx.query("SET LOCAL cursor_tuple_fraction = '1'");
    await tx.query("SET LOCAL work_mem = '64MB'");
    await tx.query(`DECLARE ${CURSOR} NO SCROLL CURSOR FOR ${query.sql}`, query.parameters);
    for (;;) {
      if (!(await ask.promise)) throw new Stopped();
      ask = deferred();
      const { rows } = await tx.query(`FETCH FORWARD ${size} FROM ${CURSOR}`);
      answer.resolve(rows);
      if (rows.length < size) return;
    }
  });
  // A failure reaches the consumer through the answer it waits for. (Not a Promise.race against `run`:
  // every race would leave a handler on the long-lived promise, keeping each batch alive to the end.)
  run.catch((error: unknown) => {
    if (!(error instanceof Stopped)) answer.reject(error);
  });
  try {
    for (;;) {
      ask.resolve(true);
      const rows = await answer.promise;
      answer = nextAnswer();
      if (rows.length > 0) yield rows;
      if (rows.length < size) break;
    }
    await run;
  } finally {
    ask.resolve(false);
    await run.catch((error: unknown) => {
      if (!(error instanceof Stopped)) throw error;
    });
  }
}

/**
 * An export's rows in id order, in batches: through one server-side cursor on PostgreSQL, by keyset on
 * PGlite. `rowsAfter(after)` builds the query with extra predicates, and `idColumns` are the id columns
 * to bound after the last row: every side of the join, since PostgreSQL does not carry `r.id > x` over
 * to a view's own id, and a merge join would then read the view from its first row at every batch.
 */
export async function* idOrderedBatches(
  db: Queryable,
  // biome-ignore lint/suspicious/noExplicitAny: the record engine's tables are untyped (dynamic.ts)
  rowsAfter: (after: readonly Expression<SqlBool>[]) => SelectQueryBuilder<any, any, any>,
  idColumns: readonly Expression<unknown>[],
  batchSize: number,
): AsyncGenerator<Record<string, unknown>[]> {
  if ((db as Partial<Database>).engine === 'postgres') {
    yield* cursorBatches(db as Database, rowsAfter([]).compile(), batchSize);
    return;
  }
  let last: string | undefined;
  for (;;) {
    const from = last;
    const after =
      from === undefined ? [] : idColumns.map((id) => sql<SqlBool>`${id} > ${bound(from, 'uuid')}`);
    const rows = (await rowsAfter(after).limit(batchSize).execute()) as Record<string, unknown>[];
    if (rows.length === 0) return;
    yield rows;
    last = String(rows[rows.length - 1]?.id);
    if (rows.length < batchSize) return;
  }
}
