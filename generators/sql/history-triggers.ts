/**
 * Table model → `003-history.sql`: the record-history trigger on every table of the module (level
 * tables and their child tables), calling the core function suivi.record_history_trigger() (core
 * migration 0011). A `derived` file: CREATE OR REPLACE, so an upgrade re-runs it and a table a plan
 * created gets its trigger too. The trigger's arguments say which level a row belongs to and which
 * column names its record: `id` on a level table, `record_id` on a child table (observers, references,
 * media, group rows), so a changed observer shows in the history of its visit.
 */
import { sqlLiteral } from '../../protocol-specs/index.ts';
import type { SchemaModel, Table } from './model.ts';
import { qualified } from './names.ts';

/** The trigger's name on each table (one per table, so CREATE OR REPLACE finds it again). */
export const HISTORY_TRIGGER = 'record_history';

const ownerColumn = (table: Table): string => (table.role === 'level' ? 'id' : 'record_id');

export function renderHistoryTriggers(model: SchemaModel): string {
  return model.tables
    .map(
      (table) =>
        `CREATE OR REPLACE TRIGGER ${HISTORY_TRIGGER} AFTER INSERT OR UPDATE OR DELETE ON ${qualified(table)}\n` +
        `  FOR EACH ROW EXECUTE FUNCTION suivi.record_history_trigger(${sqlLiteral(table.level)}, ${sqlLiteral(ownerColumn(table))});\n`,
    )
    .join('');
}
