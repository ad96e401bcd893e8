/**
 * `insertRows` (one INSERT from arrays, the import's batch path) stores exactly what `insertRow` (the
 * record API's create) stores for the same writes: every level of every example module, every column
 * type (texts with quotes and commas, lists, numbers, booleans, dates, times, instants, geometries,
 * nulls). Written into a copy of each level's table without its checks (the values are not the
 * protocol's; only how they are written is compared), on PGlite and PostgreSQL.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ColumnType } from '../../../generators/model/index.ts';
import { ORGANISATION, USER } from '../../../test/db/module-fixture.ts';
import { runtimeEngines } from '../../../test/helpers/engines.ts';
import type { Database } from '../../db/database.ts';
import type { LevelPlan, ModulePlan } from '../model/module-plan.ts';
import { openSetUpDatabase } from '../records.test-helpers.ts';
import { insertRows } from './insert-rows.ts';
import { insertRow, type RecordWrite } from './record-row.ts';

const ACTOR = { userId: USER, organisationId: ORGANISATION };

const SHAPES: Record<'point' | 'line' | 'polygon' | 'any', unknown> = {
  point: { type: 'Point', coordinates: [2.25, 47.5] },
  line: {
    type: 'LineString',
    coordinates: [
      [2, 47],
      [2.5, 47.25],
    ],
  },
  polygon: {
    type: 'Polygon',
    coordinates: [
      [
        [2, 47],
        [2.1, 47],
        [2.1, 47.1],
        [2, 47],
      ],
    ],
  },
  any: { type: 'Point', coordinates: [-1.5, 48.125] },
};

/** Two values of each type: a plain one and an awkward one. */
function sampleValue(type: ColumnType, awkward: boolean): unknown {
  if (typeof type === 'object') return SHAPES[type.geometry];
  const values: Record<Exclude<ColumnType, object>, [unknown, unknown]> = {
    uuid: [randomUUID(), randomUUID()],
    text: ['texte', `l'« été », "quoted" \\ {a,b} NULL`],
    text_list: [
      ['a', 'b'],
      ['b, c', 'd"e', 'f\\g', '{x}', 'NULL', ''],
    ],
    integer: [42, -3],
    numeric: [1.5, 0.1],
    boolean: [true, false],
    date: ['2024-06-20', '1999-12-31'],
    time: ['08:30', '23:59:59'],
    timestamptz: ['2024-06-20T08:30:00+02:00', '2024-01-01T00:00:00Z'],
  };
  return values[type]?.[awkward ? 1 : 0];
}

function writesOf(plan: LevelPlan): RecordWrite[] {
  const make = (fill: 'plain' | 'awkward' | 'null'): RecordWrite => {
    const values: Record<string, unknown> = {};
    for (const s of plan.shape.stores)
      if (s.kind === 'column')
        values[s.field.key] = fill === 'null' ? null : sampleValue(s.type, fill === 'awkward');
    return {
      links: Object.fromEntries(plan.parents.map((p) => [p.column, fill === 'null' ? null : randomUUID()])),
      geometry:
        plan.hasGeometry && fill !== 'null'
          ? SHAPES[plan.level.geometry.kind as 'point' | 'line' | 'polygon' | 'any']
          : null,
      values,
      kept: new Set(),
    };
  };
  return [make('plain'), make('awkward'), make('null')];
}

describe.each(runtimeEngines())('insertRows on $name', (engine) => {
  let db: Database;
  let modules: Map<string, ModulePlan>;

  beforeAll(async () => {
    ({ db, modules } = await openSetUpDatabase(engine));
    await db.query('CREATE SCHEMA insert_rows_test');
  });
  afterAll(async () => db?.close());

  it('stores what insertRow stores, for every level and column type', async () => {
    let compared = 0;
    for (const module of modules.values())
      for (const plan of module.levels.values()) {
        const { schema, name } = plan.shape.table;
        const copy = `${module.protocol.code}__${name}`;
        await db.query(`CREATE TABLE insert_rows_test.${copy} (LIKE ${schema}.${name} INCLUDING DEFAULTS)`);
        const { rows: notNull } = await db.query<{ c: string }>(
          `SELECT column_name AS c FROM information_schema.columns
            WHERE table_schema = 'insert_rows_test' AND table_name = $1 AND is_nullable = 'NO'`,
          [copy],
        );
        for (const { c } of notNull)
          await db.query(`ALTER TABLE insert_rows_test.${copy} ALTER COLUMN "${c}" DROP NOT NULL`);
        const target = {
          ...plan,
          shape: { ...plan.shape, table: { schema: 'insert_rows_test', name: copy } },
        };
        const writes = writesOf(plan);
        const one = writes.map((w) => ({ ...w, id: randomUUID() }));
        const many = writes.map((w) => ({ ...w, id: randomUUID() }));
        for (const w of one) await insertRow(db, target, w, ACTOR);
        const versions = await insertRows(db, target, many, ACTOR);
        expect([...versions.keys()].sort()).toEqual(many.map((w) => w.id).sort());
        const stored = async (id: string) => {
          const { rows } = await db.query<{ r: Record<string, unknown> }>(
            `SELECT to_jsonb(t) - 'id' - 'created_at' - 'updated_at' AS r FROM insert_rows_test.${copy} t
              WHERE id = $1::uuid`,
            [id],
          );
          return rows[0]?.r;
        };
        for (const [i, w] of one.entries()) {
          const expected = await stored(w.id);
          expect(expected).toBeDefined();
          expect(await stored((many[i] as { id: string }).id), `${copy} write ${i}`).toEqual(expected);
          compared++;
        }
      }
    expect(compared).toBeGreaterThan(30);
  });
});
