/**
 * A record's child-table values written in the same transaction as the record: observers, several
 * references, media, group rows (and, below each row, its own child tables). An update deletes the old
 * rows first (a group's row children go with their rows: ON DELETE CASCADE) and writes the new ones.
 */
import type { Expression } from 'kysely';
import type { Queryable } from '../../db/database.ts';
import type { ChildStore, RecordShape, TableName } from '../model/record-shape.ts';
import { writeCast, writeValue } from '../sql/column-sql.ts';
import { bound, columnOf, recordsDb, tableAs } from '../sql/dynamic.ts';
import { FieldValues, run } from './statement.ts';

type Row = Readonly<Record<string, unknown>>;
/** A child row to insert: column name → value expression. */
type ChildRow = Record<string, Expression<unknown>>;

const CHUNK = 500;
const listOf = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === null || v === undefined ? [] : [v]);
const own = (o: unknown, key: string): unknown =>
  typeof o === 'object' && o !== null && Object.hasOwn(o, key) ? (o as Row)[key] : null;

export async function deleteChildRows(
  db: Queryable,
  shape: RecordShape,
  recordId: string,
  skip: ReadonlySet<string> = new Set(),
): Promise<void> {
  for (const store of shape.stores) {
    if (store.kind === 'column' || store.kind === 'none' || skip.has(store.field.key)) continue;
    const table = store.kind === 'group' ? store.rows.table : store.table;
    await recordsDb(db)
      .deleteFrom(tableAs(table, 'c'))
      .where(columnOf('c', 'record_id'), '=', bound(recordId, 'uuid'))
      .execute();
  }
}

/** Inserts the child rows of `values` (a record's or a row's) under `recordId`; `path` prefixes pointers. */
export function insertChildRows(
  db: Queryable,
  shape: RecordShape,
  recordId: string,
  values: Row,
  path = '',
  skip: ReadonlySet<string> = new Set(),
): Promise<void> {
  return insertChildRowsOfMany(db, shape, [{ recordId, values }], path, skip);
}

/** One item of a child table: the record it belongs to, its index in the record's list. */
interface Item {
  readonly recordId: string;
  readonly value: unknown;
  readonly index: number;
}

/**
 * The child rows of several records (of one shape) together: one multi-row INSERT per child table and
 * chunk, whichever record each row belongs to (the import's batches), rows in the records' order.
 */
export async function insertChildRowsOfMany(
  db: Queryable,
  shape: RecordShape,
  records: readonly { readonly recordId: string; readonly values: Row }[],
  path = '',
  skip: ReadonlySet<string> = new Set(),
): Promise<void> {
  for (const store of shape.stores) {
    if (store.kind === 'column' || store.kind === 'none' || skip.has(store.field.key)) continue;
    const items: Item[] = records.flatMap(({ recordId, values }) =>
      listOf(values[store.field.key]).map((value, index) => ({ recordId, value, index })),
    );
    const at = `${path}/${store.field.key}`;
    for (let start = 0; start < items.length; start += CHUNK)
      await insertChunk(db, store, items.slice(start, start + CHUNK), at);
  }
}

/** One multi-row INSERT of `rows` into `table`. */
const insertInto = (db: Queryable, table: TableName, rows: readonly ChildRow[]) =>
  recordsDb(db).withSchema(table.schema).insertInto(table.name).values(rows);

async function insertChunk(
  db: Queryable,
  store: ChildStore,
  items: readonly Item[],
  at: string,
): Promise<void> {
  const f = new FieldValues();
  const record = (item: Item) => bound(item.recordId, 'uuid');
  const text = (value: unknown) => bound(f.field(at, value), 'text');
  if (store.kind === 'references') {
    const rows = items.map((t) => ({ record_id: record(t), target_id: bound(f.field(at, t.value), 'uuid') }));
    await run(insertInto(db, store.table, rows), f);
    return;
  }
  const position = (item: Item) => bound(item.index + 1, 'integer');
  if (store.kind === 'observers') {
    const rows = items.map((o) => ({
      record_id: record(o),
      position: position(o),
      user_id: bound(f.field(at, own(o.value, 'user_id')), 'uuid'),
      name: text(own(o.value, 'name')),
    }));
    await run(insertInto(db, store.table, rows), f);
    return;
  }
  if (store.kind === 'media') {
    // Completed from suivi.media_file by attachMediaFiles: the client's file_name and mime_type never get here.
    const rows = items.map((m) => ({
      record_id: record(m),
      position: position(m),
      file_name: text(own(m.value, 'file_name')),
      mime_type: text(own(m.value, 'mime_type')),
      storage_key: text(own(m.value, 'storage_key')),
      title: text(own(m.value, 'title')),
      author: text(own(m.value, 'author')),
    }));
    await run(insertInto(db, store.table, rows), f);
    return;
  }
  const columns = store.rows.stores.flatMap((s) => (s.kind === 'column' ? [s] : []));
  const rows = items.map((row) => {
    const cells: ChildRow = { record_id: record(row), position: position(row) };
    for (const c of columns)
      cells[c.column] = writeCast(
        f.field(`${at}/${row.index}/${c.field.key}`, writeValue(own(row.value, c.field.key), c.type)),
        c.type,
      );
    return cells;
  });
  const inserted = await run(
    insertInto(db, store.rows.table, rows).returning(['id', 'record_id', 'position']),
    f,
  );
  // Each group row's own child tables, under the row's id.
  const byKey = new Map(items.map((item) => [`${item.recordId}/${item.index + 1}`, item]));
  for (const { id, record_id, position: rowPosition } of inserted) {
    const item = byKey.get(`${String(record_id)}/${Number(rowPosition)}`);
    if (item !== undefined)
      await insertChildRows(db, store.rows, String(id), item.value as Row, `${at}/${item.index}`);
  }
}
