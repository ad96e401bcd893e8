/**
 * The values a record keeps in child tables (observers, several references, media, group rows and
 * their own child tables), read for a whole page at once: one query per child table, never one per
 * record.
 */
import { sql } from 'kysely';
import type { Queryable } from '../../db/database.ts';
import type { ChildStore, RecordShape, TableName, ValueStore } from '../model/record-shape.ts';
import { columnOf, isAnyOf, recordsDb, tableAs } from '../sql/dynamic.ts';
import { mediaUrl } from './media-url.ts';
import { fieldColumns, rowValues, selection } from './select-list.ts';

/** Field key → record id → the field's value. */
export type ChildValues = Map<string, Map<string, unknown>>;

type Row = Record<string, unknown>;

const byRecord = (rows: readonly Row[], value: (row: Row) => unknown): Map<string, unknown[]> => {
  const out = new Map<string, unknown[]>();
  for (const row of rows) {
    const id = String(row.record_id);
    const list = out.get(id) ?? [];
    list.push(value(row));
    out.set(id, list);
  }
  return out;
};

const c = (column: string) => columnOf('c', column);

/** The rows of the child table `table` (aliased `c`) of the records `ids`, ordered by record then `order`. */
const childRows = (db: Queryable, table: TableName, ids: readonly string[], order: string) =>
  recordsDb(db)
    .selectFrom(tableAs(table, 'c'))
    .where(isAnyOf(c('record_id'), ids, 'uuid[]'))
    .orderBy(c('record_id'))
    .orderBy(c(order));

/** The columns `names` of the child table aliased `c`, each under its own name. */
const named = (...names: string[]) => names.map((name) => c(name).as(name));

const withoutNulls = (o: Row): Row => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== null));

async function readStore(
  db: Queryable,
  store: ChildStore,
  ids: readonly string[],
): Promise<Map<string, unknown>> {
  if (store.kind === 'group') return readGroupRows(db, store, ids);
  switch (store.kind) {
    case 'observers': {
      const rows = await childRows(db, store.table, ids, 'position')
        .select(named('record_id', 'user_id', 'name'))
        .execute();
      const lists = byRecord(rows, (r) => withoutNulls({ user_id: r.user_id, name: r.name }));
      return new Map([...lists].map(([id, list]) => [id, store.field.multiple ? list : (list[0] ?? null)]));
    }
    case 'references': {
      const rows = await childRows(db, store.table, ids, 'target_id')
        .select(named('record_id', 'target_id'))
        .execute();
      return byRecord(rows, (r) => r.target_id);
    }
    case 'media': {
      const rows = await childRows(db, store.table, ids, 'position')
        .select(named('record_id', 'storage_key', 'file_name', 'mime_type', 'title', 'author'))
        .execute();
      return byRecord(rows, (r) => ({
        storage_key: r.storage_key,
        file_name: r.file_name,
        mime_type: r.mime_type,
        title: r.title ?? null,
        author: r.author ?? null,
        url: mediaUrl(String(r.storage_key)),
      }));
    }
  }
}

async function readGroupRows(
  db: Queryable,
  store: Extract<ChildStore, { kind: 'group' }>,
  ids: readonly string[],
): Promise<Map<string, unknown>> {
  const columns = fieldColumns(store.rows, 'c');
  const rows = await childRows(db, store.rows.table, ids, 'position')
    .select([c('id').as('__row_id'), c('record_id').as('record_id')])
    .select(columns.length > 0 ? selection(columns) : [sql`NULL`.as('none')])
    .execute();
  const rowIds = rows.map((r) => String(r.__row_id));
  const nested = await readChildValues(db, store.rows, rowIds);
  return byRecord(rows, (r) =>
    assemble(store.rows.stores, rowValues(columns, r), nested, String(r.__row_id)),
  );
}

/** Every child-table value of the records `ids` of `shape`. */
export async function readChildValues(
  db: Queryable,
  shape: RecordShape,
  ids: readonly string[],
): Promise<ChildValues> {
  const out: ChildValues = new Map();
  if (ids.length === 0) return out;
  for (const store of shape.stores) {
    if (store.kind === 'column' || store.kind === 'none') continue;
    out.set(store.field.key, await readStore(db, store, ids));
  }
  return out;
}

/** A record's (or row's) field values in form order: columns from `row`, the rest from `children`. */
export function assemble(
  stores: readonly ValueStore[],
  row: Readonly<Row>,
  children: ChildValues,
  id: string,
): Row {
  const out: Row = {};
  for (const store of stores) {
    if (store.kind === 'none') continue;
    const key = store.field.key;
    out[key] = store.kind === 'column' ? (row[key] ?? null) : (children.get(key)?.get(id) ?? null);
  }
  return out;
}
