/**
 * The SQL translation agrees with the evaluator: every rule of to-sql.cases.ts is run on the same rows
 * by evaluateRule (+ isTruthy) and by PostgreSQL — embedded PGlite always, a real server when
 * DATABASE_URL is set (required when CI=true).
 */
import { PGlite } from '@electric-sql/pglite';
import fc from 'fast-check';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RuleNode } from './ast.ts';
import { evaluateRule, isTruthy, type RuleValue } from './evaluate.ts';
import { formatRule } from './format.ts';
import { parseRule } from './parse.ts';
import { ruleArbitrary } from './rule-arbitrary.ts';
import {
  BOOLEAN_RULES,
  createTableSql,
  FIXED_ROWS,
  insertRowsSql,
  REFUSED_RULES,
  type Row,
  randomRows,
  SQL_ENV,
  VALUE_RULES,
} from './to-sql.cases.ts';
import { compileRuleToSql, compileRuleToSqlValue } from './to-sql.ts';

/** Raise (RULE_PROPERTY_RUNS=500) to hunt for disagreements; each run is 60 rules on 50 rows. */
const RANDOM_RULE_RUNS = Number(process.env.RULE_PROPERTY_RUNS ?? 10);

interface Database {
  query(sql: string): Promise<Array<Record<string, unknown>>>;
  close(): Promise<void>;
}

function ast(source: string): RuleNode {
  const parsed = parseRule(source);
  if (!parsed.ok) throw new Error(`${source}: ${parsed.error.message}`);
  return parsed.ast;
}

const evaluateOn = (rule: RuleNode, row: Row): RuleValue =>
  evaluateRule(rule, { records: { value: row }, today: '2024-06-01', now: '2024-06-01T12:00:00Z' });

/** -0 and 0 are the same number to rules; PostgreSQL may return either. */
const plain = (v: unknown): unknown => (v === 0 ? 0 : v);

/** One SELECT computing every rule on every row: column r<k> is rule k's truth, v<k> rule k's value. */
function selectAll(table: string): string {
  const truths = BOOLEAN_RULES.map((source, k) => {
    const compiled = compileRuleToSql(ast(source), SQL_ENV);
    if (!compiled.ok) throw new Error(`${source} does not compile: ${compiled.reason}`);
    return `${compiled.sql} AS r${k}`;
  });
  const values = VALUE_RULES.map((source, k) => {
    const compiled = compileRuleToSqlValue(ast(source), SQL_ENV);
    if (!compiled.ok) throw new Error(`${source} does not compile: ${compiled.reason}`);
    const cast = compiled.base === 'int' || compiled.base === 'float' ? 'float8' : 'text';
    return `(${compiled.sql})::${cast} AS v${k}`;
  });
  return `SELECT id, ${[...truths, ...values].join(', ')} FROM ${table} ORDER BY id`;
}

/** Every disagreement, as `rule @ row: js … sql …`; empty when SQL and the evaluator agree. */
function disagreements(rows: readonly Row[], results: ReadonlyArray<Record<string, unknown>>): string[] {
  const out: string[] = [];
  const byId = new Map(results.map((r) => [Number(r.id), r]));
  for (const row of rows) {
    const sql = byId.get(row.id) ?? {};
    BOOLEAN_RULES.forEach((source, k) => {
      const js = isTruthy(evaluateOn(ast(source), row));
      if (sql[`r${k}`] !== js)
        out.push(`${source} @ ${JSON.stringify(row)}: js ${js}, sql ${String(sql[`r${k}`])}`);
    });
    VALUE_RULES.forEach((source, k) => {
      const js = evaluateOn(ast(source), row);
      const got = sql[`v${k}`];
      if (plain(got) !== plain(js))
        out.push(`${source} @ ${JSON.stringify(row)}: js ${JSON.stringify(js)}, sql ${JSON.stringify(got)}`);
    });
  }
  return out.slice(0, 20);
}

function agreementSuite(open: () => Promise<Database>): void {
  let db: Database;
  const schema = `rules_agreement_${Math.random().toString(36).slice(2, 10)}`;
  const fixed = `"${schema}".fixed`;
  const random = `"${schema}".random`;

  beforeAll(async () => {
    db = await open();
    await db.query(`CREATE SCHEMA "${schema}"`);
    await db.query(createTableSql(fixed));
    await db.query(createTableSql(random));
    await db.query(insertRowsSql(fixed, FIXED_ROWS));
  });

  afterAll(async () => {
    if (!db) return;
    await db.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await db.close();
  });

  it('computes every rule as the evaluator does, on rows with nulls, empty texts, zeros and empty lists', async () => {
    expect(disagreements(FIXED_ROWS, await db.query(selectAll(fixed)))).toEqual([]);
  });

  it('agrees on random rows too', async () => {
    await fc.assert(
      fc.asyncProperty(randomRows(150), async (rows) => {
        await db.query(`TRUNCATE ${random}`);
        await db.query(insertRowsSql(random, rows));
        expect(disagreements(rows, await db.query(selectAll(random)))).toEqual([]);
      }),
      // The disagreement list names each failing rule and row: no need for a slow shrink of 150 rows.
      { numRuns: 3, endOnFailure: true },
    );
  });

  it('agrees on random rules, whenever they compile', async () => {
    const fields = Object.keys(SQL_ENV.columns).map((key) => ({ scope: 'value', key }));
    let compiled = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(ruleArbitrary(fields), { minLength: 60, maxLength: 60 }),
        randomRows(40),
        async (rules, rows) => {
          const sqls = rules.map((rule) => compileRuleToSql(rule, SQL_ENV));
          const kept = rules.flatMap((rule, k) => {
            const sql = sqls[k];
            return sql?.ok ? [{ rule, sql: sql.sql }] : [];
          });
          compiled += kept.length;
          if (kept.length === 0) return;
          await db.query(`TRUNCATE ${random}`);
          await db.query(
            insertRowsSql(random, [...rows, ...FIXED_ROWS.map((r) => ({ ...r, id: r.id + 1000 }))]),
          );
          const result = await db.query(
            `SELECT id, ${kept.map((k, i) => `${k.sql} AS r${i}`).join(', ')} FROM ${random}`,
          );
          const wrong: string[] = [];
          for (const r of result) {
            const id = Number(r.id);
            const row = id > 1000 ? { ...FIXED_ROWS[id - 1001]!, id } : rows[id - 1]!;
            kept.forEach(({ rule }, i) => {
              const js = isTruthy(evaluateOn(rule, row));
              if (r[`r${i}`] !== js)
                wrong.push(
                  `${formatRule(rule)} @ ${JSON.stringify(row)}: js ${js}, sql ${String(r[`r${i}`])}`,
                );
            });
          }
          expect(wrong.slice(0, 10)).toEqual([]);
        },
      ),
      { numRuns: RANDOM_RULE_RUNS, endOnFailure: true },
    );
    // The property means little if the generator only makes rules the compiler refuses.
    expect(compiled).toBeGreaterThan(100);
  });

  it('never yields NULL where a boolean is expected', async () => {
    const nulls = await db.query(
      `SELECT count(*)::int AS n FROM (${selectAll(fixed)}) s WHERE ${BOOLEAN_RULES.map((_, k) => `r${k} IS NULL`).join(' OR ')}`,
    );
    expect(nulls[0]?.n).toBe(0);
  });

  it('can serve as a CHECK constraint', async () => {
    const compiled = compileRuleToSql(ast("value.t != 'forbidden' || value.i > 0"), SQL_ENV);
    expect(compiled.ok).toBe(true);
    if (!compiled.ok) return;
    await db.query(`ALTER TABLE ${random} ADD CONSTRAINT rule_check CHECK (${compiled.sql})`);
    await db.query(`TRUNCATE ${random}`);
    await expect(
      db.query(insertRowsSql(random, [{ ...FIXED_ROWS[0]!, t: 'forbidden', i: 0 }])),
    ).rejects.toThrow(/rule_check/);
    await db.query(`ALTER TABLE ${random} DROP CONSTRAINT rule_check`);
  });

  it.each(REFUSED_RULES)('refuses %s (reason mentions %s)', (source, word) => {
    const compiled = compileRuleToSql(ast(source), SQL_ENV);
    expect(compiled.ok).toBe(false);
    if (!compiled.ok) expect(compiled.reason).toContain(word);
  });
}

describe('rules on PGlite', () => {
  agreementSuite(async () => {
    const db = new PGlite();
    return {
      query: async (sql) => (await db.query<Record<string, unknown>>(sql)).rows,
      close: () => db.close(),
    };
  });
});

const url = process.env.DATABASE_URL;
const inCi = process.env.CI === 'true';
if (!url && !inCi)
  console.warn('to-sql.pg.test.ts: DATABASE_URL is not set, so the PostgreSQL half is skipped');

describe.skipIf(!url && !inCi)('rules on PostgreSQL', () => {
  if (!url) {
    it('has a database (CI=true requires DATABASE_URL)', () => {
      throw new Error('DATABASE_URL must be set when CI=true');
    });
    return;
  }
  agreementSuite(async () => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    return {
      query: async (sql) => (await client.query(sql)).rows,
      close: () => client.end(),
    };
  });
});
