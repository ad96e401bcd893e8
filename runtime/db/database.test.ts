/**
 * The Database on both engines: the same JavaScript values, real transactions, multi-statement scripts,
 * driver errors read alike, and core migrations applied once.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runtimeEngines } from '../../test/helpers/engines.ts';
import { CORE_MIGRATIONS } from './core-schema/core-migrations.ts';
import type { Database } from './database.ts';
import { dbFailureOf } from './errors.ts';
import { migrate } from './migrate.ts';
import { timestamptzToIso } from './value-parsers.ts';

describe('timestamptzToIso', () => {
  it.each([
    ['2024-05-01 10:30:00+00', '2024-05-01T10:30:00Z'],
    ['2024-05-01 10:30:00.123456+00', '2024-05-01T10:30:00.123456Z'],
    ['2024-05-01 00:30:00.5+02', '2024-04-30T22:30:00.5Z'],
    ['2024-05-01 10:30:00-05:30', '2024-05-01T16:00:00Z'],
    ['1850-01-01 00:00:00+00:09:21', '1849-12-31T23:50:39Z'],
    ['infinity', 'infinity'],
  ])('%s → %s', (text, iso) => {
    expect(timestamptzToIso(text)).toBe(iso);
  });
});

describe.each(runtimeEngines())('Database on $name', (engine) => {
  let db: Database;

  beforeAll(async () => {
    db = await engine.open();
  });
  afterAll(async () => {
    await db?.close();
  });

  it('returns the same values on both engines', async () => {
    const { rows } = await db.query(
      `SELECT '2024-02-29'::date AS d, '2024-05-01 12:00:00+02'::timestamptz AS ts, '07:30'::time AS t,
              9007199254740991::int8 AS big, 12.50::numeric AS n, '{"a":[1,"x"]}'::jsonb AS j,
              ARRAY['a', NULL, 'b"c'] AS texts, ARRAY['2024-01-01'::date] AS dates,
              ARRAY[1.5::numeric, NULL] AS numerics, ARRAY[3::int8] AS bigs, ARRAY[4] AS ints,
              count(*) AS c, true AS b, NULL::text AS nothing`,
    );
    expect(rows).toEqual([
      {
        d: '2024-02-29',
        ts: '2024-05-01T10:00:00Z',
        t: '07:30:00',
        big: 9007199254740991,
        n: 12.5,
        j: { a: [1, 'x'] },
        texts: ['a', null, 'b"c'],
        dates: ['2024-01-01'],
        numerics: [1.5, null],
        bigs: [3],
        ints: [4],
        c: 1,
        b: true,
        nothing: null,
      },
    ]);
  });

  it('binds jsonb parameters given as JSON text', async () => {
    const { rows } = await db.query('SELECT $1::jsonb AS j', [JSON.stringify(['x', { y: 1 }])]);
    expect(rows[0]).toEqual({ j: ['x', { y: 1 }] });
  });

  it('runs multi-statement scripts and reports affected rows', async () => {
    await db.exec('CREATE TABLE tx_probe (n integer PRIMARY KEY); INSERT INTO tx_probe VALUES (1), (2);');
    const updated = await db.query('UPDATE tx_probe SET n = n + 10');
    expect(updated.rowCount).toBe(2);
  });

  it('commits a transaction that resolves', async () => {
    const result = await db.transaction(async (tx) => {
      await tx.query('INSERT INTO tx_probe VALUES ($1)', [100]);
      await tx.exec('INSERT INTO tx_probe VALUES (101); INSERT INTO tx_probe VALUES (102);');
      return 'done';
    });
    expect(result).toBe('done');
    expect((await db.query('SELECT count(*) AS c FROM tx_probe WHERE n >= 100')).rows).toEqual([{ c: 3 }]);
  });

  it('rolls back everything, DDL included, when the work throws', async () => {
    const failure = db.transaction(async (tx) => {
      await tx.query('INSERT INTO tx_probe VALUES ($1)', [200]);
      await tx.exec('CREATE TABLE tx_ghost (n integer)');
      await tx.query('INSERT INTO tx_probe VALUES ($1)', [200]);
    });
    const error = await failure.catch((e: unknown) => e);
    expect(dbFailureOf(error)).toMatchObject({ code: '23505', constraint: 'tx_probe_pkey' });
    expect((await db.query('SELECT count(*) AS c FROM tx_probe WHERE n = 200')).rows).toEqual([{ c: 0 }]);
    expect((await db.query("SELECT to_regclass('tx_ghost') AS t")).rows).toEqual([{ t: null }]);
    // The engine is usable afterwards (the pg client went back to the pool clean).
    expect((await db.query('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
  });

  it('reads no database fields from errors that are not the database’s', () => {
    expect(dbFailureOf(Object.assign(new Error('x'), { code: 'EPERM' }))).toBeUndefined();
    expect(dbFailureOf('text')).toBeUndefined();
  });

  it('applies the core migrations once, in order, and records them', async () => {
    expect(await migrate(db)).toEqual(CORE_MIGRATIONS.map((m) => m.id));
    expect(await migrate(db)).toEqual([]);
    const { rows } = await db.query<{ id: string }>('SELECT id FROM suivi.schema_migration ORDER BY id');
    expect(rows.map((r) => r.id)).toEqual(CORE_MIGRATIONS.map((m) => m.id));
  });

  it('leaves no trace of a migration that fails, and names it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'suivi-migration-'));
    const file = join(dir, '9999-broken.sql');
    writeFileSync(file, 'CREATE TABLE suivi.half_done (n integer); SELECT no_such_function();');
    const broken = { id: '9999-broken', file: pathToFileURL(file) };
    await expect(migrate(db, [...CORE_MIGRATIONS, broken])).rejects.toThrow(
      /core migration 9999-broken failed/,
    );
    rmSync(dir, { recursive: true, force: true });
    expect((await db.query("SELECT to_regclass('suivi.half_done') AS t")).rows).toEqual([{ t: null }]);
    expect((await db.query("SELECT id FROM suivi.schema_migration WHERE id = '9999-broken'")).rows).toEqual(
      [],
    );
  });
});
