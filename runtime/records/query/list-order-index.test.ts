/**
 * The generated (default sort, id) index serves the list's own ORDER BY: EXPLAIN of a page in each
 * level's default order, with sorting and sequential scans priced out, shows an index scan on that index
 * and no Sort node. A mismatch of column order or direction between `generators/sql/list-indexes.ts` and
 * `orderBy` (list-sql.ts) would bring the Sort back. On PGlite and, with DATABASE_URL, PostgreSQL.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recentIndexName } from '../../../generators/sql/added-indexes.ts';
import { schemaModel } from '../../../generators/sql/index.ts';
import { runtimeEngines } from '../../../test/helpers/engines.ts';
import type { Database } from '../../db/database.ts';
import type { ModulePlan } from '../model/module-plan.ts';
import { openSetUpDatabase } from '../records.test-helpers.ts';
import { columnOf, ordered, recordsDb, tableAs } from '../sql/dynamic.ts';
import { orderBy } from './list-sql.ts';

interface PlanNode {
  readonly 'Node Type': string;
  readonly 'Index Name'?: string;
  readonly Plans?: readonly PlanNode[];
}
const nodes = (node: PlanNode): PlanNode[] => [node, ...(node.Plans ?? []).flatMap(nodes)];

describe.each(runtimeEngines())('list order indexes on $name', (engine) => {
  let db: Database;
  let modules: Map<string, ModulePlan>;

  beforeAll(async () => {
    ({ db, modules } = await openSetUpDatabase(engine));
  });

  afterAll(async () => {
    await db?.close();
  });

  /** The plan's nodes, with sequential scans and sorts priced out: what an index can serve, it does. */
  const planNodes = (text: string, parameters: readonly unknown[]) =>
    db.transaction(async (tx) => {
      await tx.query('SET LOCAL enable_seqscan = off');
      await tx.query('SET LOCAL enable_sort = off');
      const { rows } = await tx.query<{ 'QUERY PLAN': unknown }>(`EXPLAIN (FORMAT JSON) ${text}`, parameters);
      const json = rows[0]?.['QUERY PLAN'];
      return nodes(((typeof json === 'string' ? JSON.parse(json) : json) as { Plan: PlanNode }[])[0]!.Plan);
    });

  it('walks the (default sort, id) index of every level that has one, sorting nothing', async () => {
    const checked: string[] = [];
    for (const module of modules.values()) {
      const tables = schemaModel(module.protocol).tables;
      for (const plan of module.levels.values()) {
        const table = tables.find((t) => t.role === 'level' && t.level === plan.level.key);
        const index = table?.indexes.find((i) => i.columns.length > 1 && i.columns.at(-1)?.name === 'id');
        if (!index) continue;
        const page = ordered(
          recordsDb(db).selectFrom(tableAs(plan.shape.table, 'r')).select(columnOf('r', 'id').as('id')),
          orderBy(plan, plan.level.sort),
        )
          .limit(sql.lit(50))
          .offset(sql.lit(100))
          .compile();
        const text = page.sql;
        const all = await planNodes(text, page.parameters);
        const name = `${module.protocol.code}.${plan.level.key}`;
        expect(
          all.map((n) => n['Node Type']),
          `${name}: ${text}`,
        ).not.toContain('Sort');
        expect(
          all.map((n) => n['Node Type']),
          name,
        ).not.toContain('Incremental Sort');
        expect(all.map((n) => n['Index Name']).filter(Boolean), name).toEqual([index.name]);
        checked.push(name);
      }
    }
    // Every example level with a default sort on its own columns: 14 of them.
    expect(checked.length).toBeGreaterThanOrEqual(10);
  });
  it('walks the recent-changes index of every level for a list sorted by -updated_at (the home page)', async () => {
    let checked = 0;
    for (const module of modules.values())
      for (const plan of module.levels.values()) {
        const page = ordered(
          recordsDb(db).selectFrom(tableAs(plan.shape.table, 'r')).select(columnOf('r', 'id').as('id')),
          orderBy(plan, [{ field: 'updated_at', direction: 'desc' }]),
        )
          .limit(sql.lit(5))
          .compile();
        const all = await planNodes(page.sql, page.parameters);
        const name = `${module.protocol.code}.${plan.level.key}`;
        expect(
          all.map((n) => n['Node Type']),
          name,
        ).not.toContain('Sort');
        expect(all.map((n) => n['Index Name']).filter(Boolean), name).toEqual([
          recentIndexName(plan.level.id),
        ]);
        checked += 1;
      }
    expect(checked).toBeGreaterThanOrEqual(14);
  });
});
