/**
 * Where a level keeps its media: every media child table of its record shape, the record's own and
 * those of its group rows (at any depth), each with the tables that lead from it back to the level's
 * record. Used to find the files a record names (its own media, on update) and the records that name a
 * file (may this actor download it?).
 */

import type { MediaField } from '../../../protocol-specs/index.ts';
import { ident, qualified } from '../../db/database.ts';
import type { RecordShape, TableName } from './record-shape.ts';

export interface MediaTable {
  readonly field: MediaField;
  readonly table: TableName;
  /** Group-row tables between the media table and the record, innermost first; empty for the record's own. */
  readonly via: readonly TableName[];
  /** JSON pointer prefix of the field: `/photos`, `/strata/*\/photos` (`*` for the row index). */
  readonly path: string;
}

export function mediaTables(shape: RecordShape, via: readonly TableName[] = [], path = ''): MediaTable[] {
  return shape.stores.flatMap((store): MediaTable[] => {
    if (store.kind === 'media')
      return [{ field: store.field, table: store.table, via, path: `${path}/${store.field.key}` }];
    if (store.kind === 'group')
      return mediaTables(store.rows, [store.rows.table, ...via], `${path}/${store.field.key}/*`);
    return [];
  });
}

/**
 * `FROM <media> m JOIN <rows> g1 … ` up to the record's id: an SQL fragment whose last alias's
 * `record_id` (or `m.record_id` without groups) is the id of the level's record. Returns the FROM
 * clause and the expression of that record id.
 */
export function mediaFrom(media: MediaTable): { readonly from: string; readonly recordId: string } {
  let from = `${qualified(media.table.schema, media.table.name)} m`;
  let owner = 'm';
  media.via.forEach((rows, i) => {
    const alias = `g${i + 1}`;
    from += ` JOIN ${qualified(rows.schema, rows.name)} ${alias} ON ${alias}.id = ${owner}.record_id`;
    owner = alias;
  });
  return { from, recordId: `${ident(owner)}.record_id` };
}
