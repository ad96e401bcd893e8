/**
 * Kysely over the module tables. The record engine serves every module, so their tables and columns
 * are known at run time only (the module model): its queries name them with dynamic references
 * (`tableAs`, `columnOf`: `sql.id`, each part quoted, never split on dots) inside Kysely's builders,
 * and type their rows where they read them. The core tables (`suivi.*`, `ref.*`) keep their types
 * (runtime/db/core-database.ts). A module's typed `Database` (types/<code>.ts) is for extension code.
 *
 * Values always enter as bound parameters: a value in a `sql` template or a builder is `$n`; the only
 * raw text is an SQL type name taken from the closed list `SqlCast`.
 */
import {
  type Expression,
  expressionBuilder,
  type Kysely,
  type RawBuilder,
  type SelectQueryBuilder,
  type SqlBool,
  sql,
} from 'kysely';
import type { ScalarType, SQL_SCALAR_TYPES } from '../../../generators/model/index.ts';
import type { CoreDatabase } from '../../db/core-database.ts';
import type { Queryable } from '../../db/database.ts';
import { kyselyOver } from '../../db/kysely-dialect.ts';
import type { TableName } from '../model/record-shape.ts';

/** A row of a module table: its columns are known at run time. */
export type DynamicRow = Record<string, unknown>;

/** The core tables, typed; module tables go through `tableAs` (their names are not keys of this type). */
export type RecordsDatabase = CoreDatabase & Record<string, DynamicRow>;

/** Queries of the record engine on `q` (a Database, or a transaction's tx). */
export const recordsDb = (q: Queryable): Kysely<RecordsDatabase> => kyselyOver<RecordsDatabase>(q);

/** Subqueries and predicates built before the query that holds them (no database needed to build). */
export const dynamicEb = expressionBuilder<RecordsDatabase>();

/** A module table under an alias, for `selectFrom`, `updateTable`, `deleteFrom` and joins. */
export const tableAs = <A extends string>(table: TableName, alias: A) =>
  sql.id<DynamicRow>(table.schema, table.name).as(alias);

/** The column `name` of the table aliased `alias`. */
export const columnOf = <T = unknown>(alias: string, name: string): RawBuilder<T> => sql.id<T>(alias, name);

/** `r.<column> = id::uuid`: the record `id` (or, `column` a parent link, the children of the record `id`). */
export const idIs = (id: string, column = 'id', alias = 'r') =>
  sql<SqlBool>`${columnOf(alias, column)} = ${bound(id, 'uuid')}`;

/** The casts bound values take: the column types, and the few the engine adds (lists, bigint, float8). */
export type SqlCast =
  | (typeof SQL_SCALAR_TYPES)[ScalarType]
  | 'uuid[]'
  | 'text[]'
  | 'integer[]'
  | 'bigint'
  | 'bigint[]'
  | 'float8'
  | 'date[]'
  | 'numeric[]'
  | 'boolean[]'
  | 'time[]'
  | 'timestamptz[]';

/** `value::cast`: bound, and read by the database as that type whatever the driver sends. */
export const bound = <T = unknown>(value: unknown, cast: SqlCast): RawBuilder<T> =>
  sql<T>`${value}::${sql.raw(cast)}`;

/** `expression::cast`. */
export const castAs = <T = unknown>(expression: Expression<unknown>, cast: SqlCast): RawBuilder<T> =>
  sql<T>`${expression}::${sql.raw(cast)}`;

/** `column = ANY($n::cast)`, `cast` an array type: one bound array, however many values. */
export const isAnyOf = (column: Expression<unknown>, values: readonly unknown[], cast: SqlCast) =>
  sql<SqlBool>`${column} = ANY(${values}::${sql.raw(cast)})`;

/**
 * Predicates joined with AND, each in parentheses (Kysely's own `and` does not parenthesise a raw
 * `a OR b`, which would then leak into its neighbours); TRUE when there are none.
 */
export function allOf(predicates: readonly (Expression<SqlBool> | undefined)[]): Expression<SqlBool> {
  const present = predicates.filter((p): p is Expression<SqlBool> => p !== undefined);
  if (present.length === 0) return sql<SqlBool>`TRUE`;
  return sql<SqlBool>`${sql.join(present.map(oneClause), sql` AND `)}`;
}

/** A predicate in parentheses, so that one written `a OR b` stays one clause beside others. */
function oneClause(predicate: Expression<SqlBool>): Expression<SqlBool> {
  return sql<SqlBool>`(${predicate})`;
}

/** A term of an ORDER BY. */
export interface OrderTerm {
  readonly expression: Expression<unknown>;
  readonly direction: 'asc' | 'desc';
}

/** `query` ordered by `terms`, in order. */
export const ordered = <DB, TB extends keyof DB, O>(
  query: SelectQueryBuilder<DB, TB, O>,
  terms: readonly OrderTerm[],
): SelectQueryBuilder<DB, TB, O> => terms.reduce((q, t) => q.orderBy(t.expression, t.direction), query);
