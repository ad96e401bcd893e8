/**
 * The module model: what the runtime needs to serve a module, as plain JSON data derived once from the
 * resolved protocol (build.ts) and written to `model/model.json`. Dialect-neutral: tables and columns
 * by name and neutral type, the links between levels, where each field of a record is kept, what the
 * lists accept, and the route table. The runtime reads it instead of re-deriving any of it.
 */

import type { ColumnType, TableRole } from '../sql/model.ts';
import type { ConstraintKind } from '../sql/names.ts';
import type { LevelQuery, QuerySpecData } from './list-query.ts';
import type { Route } from './route-table.ts';

export interface TableName {
  readonly schema: string;
  readonly name: string;
}

export interface ColumnModel {
  readonly name: string;
  readonly type: ColumnType;
  readonly notNull: boolean;
}

/**
 * A named constraint and what it is about, so a database refusal can name the field. Names longer than
 * PostgreSQL's 63 bytes are hashed: this is the only place that knows which key and kind a name stands for.
 */
export interface ConstraintModel {
  readonly name: string;
  /**
   * A check or foreign key by the convention `<key>__<kind>`; `primary_key` or `unique` for keys;
   * `record_check` for a level's record check (`ck_<table>_<id>`, its key the check's id).
   */
  readonly kind: ConstraintKind | 'primary_key' | 'unique' | 'record_check';
  /** The column or field key the constraint is about (the last column of a key; a record check's id). */
  readonly key: string;
  /** A foreign key's target table. */
  readonly references?: TableName;
}

export interface TableModel extends TableName {
  readonly role: TableRole;
  /** The level the table stores or belongs to. */
  readonly level: string;
  /** The field a child table stores, as a key path (`strata_cover`, `strata_cover.observers`). */
  readonly field?: string;
  readonly columns: readonly ColumnModel[];
  readonly constraints: readonly ConstraintModel[];
}

/** Where one field of a record (or of a group row) is kept, the field named by its key. */
export type StoreModel =
  | { readonly kind: 'column'; readonly field: string; readonly column: string; readonly type: ColumnType }
  | { readonly kind: 'observers'; readonly field: string; readonly table: TableName }
  | { readonly kind: 'references'; readonly field: string; readonly table: TableName }
  | { readonly kind: 'media'; readonly field: string; readonly table: TableName }
  | { readonly kind: 'group'; readonly field: string; readonly rows: RecordShapeModel }
  /** A section heading: it stores nothing. */
  | { readonly kind: 'none'; readonly field: string };

/** A level record, or a group row: its table and how each of its fields is stored, in form order. */
export interface RecordShapeModel {
  readonly table: TableName;
  readonly stores: readonly StoreModel[];
}

export interface LevelLink {
  /** The other level's key. */
  readonly key: string;
  /** The `<parent>_id` column holding the link (in the child's table). */
  readonly column: string;
}

export interface LevelModel {
  readonly key: string;
  readonly record: RecordShapeModel;
  /** The level's table, then its child tables (multi-valued fields, group rows). */
  readonly tables: readonly TableModel[];
  readonly parents: readonly LevelLink[];
  /** Levels naming this one among their parents, with their link column to it. */
  readonly children: readonly LevelLink[];
  readonly hasGeometry: boolean;
  /** Its records carry a validation status (the occurrence level; protocol-specs/standard/validation.ts). */
  readonly validated: boolean;
  /** Level keys of the ancestors the level's rules read (`parent` resolved to its level). */
  readonly reads: readonly string[];
  /** What the level's lists accept, by field: the SQL side of a list. */
  readonly query: LevelQuery;
  /** The same, by query parameter name: what a query string is read against. */
  readonly querySpec: QuerySpecData;
  readonly exportView: TableName;
}

export interface ModuleModel {
  readonly code: string;
  readonly version: number;
  /** Parents before children. */
  readonly levels: readonly LevelModel[];
  /** Every route of the module, in the order they are mounted and documented (openapi/openapi.json). */
  readonly routes: readonly Route[];
}
