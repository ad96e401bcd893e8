/**
 * CoreDatabase against the migrated database, and Kysely over our Database, on both engines:
 * - the core migrations create exactly the columns `CORE_COLUMNS` (hence `CoreDatabase`) describes, and
 *   a column renamed in a migration without CoreDatabase is reported by name;
 * - a column renamed (or retyped) in CoreDatabase without CORE_COLUMNS does not compile (checked by tsc,
 *   which type-checks this file: each `@ts-expect-error` below fails the build if the error goes away);
 * - typed queries run on a Database and inside its transactions, with the same values as raw SQL.
 */
import type { Generated } from 'kysely';
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from 'vitest';
import { runtimeEngines } from '../../test/helpers/engines.ts';
import {
  CORE_COLUMNS,
  type ColumnProblems,
  type ColumnsOf,
  coreColumnDrift,
  readCoreCatalog,
} from './core-columns.ts';
import { type CoreDatabase, coreDb, type SessionTable } from './core-database.ts';
import { CORE_MIGRATIONS, coreMigrationSql } from './core-schema/core-migrations.ts';
import type { Database, Queryable } from './database.ts';
import { kyselyOver } from './kysely-dialect.ts';
import { migrate } from './migrate.ts';

/** CoreDatabase with one table's type replaced. */
type WithTable<Name extends keyof CoreDatabase, Table> = Omit<CoreDatabase, Name> & Record<Name, Table>;

describe('CoreDatabase and CORE_COLUMNS agree (tsc)', () => {
  it('a column renamed in CoreDatabase only is a type error', () => {
    type Renamed = WithTable<'suivi.session', Omit<SessionTable, 'last_seen_at'> & { seen_at: string }>;
    // @ts-expect-error CORE_COLUMNS has no seen_at for the renamed table type
    const columns: ColumnsOf<Renamed> = CORE_COLUMNS;
    expect(Object.keys(columns['suivi.session'])).toContain('last_seen_at');
  });

  it('a column whose type, nullability or default changed in CoreDatabase only is named', () => {
    type Nullable = WithTable<
      'suivi.session',
      Omit<SessionTable, 'expires_at'> & { expires_at: string | null }
    >;
    expectTypeOf<ColumnProblems<Nullable, typeof CORE_COLUMNS>>().toEqualTypeOf<
      | 'suivi.session.expires_at: nullable in one of CoreDatabase and CORE_COLUMNS, not in the other'
      | 'suivi.session.expires_at: optional on insert in one of CoreDatabase and CORE_COLUMNS, not in the other'
    >();
    type NoDefault = WithTable<'suivi.session', Omit<SessionTable, 'created_at'> & { created_at: string }>;
    expectTypeOf<
      ColumnProblems<NoDefault, typeof CORE_COLUMNS>
    >().toEqualTypeOf<'suivi.session.created_at: optional on insert in one of CoreDatabase and CORE_COLUMNS, not in the other'>();
    type Retyped = WithTable<'suivi.user_role', { user_id: string; role: number }>;
    expectTypeOf<
      ColumnProblems<Retyped, typeof CORE_COLUMNS>
    >().toEqualTypeOf<'suivi.user_role.role: its type does not read a text'>();
    type NotIdentity = WithTable<
      'suivi.login_attempt',
      { id: Generated<number>; login: string; address: string | null; attempted_at: Generated<string> }
    >;
    expectTypeOf<
      ColumnProblems<NotIdentity, typeof CORE_COLUMNS>
    >().toEqualTypeOf<'suivi.login_attempt.id: an identity column must be GeneratedAlways'>();
    expectTypeOf<ColumnProblems<CoreDatabase, typeof CORE_COLUMNS>>().toBeNever();
  });
});

describe('coreColumnDrift', () => {
  const catalog = [
    { table: 'suivi.user_role', column: 'user_id', descriptor: 'uuid' },
    { table: 'suivi.user_role', column: 'role', descriptor: 'text null' },
    { table: 'suivi.user_role', column: 'granted_at', descriptor: 'timestamptz default' },
  ];
  it('names what differs, each column once', () => {
    expect(
      coreColumnDrift(catalog, { 'suivi.user_role': { user_id: 'uuid', role: 'text', by: 'uuid' } }),
    ).toEqual([
      'suivi.user_role.by: in CoreDatabase, not in the database',
      'suivi.user_role.granted_at: in the database, not in CoreDatabase',
      "suivi.user_role.role: the database has 'text null', CoreDatabase 'text'",
    ]);
  });
});

/** Thrown to roll a transaction back once it has computed `value`. */
class Rollback<T> extends Error {
  constructor(readonly value: T) {
    super('rollback');
  }
}
const rolledBack = <T>(db: Database, work: (tx: Queryable) => Promise<T>): Promise<T> =>
  db
    .transaction(async (tx) => {
      throw new Rollback(await work(tx));
    })
    .catch((error: unknown) => {
      if (error instanceof Rollback) return error.value as T;
      throw error;
    });

describe.each(runtimeEngines())('CoreDatabase on $name', (engine) => {
  let db: Database;

  beforeAll(async () => {
    db = await engine.open();
    await migrate(db);
  });
  afterAll(async () => {
    await db?.close();
  });

  it('the core migrations create exactly the columns CoreDatabase describes', async () => {
    const catalog = await readCoreCatalog(db);
    expect(new Set(catalog.map((c) => c.table))).toEqual(new Set(Object.keys(CORE_COLUMNS)));
    expect(coreColumnDrift(catalog)).toEqual([]);
  });

  it('a column renamed in a core migration without CoreDatabase is reported', async () => {
    const migration = CORE_MIGRATIONS.find((m) => m.id === '0006-login-throttle');
    const renamed = coreMigrationSql(migration!).replaceAll('attempted_at', 'tried_at');
    expect(renamed).toContain('tried_at timestamptz NOT NULL DEFAULT now()');
    // The edited migration replaces the real one inside a transaction that is then rolled back.
    const drift = await rolledBack(db, async (tx) => {
      await tx.exec('DROP TABLE suivi.login_attempt');
      await tx.exec(renamed);
      return coreColumnDrift(await readCoreCatalog(tx));
    });
    expect(drift).toEqual([
      'suivi.login_attempt.attempted_at: in CoreDatabase, not in the database',
      'suivi.login_attempt.tried_at: in the database, not in CoreDatabase',
    ]);
  });

  it('runs typed queries with the values raw SQL reads', async () => {
    const org = await coreDb(db)
      .insertInto('suivi.organisation')
      .values({ name: 'Kysely probe' })
      .returning(['id', 'name', 'created_at'])
      .executeTakeFirstOrThrow();
    expect(org.created_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/);
    const raw = await db.query('SELECT id, name, created_at FROM suivi.organisation WHERE id = $1', [org.id]);
    expect(raw.rows).toEqual([org]);
    const attempt = await coreDb(db)
      .insertInto('suivi.login_attempt')
      .values({ login: 'probe' })
      .returning('id')
      .executeTakeFirstOrThrow();
    expect(typeof attempt.id).toBe('number');
    const renamed = await coreDb(db)
      .updateTable('suivi.organisation')
      .set({ name: 'Kysely probe, renamed' })
      .where('id', '=', org.id)
      .executeTakeFirst();
    expect(renamed.numUpdatedRows).toBe(1n);
  });

  it('runs typed queries inside Database.transaction, rolled back with it', async () => {
    const failure = db.transaction(async (tx) => {
      await coreDb(tx).insertInto('suivi.organisation').values({ name: 'Kysely ghost' }).execute();
      const seen = await coreDb(tx)
        .selectFrom('suivi.organisation')
        .select('name')
        .where('name', '=', 'Kysely ghost')
        .execute();
      expect(seen).toEqual([{ name: 'Kysely ghost' }]);
      throw new Error('undo');
    });
    await expect(failure).rejects.toThrow('undo');
    const after = await coreDb(db)
      .selectFrom('suivi.organisation')
      .select('name')
      .where('name', '=', 'Kysely ghost')
      .execute();
    expect(after).toEqual([]);
  });

  it('keeps one Kysely per Queryable and refuses Kysely’s own transactions', async () => {
    expect(coreDb(db)).toBe(coreDb(db));
    expect(kyselyOver(db)).toBe(coreDb(db));
    await expect(
      coreDb(db)
        .transaction()
        .execute(async () => 1),
    ).rejects.toThrow(/Database\.transaction/);
  });
});
