/**
 * The record operations open a transaction per write (`db.transaction`). An import runs every write
 * inside its own transaction, so it hands them this Database: its `transaction` is a savepoint of the
 * import's transaction. A refused row rolls back to its savepoint; the import goes on.
 */
import type { Database, Queryable } from '../../db/database.ts';

export function nestedDatabase(tx: Queryable, engine: Database['engine']): Database {
  let depth = 0;
  const db: Database = {
    engine,
    query: (text, params) => tx.query(text, params),
    exec: (script) => tx.exec(script),
    async transaction(work) {
      // Savepoints nest like the calls: a name per depth is enough, released or rolled back in order.
      const name = `suivi_import_${++depth}`;
      await tx.query(`SAVEPOINT ${name}`);
      try {
        const result = await work(db);
        await tx.query(`RELEASE SAVEPOINT ${name}`);
        return result;
      } catch (error) {
        await tx.query(`ROLLBACK TO SAVEPOINT ${name}`);
        throw error;
      } finally {
        depth--;
      }
    },
    async close() {
      // The import's transaction is closed by whoever opened it.
    },
  };
  return db;
}
