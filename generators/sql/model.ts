/**
 * The dialect-neutral table model: tables, columns, constraints, indexes and comments as plain readonly
 * values, built from the resolved protocol (tables.ts) and rendered to SQL text (render-tables.ts). The
 * later migration generator diffs two of these. Only CHECK expressions are SQL text: they come from the
 * rule compiler, which targets PostgreSQL.
 */
import type { GeometryKind, ResolvedVocabulary } from '../../protocol-specs/index.ts';
import type { TableRef } from './names.ts';

export type ScalarType =
  | 'uuid'
  | 'text'
  | 'text_list'
  | 'integer'
  | 'numeric'
  | 'boolean'
  | 'date'
  | 'time'
  | 'timestamptz';

export type ColumnType = ScalarType | { readonly geometry: GeometryKind };

export type ColumnDefault =
  | { readonly kind: 'literal'; readonly value: string | number | boolean | readonly string[] }
  /** Functions built into PostgreSQL ≥ 13 and PGlite: no extension needed. */
  | { readonly kind: 'function'; readonly name: 'gen_random_uuid' | 'now' };

export interface Column {
  readonly name: string;
  readonly type: ColumnType;
  readonly notNull: boolean;
  readonly default?: ColumnDefault;
  /** A STORED generated column holding this constant text (the vocabulary type of a coded field). */
  readonly generatedConstant?: string;
  readonly comment: string;
}

export type ReferentialAction = 'restrict' | 'cascade';

export type Constraint =
  | { readonly kind: 'primary_key'; readonly name: string; readonly columns: readonly string[] }
  | { readonly kind: 'unique'; readonly name: string; readonly columns: readonly string[] }
  | {
      readonly kind: 'foreign_key';
      readonly name: string;
      readonly columns: readonly string[];
      readonly references: TableRef;
      readonly referencedColumns: readonly string[];
      readonly onDelete: ReferentialAction;
    }
  | {
      readonly kind: 'check';
      readonly name: string;
      /** A boolean PostgreSQL expression over the table's columns; NULL counts as satisfied. */
      readonly sql: string;
      /** The spec text it enforces, for the comment beside it (a rule's source, a literal bound). */
      readonly source?: string;
    };

export interface IndexColumn {
  readonly name: string;
  readonly descending?: boolean;
}

export interface Index {
  readonly name: string;
  readonly method: 'btree' | 'gist';
  readonly columns: readonly IndexColumn[];
}

export type TableRole = 'level' | 'group' | 'observers' | 'references' | 'media';

export interface Table extends TableRef {
  readonly role: TableRole;
  /** The level this table stores (role `level`) or belongs to. */
  readonly level: string;
  /** The field a child table stores, as a key path (`strata_cover`, `strata_cover.observers`). */
  readonly field?: string;
  readonly comment: string;
  readonly columns: readonly Column[];
  readonly constraints: readonly Constraint[];
  readonly indexes: readonly Index[];
  /** Rules this table cannot hold as constraints, in words: the server enforces them. */
  readonly serverRules: readonly string[];
  /** Values the server computes or fills (computed fields, rule defaults), in words. */
  readonly serverValues: readonly string[];
}

export interface SchemaModel {
  readonly schema: string;
  readonly comment: string;
  /** Protocol vocabularies: upserted into ref.vocabulary so the foreign keys find their codes. */
  readonly vocabularies: readonly ResolvedVocabulary[];
  /** Level tables in level order, each followed by its child tables. */
  readonly tables: readonly Table[];
}

/** The PostgreSQL type of each scalar column type (the runtime casts bound values with the same names). */
export const SQL_SCALAR_TYPES = {
  uuid: 'uuid',
  text: 'text',
  text_list: 'text[]',
  integer: 'integer',
  numeric: 'numeric',
  boolean: 'boolean',
  date: 'date',
  time: 'time',
  timestamptz: 'timestamptz',
} as const satisfies Record<ScalarType, string>;
