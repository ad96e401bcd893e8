/**
 * Table model → `004-indexes.sql`: indexes a generator added after modules were installed with data,
 * kept out of `001-tables.sql` (an `install` file: changing it would make an installed module with
 * data need a migration plan, for an index). A `derived` file of `CREATE INDEX IF NOT EXISTS`: a fresh
 * install runs it after the tables, and a newer generator re-runs it over an installed module's tables
 * (install.ts `rerunDerived`, and after every upgrade), so existing modules get the index too.
 *
 * - the recent-changes index of every level table, `(updated_at DESC, id)`: the ORDER BY of a list
 *   sorted by `-updated_at` (the home page's latest changes, list-sql.ts: the sort, then `id`), which
 *   otherwise reads and sorts every row of the table to find five.
 */
import type { SchemaModel } from './model.ts';
import { ident, indexName, qualified } from './names.ts';

/** The envelope column (tables.ts) lists sort on for the latest changes (model's RECENT_SORT). */
const RECENT = 'updated_at';

export function renderAddedIndexes(model: SchemaModel): string {
  return model.tables
    .filter((table) => table.role === 'level')
    .map((table) => {
      const name = indexName(table.name, [RECENT, 'id']);
      return `CREATE INDEX IF NOT EXISTS ${ident(name)} ON ${qualified(table)} (${ident(RECENT)} DESC, ${ident('id')});\n`;
    })
    .join('');
}
