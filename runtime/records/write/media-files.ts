/**
 * A record's media values checked against the uploaded files before they are written: each item names a
 * file of `suivi.media_file` by `storage_key` (uploaded with `POST /api/media`) and may add a title and an
 * author. A file may be attached by the account that uploaded it, or kept on the record that already
 * names it (so an update can send back what a GET returned, whoever uploaded it); its stored MIME type —
 * read from its bytes at upload — must be one the field accepts. The child rows' file_name and mime_type
 * come from the stored file, never from the client. Runs inside the write's transaction, the files
 * locked FOR SHARE so the orphan purge cannot delete one being attached.
 */

import { sql } from 'kysely';
import type { MediaField } from '../../../protocol-specs/index.ts';
import { coreDb } from '../../db/core-database.ts';
import type { Queryable } from '../../db/database.ts';
import { invalid } from '../../http/errors.ts';
import type { Actor } from '../access.ts';
import { mediaRows, mediaTables } from '../model/media-tables.ts';
import type { LevelPlan } from '../model/module-plan.ts';
import type { RecordShape } from '../model/record-shape.ts';
import { bound, columnOf, isAnyOf, recordsDb } from '../sql/dynamic.ts';
import { worded } from '../validate/messages.ts';
import type { Violation } from '../validate/violation.ts';

type Row = Readonly<Record<string, unknown>>;

interface MediaItem {
  readonly path: string;
  readonly field: MediaField;
  readonly item: Row;
}

interface StoredFile {
  readonly storage_key: string;
  readonly file_name: string;
  readonly mime_type: string;
  readonly uploaded_by: string;
}

const isRow = (v: unknown): v is Row => typeof v === 'object' && v !== null && !Array.isArray(v);
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const text = (v: unknown): string | null => (typeof v === 'string' && v.trim() !== '' ? v : null);

/** `image/*` accepts every image type; other entries are exact. An empty list accepts anything. */
export function accepts(accept: readonly string[], mime: string): boolean {
  if (accept.length === 0) return true;
  return accept.some((a) => (a.endsWith('/*') ? mime.startsWith(a.slice(0, -1)) : mime === a));
}

/** Every media item of `values` (and of its group rows), with its JSON pointer. */
function itemsOf(shape: RecordShape, values: Row, path: string, skip: ReadonlySet<string>): MediaItem[] {
  return shape.stores.flatMap((store): MediaItem[] => {
    if (skip.has(store.field.key)) return [];
    const at = `${path}/${store.field.key}`;
    if (store.kind === 'media')
      return list(values[store.field.key]).flatMap((item, i) =>
        isRow(item) ? [{ path: `${at}/${i}`, field: store.field, item }] : [],
      );
    if (store.kind === 'group')
      return list(values[store.field.key]).flatMap((row, i) =>
        isRow(row) ? itemsOf(store.rows, row, `${at}/${i}`, new Set()) : [],
      );
    return [];
  });
}

/** Storage keys the record `id` names today, in any of its media tables. */
async function attachedTo(db: Queryable, plan: LevelPlan, id: string): Promise<Set<string>> {
  const keys = new Set<string>();
  for (const media of mediaTables(plan.shape)) {
    const { rows, recordId } = mediaRows(media, recordsDb(db));
    const found = await rows
      .select(columnOf<string>('m', 'storage_key').as('storage_key'))
      .where(recordId, '=', bound<string>(id, 'uuid'))
      .execute();
    for (const r of found) keys.add(r.storage_key);
  }
  return keys;
}

/** The values with every media item completed from its stored file; 422 naming each bad item. */
export async function attachMediaFiles(
  db: Queryable,
  plan: LevelPlan,
  values: Row,
  actor: Actor,
  options: { readonly recordId?: string; readonly kept?: ReadonlySet<string> } = {},
): Promise<Row> {
  const items = itemsOf(plan.shape, values, '', options.kept ?? new Set());
  if (items.length === 0) return values;
  const keys = [...new Set(items.map((m) => String(m.item.storage_key).toLowerCase()))];
  const rows: StoredFile[] = await coreDb(db)
    .selectFrom('suivi.media_file as f')
    .select([
      sql<string>`f.storage_key::text`.as('storage_key'),
      'f.file_name',
      'f.mime_type',
      sql<string>`f.uploaded_by::text`.as('uploaded_by'),
    ])
    .where(isAnyOf(columnOf('f', 'storage_key'), keys, 'uuid[]'))
    .forShare()
    .execute();
  const files = new Map(rows.map((r) => [r.storage_key, r]));
  const kept = options.recordId ? await attachedTo(db, plan, options.recordId) : new Set<string>();
  const completed = new Map<Row, Row>();
  const violations: Violation[] = [];
  for (const { path, field, item } of items) {
    const key = String(item.storage_key).toLowerCase();
    const file = files.get(key);
    if (!file || (file.uploaded_by !== actor.userId && !kept.has(key))) {
      violations.push({ path: `${path}/storage_key`, code: 'media_not_found' });
      continue;
    }
    if (!accepts(field.accept, file.mime_type)) {
      violations.push({
        path: `${path}/storage_key`,
        code: 'media_type',
        expected: field.accept,
        detail: file.mime_type,
      });
      continue;
    }
    completed.set(item, {
      storage_key: key,
      file_name: file.file_name,
      mime_type: file.mime_type,
      title: text(item.title),
      author: text(item.author),
    });
  }
  if (violations.length > 0) throw invalid(worded(plan.level, violations));
  return replaceItems(plan.shape, values, completed);
}

/** A copy of `values` whose media items are their completed versions. */
function replaceItems(shape: RecordShape, values: Row, completed: ReadonlyMap<Row, Row>): Row {
  const out: Record<string, unknown> = { ...values };
  for (const store of shape.stores) {
    const value = values[store.field.key];
    if (!Array.isArray(value)) continue;
    if (store.kind === 'media')
      out[store.field.key] = value.map((m) => (isRow(m) ? (completed.get(m) ?? m) : m));
    if (store.kind === 'group')
      out[store.field.key] = value.map((r) => (isRow(r) ? replaceItems(store.rows, r, completed) : r));
  }
  return out;
}
