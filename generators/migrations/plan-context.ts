/** What every stage of the planner reads: both versions, their table models, and how they pair. */
import type { ResolvedProtocol } from '../../protocol-specs/index.ts';
import type { Column, SchemaModel, Table } from '../sql/model.ts';
import type { ConstraintDiff } from './constraint-diff.ts';
import type { ProtocolPairing } from './pairing.ts';
import type { PlanProblem } from './resolutions.ts';
import { type TableFields, tableFields } from './table-fields.ts';
import type { ModelPairing, TablePair } from './table-pairing.ts';

export interface Version {
  readonly protocol: ResolvedProtocol;
  readonly model: SchemaModel;
}

export interface PlanContext {
  readonly schema: string;
  readonly from: number;
  readonly to: number;
  readonly archiveSchema: string;
  readonly previous: Version;
  readonly next: Version;
  readonly pairing: ProtocolPairing;
  readonly tables: ModelPairing;
  readonly diffs: readonly ConstraintDiff[];
  /** Per pair: old columns dropped and added again (a vocabulary field moved to another vocabulary). */
  readonly recreated: ReadonlyMap<TablePair, ReadonlySet<string>>;
  readonly problems: PlanProblem[];
}

/** `<level>` or `<level>.<field path>`: how steps name a table. */
export const tableId = (t: Table): string => (t.field === undefined ? t.level : `${t.level}.${t.field}`);

const fieldsCache = new WeakMap<Table, TableFields>();
export function fieldsOf(protocol: ResolvedProtocol, table: Table): TableFields {
  let found = fieldsCache.get(table);
  if (!found) {
    found = tableFields(protocol, table);
    fieldsCache.set(table, found);
  }
  return found;
}

/** `<level>.<field path>` for a field's column, `<table id>.<column>` for the others. */
export function columnId(protocol: ResolvedProtocol, table: Table, column: string): string {
  const owner = fieldsOf(protocol, table).columns.get(column);
  return owner ? `${table.level}.${owner.path}` : `${tableId(table)}.${column}`;
}

/** `{ field }` of a column owned by a field, for checks and reports; `{}` otherwise. */
export function fieldOf(protocol: ResolvedProtocol, table: Table, column: string): { field?: string } {
  const owner = fieldsOf(protocol, table).columns.get(column);
  return owner ? { field: owner.path } : {};
}

/** Columns grouped by what owns them (a field's `<key>` and `<key>__type` go together), in table order. */
export function byOwner(
  protocol: ResolvedProtocol,
  table: Table,
  columns: readonly Column[],
): Array<{ readonly id: string; readonly columns: Column[] }> {
  const groups = new Map<string, Column[]>();
  for (const column of columns) {
    const id = columnId(protocol, table, column.name);
    groups.set(id, [...(groups.get(id) ?? []), column]);
  }
  return [...groups].map(([id, list]) => ({ id, columns: list }));
}

export const labels = (fr: string, en: string) => ({ fr, en });
