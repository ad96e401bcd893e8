/**
 * A module schema as the catalog has it, in a form two schemas can be compared with (`toEqual`): tables,
 * columns (type, nullability, default, generated expression), constraints (pg_get_constraintdef), indexes
 * (pg_get_indexdef) and comments, sorted, with the schema's own name replaced by `<schema>` so a schema
 * migrated in place compares with a fresh install of the same spec under another name. Column order is
 * ignored (ADD COLUMN appends). PostgreSQL 18's NOT NULL constraints (contype `n`, PGlite) are left out:
 * their names are PostgreSQL's own, taken from the table and column they were created on, and the
 * columns' nullability already says what they say.
 *
 * Also `databaseState`: the snapshot plus every row of the schema, the schemas that exist and the
 * module's bookkeeping rows, to show that a refused upgrade left the database exactly as it was.
 */

import { renderAddedIndexes } from '../../generators/sql/added-indexes.ts';
import { renderTables } from '../../generators/sql/render-tables.ts';
import { schemaModel } from '../../generators/sql/tables.ts';
import type { ResolvedProtocol } from '../../protocol-specs/index.ts';
import type { Database, Queryable } from '../../runtime/db/database.ts';

export interface SchemaSnapshot {
  readonly tables: readonly string[];
  readonly columns: readonly string[];
  readonly constraints: readonly string[];
  readonly indexes: readonly string[];
  readonly comments: readonly string[];
}

const sorted = (rows: ReadonlyArray<{ line: string }>) => rows.map((r) => r.line).sort();

export async function schemaSnapshot(db: Queryable, schema: string): Promise<SchemaSnapshot> {
  const normalise = (text: string) =>
    text.replaceAll(`"${schema}".`, '<schema>.').replaceAll(`${schema}.`, '<schema>.');
  const lines = async (sql: string) =>
    sorted((await db.query<{ line: string }>(sql, [schema])).rows).map(normalise);
  return {
    tables: await lines(
      "SELECT c.relname AS line FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = $1 AND c.relkind = 'r'",
    ),
    columns: await lines(
      `SELECT c.relname || '.' || a.attname || ' ' || format_type(a.atttypid, a.atttypmod)
              || CASE WHEN a.attnotnull THEN ' NOT NULL' ELSE '' END
              || CASE WHEN a.attgenerated <> '' THEN ' GENERATED ' || pg_get_expr(d.adbin, d.adrelid)
                      WHEN d.adbin IS NOT NULL THEN ' DEFAULT ' || pg_get_expr(d.adbin, d.adrelid) ELSE '' END AS line
         FROM pg_attribute a
         JOIN pg_class c ON c.oid = a.attrelid
         JOIN pg_namespace n ON n.oid = c.relnamespace
         LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
        WHERE n.nspname = $1 AND c.relkind = 'r' AND a.attnum > 0 AND NOT a.attisdropped`,
    ),
    constraints: await lines(
      `SELECT c.relname || ' ' || k.conname || ' ' || k.contype::text || ' ' || pg_get_constraintdef(k.oid)
              || CASE WHEN k.convalidated THEN '' ELSE ' (not validated)' END AS line
         FROM pg_constraint k
         JOIN pg_class c ON c.oid = k.conrelid
         JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = $1 AND k.contype <> 'n'`,
    ),
    // Indexes of the tables only: the dashboards' materialized views (and their unique indexes) are derived
    // SQL, rebuilt by every install and upgrade, not part of the schema a migration must reproduce.
    indexes: await lines(
      `SELECT i.tablename || ' ' || i.indexname || ' ' || i.indexdef AS line
         FROM pg_indexes i
         JOIN pg_namespace n ON n.nspname = i.schemaname
         JOIN pg_class c ON c.relnamespace = n.oid AND c.relname = i.tablename
        WHERE i.schemaname = $1 AND c.relkind = 'r'`,
    ),
    comments: await lines(
      `SELECT 'schema: ' || coalesce(obj_description(n.oid, 'pg_namespace'), '') AS line FROM pg_namespace n WHERE n.nspname = $1
       UNION ALL
       SELECT c.relname || ': ' || coalesce(obj_description(c.oid, 'pg_class'), '')
         FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = $1 AND c.relkind = 'r'
       UNION ALL
       SELECT c.relname || '.' || a.attname || ': ' || coalesce(col_description(c.oid, a.attnum), '')
         FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = $1 AND c.relkind = 'r' AND a.attnum > 0 AND NOT a.attisdropped`,
    ),
  };
}

class Rollback extends Error {
  constructor(readonly snapshot: SchemaSnapshot) {
    super('rollback');
  }
}

/**
 * The snapshot of a fresh install of `protocol`'s tables, made under another schema name in the same
 * database and rolled back: what a migrated schema must equal.
 */
export async function freshSchemaSnapshot(db: Database, protocol: ResolvedProtocol): Promise<SchemaSnapshot> {
  const schema = `${protocol.code}_fresh`;
  try {
    await db.transaction(async (tx) => {
      // As a fresh install runs them: the tables, then the indexes added over them (derived 004-indexes.sql).
      const model = schemaModel({ ...protocol, code: schema });
      await tx.exec(`${renderTables(model)}\n${renderAddedIndexes(protocol, model)}`);
      throw new Rollback(await schemaSnapshot(tx, schema));
    });
  } catch (error) {
    if (error instanceof Rollback) return error.snapshot;
    throw error;
  }
  throw new Error('unreachable');
}

/** Everything a failed upgrade must leave as it was: the schema, its rows, the schemas, the module's rows. */
export async function databaseState(db: Queryable, schema: string): Promise<unknown> {
  const snapshot = await schemaSnapshot(db, schema);
  const rows: Record<string, string[]> = {};
  for (const table of snapshot.tables) {
    const found = await db.query<{ row: string }>(
      `SELECT to_jsonb(t)::text AS row FROM "${schema}"."${table.replaceAll('"', '""')}" AS t`,
    );
    rows[table] = found.rows.map((r) => r.row).sort();
  }
  const list = async (sql: string, params: unknown[] = []) =>
    (await db.query<{ line: string }>(sql, params)).rows.map((r) => r.line).sort();
  return {
    snapshot,
    rows,
    schemas: await list('SELECT nspname AS line FROM pg_namespace'),
    module: await list('SELECT to_jsonb(m)::text AS line FROM suivi.module m WHERE code = $1', [schema]),
    versions: await list('SELECT to_jsonb(v)::text AS line FROM suivi.module_version v WHERE code = $1', [
      schema,
    ]),
    vocabulary: await list(
      "SELECT to_jsonb(v)::text AS line FROM ref.vocabulary v WHERE source = 'protocol'",
    ),
  };
}
