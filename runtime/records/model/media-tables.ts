/**
 * Where a level keeps its media: every media child table of its record shape, the record's own and
 * those of its group rows (at any depth), each with the tables that lead from it back to the level's
 * record. Used to find the files a record names (its own media, on update) and the records that name a
 * file (may this actor download it?).
 */

import type { ExpressionBuilder, Kysely, RawBuilder, SelectQueryBuilder } from 'kysely';
import type { MediaField } from '../../../protocol-specs/index.ts';
import { columnOf, type RecordsDatabase, tableAs } from '../sql/dynamic.ts';
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

/** The rows of a media table joined up to their level's record (`mediaRows`). */
export type MediaRows = SelectQueryBuilder<RecordsDatabase, string, object>;

/**
 * `FROM <media> m JOIN <rows> g1 ON g1.id = m.record_id …` up to the level's record: the rows of the
 * media table (aliased `m`), and the expression of the id of the level record each belongs to (the
 * last alias's `record_id`, or `m.record_id` without groups). `source` is a database (a query of
 * its own) or an expression builder (a subquery).
 */
export function mediaRows(
  media: MediaTable,
  source: Kysely<RecordsDatabase> | ExpressionBuilder<RecordsDatabase, never>,
): { readonly rows: MediaRows; readonly recordId: RawBuilder<string> } {
  let rows: MediaRows = source.selectFrom(tableAs(media.table, 'm'));
  let owner = 'm';
  media.via.forEach((table, i) => {
    const alias = `g${i + 1}`;
    const child = owner;
    rows = rows.innerJoin(tableAs(table, alias), (join) =>
      join.on(columnOf(alias, 'id'), '=', columnOf(child, 'record_id')),
    );
    owner = alias;
  });
  return { rows, recordId: columnOf<string>(owner, 'record_id') };
}
