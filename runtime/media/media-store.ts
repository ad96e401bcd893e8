/**
 * `suivi.media_file` (core migration 0004): uploaded files, bytes included. A file is stored by whoever
 * uploads it, then attached to records by its storage_key (runtime/records/write/media-files.ts).
 * Reading one back is allowed to its uploader and to anyone who may read (R, within their scope) a
 * record that names it; to anyone else it does not exist.
 */
import { createHash } from 'node:crypto';
import { type Expression, type SqlBool, sql } from 'kysely';
import { coreDb } from '../db/core-database.ts';
import type { Queryable } from '../db/database.ts';
import type { AccessScope, Actor } from '../records/access.ts';
import { mediaRows, mediaTables } from '../records/model/media-tables.ts';
import type { ModulePlan } from '../records/model/module-plan.ts';
import { allOf, bound, columnOf, dynamicEb, tableAs } from '../records/sql/dynamic.ts';

/** Largest file one upload may carry (bytes): a long sound recording, a high-resolution scan. */
export const MAX_MEDIA_BYTES = 20 * 1024 * 1024;

export interface StoredMedia {
  readonly storage_key: string;
  readonly file_name: string;
  readonly mime_type: string;
  readonly size_bytes: number;
  readonly sha256: string;
}

export async function storeMediaFile(
  db: Queryable,
  file: { readonly name: string; readonly mimeType: string; readonly bytes: Uint8Array },
  uploadedBy: string,
): Promise<StoredMedia> {
  const sha256 = createHash('sha256').update(file.bytes).digest('hex');
  return coreDb(db)
    .insertInto('suivi.media_file')
    .values({
      sha256,
      file_name: file.name,
      mime_type: file.mimeType,
      size_bytes: file.bytes.byteLength,
      uploaded_by: uploadedBy,
      content: Buffer.from(file.bytes),
    })
    .returning(['storage_key', 'file_name', 'mime_type', 'size_bytes', 'sha256'])
    .executeTakeFirstOrThrow();
}

/** Who reads: the actor, and which modules' records they may read with what predicate. */
export interface MediaReader {
  readonly actor: Actor;
  readonly access: AccessScope;
  /** May the actor read records of this module at all (an R grant, or admin)? */
  readonly canRead: (module: string) => boolean;
}

/**
 * `EXISTS (…)` per media table of every level the reader may read: a record within the reader's read
 * scope names the file. Built per request; the predicates come from the same `access.where` the record
 * routes use.
 */
function referencedByReadable(
  plans: ReadonlyMap<string, ModulePlan>,
  reader: MediaReader,
  storageKey: string,
): Expression<SqlBool>[] {
  const out: Expression<SqlBool>[] = [];
  for (const [code, module] of plans) {
    if (!reader.canRead(code)) continue;
    for (const plan of module.levels.values()) {
      for (const media of mediaTables(plan.shape)) {
        const { rows, recordId } = mediaRows(media, dynamicEb);
        const scope = reader.access.where({
          module: code,
          level: plan.level.key,
          action: 'read',
          alias: 'r',
        });
        const names = sql<SqlBool>`${columnOf('m', 'storage_key')} = ${bound(storageKey, 'uuid')}::text`;
        out.push(
          dynamicEb.exists(
            rows
              .innerJoin(tableAs(plan.shape.table, 'r'), (join) =>
                join.on(columnOf('r', 'id'), '=', recordId),
              )
              .select(sql.lit(1).as('one'))
              .where(allOf([names, scope])),
          ),
        );
      }
    }
  }
  return out;
}

/** The file with its bytes when `reader` may read it; undefined otherwise (unknown or not theirs). */
export async function readableMediaFile(
  db: Queryable,
  plans: ReadonlyMap<string, ModulePlan>,
  reader: MediaReader,
  storageKey: string,
): Promise<(StoredMedia & { readonly content: Uint8Array }) | undefined> {
  const whoMay = [
    sql<SqlBool>`f.uploaded_by = ${bound(reader.actor.userId, 'uuid')}`,
    ...referencedByReadable(plans, reader, storageKey),
  ];
  const row = await coreDb(db)
    .selectFrom('suivi.media_file as f')
    .select([
      sql<string>`f.storage_key::text`.as('storage_key'),
      'f.file_name',
      'f.mime_type',
      'f.size_bytes',
      'f.sha256',
      'f.content',
    ])
    .where(allOf([sql<SqlBool>`f.storage_key = ${bound(storageKey, 'uuid')}`, dynamicEb.or(whoMay)]))
    .executeTakeFirst();
  return row ? { ...row, size_bytes: Number(row.size_bytes) } : undefined;
}
