/**
 * A record's history rows (suivi.record_history, its level row and its child-table rows) replayed into
 * versions: one version per transaction that changed the record, with the record's state after it (the
 * level row, and each child-table field as a list) and what changed, by field key. Pure.
 *
 * Child tables are rewritten by an update (its rows deleted and inserted again): the replay compares a
 * field's list before and after the transaction, so an unchanged observer list is no change, and a
 * changed one reads "Observers: A, B → A, C", never a row-level insert/delete.
 */
import type { HistoryOperation } from '../db/core-database.ts';
import type { LevelPlan } from '../records/model/module-plan.ts';

export interface HistoryRow {
  readonly id: number;
  readonly tx: string;
  readonly changed_at: string;
  readonly table_name: string;
  readonly operation: HistoryOperation;
  readonly actor: string | null;
  readonly actor_name: string | null;
  readonly write_path: string;
  readonly row_data: Record<string, unknown>;
  readonly changes: Record<string, [unknown, unknown]> | null;
}

/** One changed field: its key (a field, `geometry`, a parent link or `validation_status`), before and after. */
export interface FieldChange {
  readonly field: string;
  readonly before: unknown;
  readonly after: unknown;
}

export interface RecordVersion {
  /** The last history row id of the transaction: what a restore names. */
  readonly version: number;
  readonly at: string;
  readonly actor: { readonly id: string; readonly name: string | null } | null;
  readonly write_path: string;
  /** create, update or delete of the record (a child-table change alone is an update). */
  readonly operation: 'create' | 'update' | 'delete';
  readonly changes: readonly FieldChange[];
}

/** The record's state after a version: its row's columns, and each child-table field's rows. */
export interface RecordState {
  readonly row: Record<string, unknown> | null;
  readonly lists: ReadonlyMap<string, readonly Record<string, unknown>[]>;
}

/** Columns that are the server's, not the record's: never shown as a change. */
const HIDDEN = new Set([
  'id',
  'row_version',
  'created_at',
  'created_by',
  'updated_at',
  'updated_by',
  'spec_version',
]);

/** Column name → field key, and child table name → field key, from the model's record shape. */
export function columnFields(plan: LevelPlan): {
  readonly columns: ReadonlyMap<string, string>;
  readonly tables: ReadonlyMap<string, string>;
} {
  const columns = new Map<string, string>();
  const tables = new Map<string, string>();
  for (const store of plan.shape.stores) {
    if (store.kind === 'column') columns.set(store.column, store.field.key);
    else if (store.kind === 'observers' || store.kind === 'references' || store.kind === 'media')
      tables.set(store.table.name, store.field.key);
    else if (store.kind === 'group') tables.set(store.rows.table.name, store.field.key);
  }
  if (plan.hasGeometry) columns.set('geom', 'geometry');
  return { columns, tables };
}

/** A child row as the history shows it: an observer's name or user, a file's name, a reference's id. */
export function listItemText(row: Record<string, unknown>, names: ReadonlyMap<string, string>): string {
  if (typeof row.user_id === 'string') return names.get(row.user_id) ?? row.user_id;
  for (const key of ['name', 'file_name', 'target_id'])
    if (typeof row[key] === 'string') return row[key] as string;
  const { id: _id, record_id: _r, position: _p, ...rest } = row;
  return JSON.stringify(rest);
}

const rowKey = (row: Record<string, unknown>) =>
  typeof row.id === 'string' || typeof row.id === 'number' ? String(row.id) : JSON.stringify(row);

const byPosition = (rows: Iterable<Record<string, unknown>>) =>
  [...rows].sort((a, b) => Number(a.position ?? 0) - Number(b.position ?? 0));

/** Replays `rows` (ordered by id) into versions, newest last, and the state after each. */
export function replay(
  plan: LevelPlan,
  rows: readonly HistoryRow[],
  names: ReadonlyMap<string, string>,
): { versions: RecordVersion[]; states: Map<number, RecordState> } {
  const { columns, tables } = columnFields(plan);
  const levelTable = plan.shape.table.name;
  let row: Record<string, unknown> | null = null;
  const lists = new Map<string, Map<string, Record<string, unknown>>>();
  const versions: RecordVersion[] = [];
  const states = new Map<number, RecordState>();
  const listText = (field: string) =>
    byPosition(lists.get(field)?.values() ?? []).map((r) => listItemText(r, names));
  for (let start = 0; start < rows.length; ) {
    let end = start;
    while (end < rows.length && rows[end]?.tx === rows[start]?.tx) end++;
    const group = rows.slice(start, end);
    start = end;
    const last = group[group.length - 1] as HistoryRow;
    const touched = new Set(
      group.filter((r) => r.table_name !== levelTable).map((r) => tables.get(r.table_name)),
    );
    const listsBefore = new Map([...touched].flatMap((f) => (f ? [[f, listText(f)] as const] : [])));
    const changes: FieldChange[] = [];
    let operation: RecordVersion['operation'] = 'update';
    for (const h of group) {
      if (h.table_name === levelTable) {
        if (h.operation === 'insert') {
          operation = 'create';
          for (const [column, value] of Object.entries(h.row_data)) {
            const field = columns.get(column) ?? column;
            if (!HIDDEN.has(column) && value !== null && !column.endsWith('__type'))
              changes.push({ field, before: null, after: value });
          }
        } else if (h.operation === 'delete') operation = 'delete';
        else
          for (const [column, [before, after]] of Object.entries(h.changes ?? {}))
            if (!HIDDEN.has(column)) changes.push({ field: columns.get(column) ?? column, before, after });
        row = h.operation === 'delete' ? null : h.row_data;
        continue;
      }
      const field = tables.get(h.table_name);
      if (!field) continue; // a nested group table: shown through its group row
      const list = lists.get(field) ?? new Map<string, Record<string, unknown>>();
      if (h.operation === 'delete') list.delete(rowKey(h.row_data));
      else list.set(rowKey(h.row_data), h.row_data);
      lists.set(field, list);
    }
    if (operation !== 'delete')
      for (const [field, before] of listsBefore) {
        const after = listText(field);
        if (before.join('\n') !== after.join('\n'))
          changes.push({ field, before: before.length ? before : null, after: after.length ? after : null });
      }
    if (changes.length === 0 && operation === 'update') continue;
    versions.push({
      version: last.id,
      at: last.changed_at,
      actor: last.actor ? { id: last.actor, name: last.actor_name } : null,
      write_path: last.write_path,
      operation,
      changes,
    });
    states.set(last.id, {
      row,
      lists: new Map([...lists].map(([f, l]) => [f, byPosition(l.values())])),
    });
  }
  return { versions, states };
}
