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
import type { ResolvedProtocol } from '../../protocol-specs/index.ts';
import type { SchemaModel } from './model.ts';
import { ident, qualified, shortName } from './names.ts';

/** The envelope column (tables.ts) lists sort on for the latest changes (model's RECENT_SORT). */
const RECENT = 'updated_at';

/**
 * Named after the level's permanent id, not its table: a migration plan that renames a level's table
 * renames the indexes of the table model, not these, and `IF NOT EXISTS` finds this one again by name
 * (`recent__level.visit__idx`; table-derived names start with a level key, never `recent__`).
 */
export const recentIndexName = (levelId: string): string => shortName(`recent__${levelId}__idx`);

export function renderAddedIndexes(protocol: ResolvedProtocol, model: SchemaModel): string {
  return model.tables
    .filter((table) => table.role === 'level')
    .map((table) => {
      const level = protocol.levels.find((l) => l.key === table.level);
      if (!level) throw new Error(`no level ${table.level} for table ${table.name}`);
      const name = recentIndexName(level.id);
      return `CREATE INDEX IF NOT EXISTS ${ident(name)} ON ${qualified(table)} (${ident(RECENT)} DESC, ${ident('id')});\n`;
    })
    .join('');
}
