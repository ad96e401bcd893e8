/**
 * The record engine's query building: dynamic references quote every part and never split a name,
 * values are bound, `allOf` keeps each predicate one clause; and no production file of the engine
 * sends SQL text of its own (`db.query(…)`) or quotes names by hand: every query goes through Kysely.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type SqlBool, sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { compileFragment } from '../../../test/helpers/sql-fragment.ts';
import { allOf, bound, columnOf, idIs, isAnyOf, tableAs } from './dynamic.ts';

const RECORDS = join(import.meta.dirname, '..');

const productionFiles = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return productionFiles(path);
    return /\.ts$/.test(entry.name) && !/\.test\.|test-helpers/.test(entry.name) ? [path] : [];
  });

describe('record query building', () => {
  it('quotes each part of a dynamic reference, dots and quotes included, and binds values with their cast', () => {
    const from = sql`${tableAs({ schema: 'odd"schema', name: 'a.b' }, 'r')}`;
    expect(compileFragment(from)?.sql).toBe('"odd""schema"."a.b" as "r"');
    expect(compileFragment(columnOf('r', 'x.y'))?.sql).toBe('"r"."x.y"');
    expect(compileFragment(idIs('a8f1c5e2-0000-4000-8000-000000000001'))).toEqual({
      sql: '"r"."id" = $1::uuid',
      values: ['a8f1c5e2-0000-4000-8000-000000000001'],
    });
    expect(compileFragment(bound("'; DROP TABLE x; --", 'text'))).toEqual({
      sql: '$1::text',
      values: ["'; DROP TABLE x; --"],
    });
    expect(compileFragment(isAnyOf(columnOf('c', 'record_id'), ['a', 'b'], 'uuid[]'))).toEqual({
      sql: '"c"."record_id" = ANY($1::uuid[])',
      values: [['a', 'b']],
    });
  });

  it('joins predicates with AND, each one clause even when written a OR b; TRUE for none', () => {
    const either = sql<SqlBool>`${columnOf('r', 'a')} = 1 OR ${columnOf('r', 'b')} = 2`;
    const scope = sql<SqlBool>`${columnOf('r', 'organisation_id')} = ${bound('o', 'uuid')}`;
    expect(compileFragment(allOf([either, undefined, scope]))).toEqual({
      sql: '("r"."a" = 1 OR "r"."b" = 2) AND ("r"."organisation_id" = $1::uuid)',
      values: ['o'],
    });
    expect(compileFragment(allOf([undefined]))?.sql).toBe('TRUE');
  });

  it('sends no SQL text of its own: no db.query(…) and no hand-quoted name in the engine', () => {
    const offenders = productionFiles(RECORDS).flatMap((file) => {
      const text = readFileSync(file, 'utf8');
      const found = [
        // A Queryable's own methods (Hono's c.req.query() reads a query string: not SQL).
        ...(/\b(db|tx|q|ctx\.db)\.(query(<[^>]*>)?|exec)\(/.test(text) ? ['db.query('] : []),
        ...(/\b(ident|qualified)\(/.test(text) ? ['ident()/qualified()'] : []),
      ];
      return found.map((what) => `${file.slice(RECORDS.length + 1)}: ${what}`);
    });
    expect(offenders).toEqual([]);
  });
});
