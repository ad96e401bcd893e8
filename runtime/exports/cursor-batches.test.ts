/**
 * The server-side cursor of PostgreSQL exports: every row once, in batches of the size asked; a
 * consumer stopping early leaves no transaction open; a failure mid-way reaches the consumer.
 * PostgreSQL only (PGlite exports read by keyset, export-rows.ts).
 */
import { CompiledQuery } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runtimeEngines } from '../../test/helpers/engines.ts';
import type { Database } from '../db/database.ts';
import { cursorBatches } from './cursor-batches.ts';

const postgres = runtimeEngines().find((e) => e.name === 'postgres');
if (!postgres) console.log('cursor-batches tests skipped: they need DATABASE_URL (PostgreSQL).');

describe.skipIf(!postgres)('cursor batches on PostgreSQL', () => {
  let db: Database;

  beforeAll(async () => {
    if (!postgres) return;
    db = await postgres.open();
    await db.exec('CREATE TABLE numbers AS SELECT n FROM generate_series(1, 1000) AS n');
  });
  afterAll(async () => db?.close());

  const openTransactions = async () =>
    (
      await db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM pg_stat_activity
          WHERE datname = current_database() AND state LIKE 'idle in transaction%'`,
      )
    ).rows[0]?.n;

  it('reads every row once, in batches of the size asked, with bound parameters', async () => {
    const sizes: number[] = [];
    let sum = 0;
    const query = CompiledQuery.raw('SELECT n FROM numbers WHERE n > $1 ORDER BY n', [100]);
    for await (const rows of cursorBatches(db, query, 300)) {
      sizes.push(rows.length);
      for (const row of rows) sum += Number(row.n);
    }
    expect(sizes).toEqual([300, 300, 300]);
    expect(sum).toBe((1000 * 1001) / 2 - (100 * 101) / 2);
    expect(await openTransactions()).toBe(0);
  });

  it('rolls its transaction back when the consumer stops early', async () => {
    let seen = 0;
    for await (const rows of cursorBatches(db, CompiledQuery.raw('SELECT n FROM numbers ORDER BY n'), 100)) {
      seen += rows.length;
      if (seen >= 200) break;
    }
    expect(seen).toBe(200);
    expect(await openTransactions()).toBe(0);
    // The connection went back to the pool in a usable state.
    expect((await db.query<{ n: number }>('SELECT count(*)::int AS n FROM numbers')).rows[0]?.n).toBe(1000);
  });

  it('hands a failure mid-way to the consumer', async () => {
    // No ORDER BY: a sort would compute every row before the first FETCH; a plain scan fails at row 500.
    const failing = CompiledQuery.raw('SELECT 1 / (n - 500) AS x FROM numbers');
    let seen = 0;
    await expect(
      (async () => {
        for await (const rows of cursorBatches(db, failing, 100)) seen += rows.length;
      })(),
    ).rejects.toThrow(/division by zero/);
    expect(seen).toBeGreaterThan(0);
    expect(seen).toBeLessThan(500);
    expect(await openTransactions()).toBe(0);
  });
});
