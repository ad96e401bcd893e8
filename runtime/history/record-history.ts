/**
 * A record's history as the API returns it (its versions, replay.ts), and the body that restores one
 * version: the record as it was, read through the same column expressions as a GET (its history row
 * turned back into a row of its table with jsonb_populate_record), ready for the normal validation and
 * update. A group field keeps its current rows (its nested tables are not replayed).
 */
import { sql } from 'kysely';
import { coreDb } from '../db/core-database.ts';
import type { Queryable } from '../db/database.ts';
import type { LevelPlan } from '../records/model/module-plan.ts';
import type { ApiRecord } from '../records/read/read-records.ts';
import { recordColumns, rowValues, selection } from '../records/read/select-list.ts';
import { recordsDb } from '../records/sql/dynamic.ts';
import { type HistoryRow, type RecordState, type RecordVersion, replay } from './replay.ts';

async function historyRows(db: Queryable, plan: LevelPlan, id: string): Promise<HistoryRow[]> {
  const rows = await coreDb(db)
    .selectFrom('suivi.record_history as h')
    .leftJoin('suivi.app_user as u', 'u.id', 'h.actor')
    .select([
      'h.id',
      sql<string>`h.tx::text`.as('tx'),
      sql<string>`to_char(h.changed_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`.as('changed_at'),
      'h.table_name',
      'h.operation',
      'h.actor',
      'u.display_name as actor_name',
      'h.write_path',
      'h.row_data',
      'h.changes',
    ])
    .where('h.module_code', '=', plan.module)
    .where('h.level_key', '=', plan.level.key)
    .where('h.record_id', '=', id)
    .orderBy('h.id')
    .execute();
  return rows.map((r) => ({ ...r, id: Number(r.id) }));
}

/** Display names of the users child rows name (observers), so a changed list reads as names. */
async function userNames(db: Queryable, rows: readonly HistoryRow[]): Promise<Map<string, string>> {
  const ids = [
    ...new Set(rows.flatMap((r) => (typeof r.row_data.user_id === 'string' ? [r.row_data.user_id] : []))),
  ];
  if (ids.length === 0) return new Map();
  const users = await coreDb(db)
    .selectFrom('suivi.app_user')
    .select(['id', 'display_name'])
    .where('id', 'in', ids)
    .execute();
  return new Map(users.map((u) => [u.id, u.display_name]));
}

export interface History {
  readonly versions: RecordVersion[];
  readonly states: Map<number, RecordState>;
}

export async function recordHistory(db: Queryable, plan: LevelPlan, id: string): Promise<History> {
  const rows = await historyRows(db, plan, id);
  return replay(plan, rows, await userNames(db, rows));
}

const compact = (o: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== null && v !== undefined));

/**
 * The update body that brings the record back to `state`: the current record (`current`, as a GET
 * returns it, for its row_version and its group fields) overwritten by the state's columns, geometry,
 * parent links and child-table lists.
 */
export async function restoreBody(
  db: Queryable,
  plan: LevelPlan,
  state: RecordState,
  current: ApiRecord,
): Promise<Record<string, unknown>> {
  const columns = recordColumns(plan, 'r');
  const table = plan.shape.table;
  const row = await recordsDb(db)
    .selectFrom(
      sql`jsonb_populate_record(NULL::${sql.id(table.schema, table.name)}, ${JSON.stringify(state.row ?? {})}::jsonb)`.as(
        'r',
      ),
    )
    .select(selection(columns))
    .executeTakeFirstOrThrow();
  const values = rowValues(columns, row);
  const body: Record<string, unknown> = { ...current };
  for (const p of plan.parents) body[p.column] = values[p.column] ?? null;
  if (plan.hasGeometry) body.geometry = values.geometry ?? null;
  for (const store of plan.shape.stores) {
    const key = store.field.key;
    const list = state.lists.get(key) ?? [];
    switch (store.kind) {
      case 'column':
        body[key] = values[key] ?? null;
        break;
      case 'observers': {
        const people = list.map((r) => compact({ user_id: r.user_id, name: r.name }));
        body[key] = store.field.multiple ? people : (people[0] ?? null);
        break;
      }
      case 'references':
        body[key] = list.map((r) => r.target_id);
        break;
      case 'media':
        body[key] = list.map((r) =>
          compact({ storage_key: r.storage_key, title: r.title, author: r.author }),
        );
        break;
      case 'group':
      case 'none':
        break;
    }
  }
  return body;
}
