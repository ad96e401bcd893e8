/**
 * Issue 15's features agree across their three engines, on random rules and rows: the web form's code
 * path (form-checks.ts recordCheckProblems, with its live-rules runner), the server's record checks
 * (validate/record-checks.ts) and the CHECK constraint the rule compiles to, run by PGlite and (with
 * DATABASE_URL) PostgreSQL. The rules mix text `includes`/`contains`, list membership and arithmetic.
 */
import { PGlite } from '@electric-sql/pglite';
import fc from 'fast-check';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  compileRuleToSql,
  parseRule,
  type ResolvedField,
  type ResolvedLevel,
} from '../../protocol-specs/index.ts';
import {
  createTableSql,
  insertRowsSql,
  type Row,
  randomRows,
  SQL_ENV,
} from '../../protocol-specs/rules/to-sql.cases.ts';
import { recordCheckProblems } from '../web/src/form/form-checks.ts';
import { checkViolations } from './validate/record-checks.ts';

const RUNS = Number(process.env.RULE_PROPERTY_RUNS ?? 15);
const CLOCK = { today: '2024-06-01', now: '2024-06-01T12:00:00Z', userId: null };

/** The columns of the agreement table as the record fields the server reads them through. */
const FIELDS = [
  ['t', 'text', false],
  ['t2', 'text', false],
  ['i', 'integer', false],
  ['j', 'integer', false],
  ['n', 'decimal', false],
  ['b', 'boolean', false],
  ['d', 'date', false],
  ['tags', 'choice', true],
  ['nums', 'integer', false],
].map(([key, kind, multiple]) => ({ key, kind, multiple }) as unknown as ResolvedField);

const LITERALS = ['a', 'b', 'Oui', 'é', '𝒳', "'", '\\', 'ab', '0', ''];
const literal = fc
  .constantFrom(...LITERALS)
  .map((s) => `'${s.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'`);
const text = fc.constantFrom('value.t', 'value.t2');
const atom = fc.oneof(
  fc.tuple(text, literal).map(([x, y]) => `contains(${x}, ${y})`),
  fc.tuple(text, literal).map(([x, y]) => `${x}.includes(${y})`),
  fc.tuple(text, text).map(([x, y]) => `includes(${x}, ${y})`),
  literal.map((y) => `contains(value.tags, ${y})`),
  literal.map((y) => `contains(concat(value.t, value.t2), ${y})`),
  fc.constantFrom(
    'value.i > 0',
    'empty(value.t)',
    'value.b',
    'value.i + value.j >= 2',
    "value.d >= '2024-01-01'",
  ),
);
const ruleSource: fc.Arbitrary<string> = fc.letrec<{ rule: string }>((tie) => ({
  rule: fc.oneof(
    { depthSize: 'small' },
    atom,
    tie('rule').map((r) => `!(${r})`),
    fc
      .tuple(tie('rule'), fc.constantFrom('&&', '||'), tie('rule'))
      .map(([a, op, b]) => `(${a}) ${op} (${b})`),
  ),
})).rule;

const levelWith = (source: string): ResolvedLevel => {
  const parsed = parseRule(source);
  if (!parsed.ok) throw new Error(`${source}: ${parsed.error.message}`);
  return {
    fields: FIELDS,
    checks: [{ id: 'c', rule: { source, ast: parsed.ast }, message: { fr: 'x' }, fields: ['t'] }],
  } as unknown as ResolvedLevel;
};

/** The verdict of each engine on each row: true when the record passes the check. */
function jsVerdicts(level: ResolvedLevel, rows: readonly Row[]) {
  const check = level.checks?.[0];
  if (!check) throw new Error('no check');
  return rows.map((row) => {
    const values = row as unknown as Record<string, unknown>;
    const browser = recordCheckProblems(
      [{ ...check, rule: check.rule, fields: [...check.fields] }],
      values,
      {},
    );
    const resolved = { values, visible: new Set<string>(), kept: new Set<string>() };
    const server = checkViolations(level, resolved, CLOCK, {});
    return { browser: browser.length === 0, server: server.length === 0 };
  });
}

interface Db {
  query(sql: string): Promise<Array<Record<string, unknown>>>;
  close(): Promise<void>;
}

const engines: Array<[string, () => Promise<Db>]> = [
  [
    'PGlite',
    async () => {
      const db = new PGlite();
      return {
        query: async (s) => (await db.query<Record<string, unknown>>(s)).rows,
        close: () => db.close(),
      };
    },
  ],
];
const url = process.env.DATABASE_URL;
if (url)
  engines.push([
    'PostgreSQL',
    async () => {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      return { query: async (s) => (await client.query(s)).rows, close: () => client.end() };
    },
  ]);
else console.log('check-agreement.property.test: DATABASE_URL not set, PostgreSQL not compared');

describe.each(engines)('record checks agree: form, server and %s', (_name, open) => {
  let db: Db;
  const schema = `check_agreement_${Math.random().toString(36).slice(2, 10)}`;
  beforeAll(async () => {
    db = await open();
    await db.query(`CREATE SCHEMA "${schema}"`);
  });
  afterAll(async () => {
    await db?.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await db?.close();
  });

  it('on random rules over random rows', async () => {
    let table = 0;
    await fc.assert(
      fc.asyncProperty(ruleSource, randomRows(12), async (source, rows) => {
        const level = levelWith(source);
        const compiled = compileRuleToSql(level.checks?.[0]?.rule.ast as never, SQL_ENV);
        expect(compiled.ok, `${source} compiles`).toBe(true);
        if (!compiled.ok) return;
        const name = `"${schema}".t${table++}`;
        await db.query(createTableSql(name));
        await db.query(insertRowsSql(name, rows));
        const sql = await db.query(`SELECT id, ${compiled.sql} AS ok FROM ${name} ORDER BY id`);
        const js = jsVerdicts(level, rows);
        const out = rows.flatMap((row, k) => {
          const v = js[k];
          const inSql = sql.find((r) => Number(r.id) === row.id)?.ok;
          return v && v.browser === v.server && v.server === inSql
            ? []
            : [`${source} @ ${JSON.stringify(row)}: form ${v?.browser}, server ${v?.server}, sql ${inSql}`];
        });
        expect(out).toEqual([]);
      }),
      { numRuns: RUNS },
    );
  }, 120_000);
});
