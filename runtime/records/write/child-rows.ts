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
export async function insertChildRows(
  db: Queryable,
  shape: RecordShape,
  recordId: string,
  values: Row,
  path = '',
  skip: ReadonlySet<string> = new Set(),
): Promise<void> {
  for (const store of shape.stores) {
    if (store.kind === 'column' || store.kind === 'none' || skip.has(store.field.key)) continue;
    const items = listOf(values[store.field.key]);
    if (items.length === 0) continue;
    const at = `${path}/${store.field.key}`;
    for (let start = 0; start < items.length; start += CHUNK)
      await insertChunk(db, store, recordId, items.slice(start, start + CHUNK), start, at);
  }
}

/** One multi-row INSERT of `rows` into `table`. */
const insertInto = (db: Queryable, table: TableName, rows: readonly ChildRow[]) =>
  recordsDb(db).withSchema(table.schema).insertInto(table.name).values(rows);

async function insertChunk(
  db: Queryable,
  store: ChildStore,
  recordId: string,
  items: readonly unknown[],
  offset: number,
  at: string,
): Promise<void> {
  const f = new FieldValues();
  const record = () => bound(recordId, 'uuid');
  const text = (value: unknown) => bound(f.field(at, value), 'text');
  if (store.kind === 'references') {
    const rows = items.map((t) => ({ record_id: record(), target_id: bound(f.field(at, t), 'uuid') }));
    await run(insertInto(db, store.table, rows), f);
    return;
  }
  const position = (i: number) => bound(offset + i + 1, 'integer');
  if (store.kind === 'observers') {
    const rows = items.map((o, i) => ({
      record_id: record(),
      position: position(i),
      user_id: bound(f.field(at, own(o, 'user_id')), 'uuid'),
      name: text(own(o, 'name')),
    }));
    await run(insertInto(db, store.table, rows), f);
    return;
  }
  if (store.kind === 'media') {
    // Completed from suivi.media_file by attachMediaFiles: the client's file_name and mime_type never get here.
    const rows = items.map((m, i) => ({
      record_id: record(),
      position: position(i),
      file_name: text(own(m, 'file_name')),
      mime_type: text(own(m, 'mime_type')),
      storage_key: text(own(m, 'storage_key')),
      title: text(own(m, 'title')),
      author: text(own(m, 'author')),
    }));
    await run(insertInto(db, store.table, rows), f);
    return;
  }
  const columns = store.rows.stores.flatMap((s) => (s.kind === 'column' ? [s] : []));
  const rows = items.map((row, i) => {
    const cells: ChildRow = { record_id: record(), position: position(i) };
    for (const c of columns)
      cells[c.column] = writeCast(
        f.field(`${at}/${offset + i}/${c.field.key}`, writeValue(own(row, c.field.key), c.type)),
        c.type,
      );
    return cells;
  });
  const inserted = await run(insertInto(db, store.rows.table, rows).returning(['id', 'position']), f);
  for (const { id, position } of inserted) {
    const index = Number(position) - 1;
    const row = items[index - offset];
    if (row !== undefined) await insertChildRows(db, store.rows, String(id), row as Row, `${at}/${index}`);
  }
}
