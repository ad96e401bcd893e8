/**
 * The contract between the storage of one field kind (columns.ts, link-tables.ts) and the table builder
 * (tables.ts): what a kind is told, and what it answers.
 */
import type { FieldKind, GroupField, ResolvedField, ResolvedProtocol } from '../../protocol-specs/index.ts';
import type { Column, Constraint, Table } from './model.ts';
import type { TableRef } from './names.ts';

export interface StorageContext {
  readonly protocol: ResolvedProtocol;
  readonly table: TableRef;
  readonly level: string;
  /** Key path of the field for child tables and messages: `strata_cover.` inside a group, else ''. */
  readonly path: string;
  /** Builds a group's row table and its own children (tables.ts); passed in so the files do not import each other. */
  readonly groupTables: (field: GroupField, context: StorageContext) => readonly Table[];
}

export interface FieldStorage {
  /** The column holding the value, when the value lives in the record's own table. */
  readonly column?: Column;
  /** Helper columns beside it (the generated vocabulary type). */
  readonly extraColumns: readonly Column[];
  readonly constraints: readonly Constraint[];
  /** Columns of the record's table worth an index, and with which method. */
  readonly indexed: readonly { readonly column: string; readonly method: 'btree' | 'gist' }[];
  readonly children: readonly Table[];
  readonly serverRules: readonly string[];
}

/** The field type of one kind (Extract would miss interfaces that hold several kinds, like NumberField). */
export type FieldOf<K extends FieldKind> = ResolvedField & { readonly kind: K };
