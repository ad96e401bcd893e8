/**
 * The btree indexes a level's lists use: one on its default sort and `id`, in the order and directions of
 * the list's ORDER BY (`runtime/records/query/list-sql.ts`: the sort terms, then `r.id` ascending), so a
 * page `ORDER BY visit_date_min DESC, id LIMIT 50 OFFSET n` walks the index instead of sorting every
 * match; and one per list field that a list filters by equality or range on many distinct values.
 */
import type { FieldKind, ResolvedLevel } from '../../protocol-specs/index.ts';
import type { IndexColumn } from './model.ts';
import type { InlineField } from './rule-env.ts';

/**
 * Kinds whose list column earns a btree of its own: many distinct values, filtered with `=`, `[in]` or
 * a range (`[gte]`, `[lte]`), or sorted on. Not the few-valued ones (choices, booleans): a filter on one
 * matches a large share of the rows, which PostgreSQL reads through the sort index or a scan, so their
 * btree only slows every load. Not `long_text` (searched with ILIKE '%…%', which no btree serves), nor
 * the kinds whose column already has its foreign-key index (vocabulary, taxon, dataset, reference),
 * its GiST index, or no column on the level's table.
 */
const LIST_BTREE = {
  text: true,
  long_text: false,
  integer: true,
  decimal: true,
  boolean: false,
  date: true,
  time: true,
  datetime: true,
  choice: false,
  vocabulary: false,
  taxon: false,
  observers: false,
  dataset: false,
  habitat: true,
  reference: false,
  media: false,
  geometry: false,
  group: false,
  section: false,
} as const satisfies Record<FieldKind, boolean>;

/** Index column lists for `level`: the default sort (then `id`) first, then the list fields worth one. */
export function listIndexes(level: ResolvedLevel, inline: readonly InlineField[]): IndexColumn[][] {
  const plainColumn = (key: string) => {
    const found = inline.find((i) => i.field.key === key);
    const plain =
      found && found.field.kind !== 'geometry' && !('multiple' in found.field && found.field.multiple);
    return plain ? found : undefined;
  };
  const sort: IndexColumn[] = [];
  let whole = true;
  for (const term of level.sort) {
    const found = plainColumn(term.field);
    // A term sorted on no column of this table (observers): the index serves the terms before it.
    if (!found) {
      whole = false;
      break;
    }
    sort.push({ name: found.column, ...(term.direction === 'desc' ? { descending: true } : {}) });
  }
  // The list's ORDER BY ends with `id` ascending: ties of the sort columns are ordered by the index too.
  if (whole && sort.length > 0) sort.push({ name: 'id' });
  const list = level.list.flatMap((key) => {
    const found = plainColumn(key);
    return found && LIST_BTREE[found.field.kind] ? [[{ name: found.column }]] : [];
  });
  return [...(sort.length > 0 ? [sort] : []), ...list];
}
