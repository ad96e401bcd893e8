/**
 * Which field a table's columns and constraints belong to, derived like tables.ts names them: steps are
 * named and reported by field (`<level>.<field path>.<what>`), not by SQL name.
 */
import type { ResolvedProtocol } from '../../protocol-specs/index.ts';
import type { Table } from '../sql/model.ts';
import { CONSTRAINT_KINDS, type ConstraintKind, constraintName, vocabularyTypeColumn } from '../sql/names.ts';
import { containerFields } from './pairing.ts';

export interface FieldOwner {
  /** Key path of the field within its level. */
  readonly path: string;
  /** The constraint's kind (`max`, `choice`…), for constraints. */
  readonly kind?: ConstraintKind;
}

export interface TableFields {
  readonly columns: ReadonlyMap<string, FieldOwner>;
  readonly constraints: ReadonlyMap<string, FieldOwner>;
}

/** Kinds a field's constraints have (`any` is the parents' check, no field's). */
const KINDS = CONSTRAINT_KINDS.filter((k) => k !== 'any');

export function tableFields(protocol: ResolvedProtocol, table: Table): TableFields {
  const columns = new Map<string, FieldOwner>();
  const constraints = new Map<string, FieldOwner>();
  const level = protocol.levels.find((l) => l.key === table.level);
  const own = (key: string, path: string) => {
    for (const kind of KINDS) constraints.set(constraintName(key, kind), { path, kind });
  };
  if (level && (table.role === 'level' || table.role === 'group')) {
    const group = table.role === 'group' ? table.field : undefined;
    const prefix = group === undefined ? '' : `${group}.`;
    for (const field of containerFields(level, group)) {
      const path = `${prefix}${field.key}`;
      columns.set(field.key, { path });
      columns.set(vocabularyTypeColumn(field.key), { path });
      own(field.key, path);
    }
  } else if (table.field !== undefined) {
    own(table.field.slice(table.field.lastIndexOf('.') + 1), table.field);
  }
  return { columns, constraints };
}
