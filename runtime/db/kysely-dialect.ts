/**
 * Kysely over our own `Queryable`: typed queries run through the same `query(text, params)` as the
 * hand-written ones, so they see the same value parsers on both engines, and a query built on a
 * transaction's `tx` runs inside that transaction.
 *
 * Why a dialect of our own rather than kysely's PostgresDialect and kysely-pglite-dialect: those two
 * own a connection (a pg Pool, a PGlite instance) and open their own transactions, beside the ones
 * `Database.transaction` opens. Here the only thing Kysely adds is the SQL text and its parameters
 * (PostgreSQL's adapter and query compiler, the same on both engines); the driver hands the compiled
 * query to the `Queryable` it was made for. Transactions stay ours: `db.transaction(async (tx) => …
 * coreDb(tx)…)`. Kysely's own `transaction()` is refused, since it would have to hold a connection.
 */
import {
  type CompiledQuery,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  Kysely,
  type QueryResult as KyselyResult,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
} from 'kysely';
import type { Queryable } from './database.ts';

/** The kinds of query whose affected-row count Kysely reports (`numAffectedRows`). */
const WRITES: ReadonlySet<string> = new Set([
  'InsertQueryNode',
  'UpdateQueryNode',
  'DeleteQueryNode',
  'MergeQueryNode',
]);

const noTransactions = () =>
  Promise.reject(
    new Error('Kysely transactions are not used here: run the queries on the tx of Database.transaction'),
  );

function driverOver(q: Queryable): Driver {
  const connection: DatabaseConnection = {
    async executeQuery<R>(compiled: CompiledQuery): Promise<KyselyResult<R>> {
      const { rows, rowCount } = await q.query<R>(compiled.sql, compiled.parameters);
      return WRITES.has(compiled.query.kind) ? { rows, numAffectedRows: BigInt(rowCount) } : { rows };
    },
    streamQuery() {
      throw new Error('streamed Kysely queries are not supported over a Queryable');
    },
  };
  return {
    init: async () => {},
    acquireConnection: async () => connection,
    beginTransaction: noTransactions,
    commitTransaction: noTransactions,
    rollbackTransaction: noTransactions,
    releaseConnection: async () => {},
    destroy: async () => {},
  };
}

/** The dialect of one `Queryable` (a Database, or a transaction's tx). */
export const queryableDialect = (q: Queryable): Dialect => ({
  createAdapter: () => new PostgresAdapter(),
  createDriver: () => driverOver(q),
  createQueryCompiler: () => new PostgresQueryCompiler(),
  createIntrospector: (db) => new PostgresIntrospector(db),
});

// One Kysely per Queryable, made on first use: a Database lives as long as the process, a tx as long
// as its transaction (the WeakMap lets both go). The table types are compile-time only, so the same
// instance serves any `DB`.
// biome-ignore lint/suspicious/noExplicitAny: the cache holds instances whose table types are erased.
const instances = new WeakMap<Queryable, Kysely<any>>();

/** Typed queries on the tables of `DB`, run on `q`. */
export function kyselyOver<DB>(q: Queryable): Kysely<DB> {
  let instance = instances.get(q);
  if (!instance) {
    instance = new Kysely<DB>({ dialect: queryableDialect(q) });
    instances.set(q, instance);
  }
  return instance as Kysely<DB>;
}
