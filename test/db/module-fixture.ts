/**
 * Fixtures of the generated-schema tests, as data: the rows a module accepts, the rows it refuses (and
 * with which constraint), and what its views show. Rows are parameterised inserts; `{ wkt }` values go
 * through ST_GeomFromText, never into the SQL text.
 */
import type { Database, DbFailure } from './rows-database.ts';

export type SqlValue = string | number | boolean | null | readonly string[] | { readonly wkt: string };
export type Row = Readonly<Record<string, SqlValue>>;

export interface Insert {
  readonly table: string;
  readonly values: Row;
}

/** How a refused insert must fail. */
export type Refusal =
  | { readonly constraint: string }
  | { readonly notNull: string }
  /** A geometry of another type than the column's (PostGIS typmod error, no constraint name). */
  | { readonly geometryType: string };

export interface FailureCase {
  readonly name: string;
  readonly table: string;
  /** Changes to the first valid row of `table` (its `id` is dropped, so the row is new). */
  readonly set: Row;
  readonly expect: Refusal;
}

export interface ViewExpectation {
  readonly view: string;
  readonly rows: number;
  /** A subset of the row whose `key` column equals `id`. */
  readonly row?: {
    readonly key: string;
    readonly id: string;
    readonly values: Readonly<Record<string, unknown>>;
  };
}

export interface ModuleFixture {
  readonly code: string;
  readonly rows: readonly Insert[];
  readonly failures: readonly FailureCase[];
  readonly views: readonly ViewExpectation[];
}

export const check = (constraint: string): Refusal => ({ constraint });
export const notNull = (column: string): Refusal => ({ notNull: column });
export const geometryType = (got: string): Refusal => ({ geometryType: got });

/** Fixed UUIDs, readable in failures: `id(7)` → …-000000000007. */
export const id = (n: number): string => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

export const ORGANISATION = id(1);
export const USER = id(2);
export const FRAMEWORK = id(3);

export const media = (table: string, recordId: string, mime = 'image/jpeg'): Insert => ({
  table,
  values: {
    record_id: recordId,
    position: 1,
    file_name: 'photo.jpg',
    mime_type: mime,
    storage_key: `${table}/1`,
  },
});

export async function insert(db: Database, schema: string, table: string, values: Row): Promise<void> {
  const columns = Object.keys(values);
  const params: unknown[] = [];
  const placeholders = columns.map((c) => {
    const v = values[c];
    if (v !== null && typeof v === 'object' && 'wkt' in v) {
      params.push(v.wkt);
      return `ST_GeomFromText($${params.length}, 4326)`;
    }
    params.push(v);
    return `$${params.length}`;
  });
  const list = columns.map((c) => `"${c}"`).join(', ');
  await db.query(`INSERT INTO "${schema}"."${table}" (${list}) VALUES (${placeholders.join(', ')})`, params);
}

/** The row a failure case inserts: the table's first valid row, without its id, with the changes. */
export function failingRow(fixture: ModuleFixture, failure: FailureCase): Row {
  const base = fixture.rows.find((r) => r.table === failure.table);
  if (!base) throw new Error(`${fixture.code}: no valid row of ${failure.table} to start from`);
  const { id: _id, ...rest } = base.values;
  return { ...rest, ...failure.set };
}

/** The refusal as the same fields on both drivers, or a reason it does not match. */
export function mismatch(failure: DbFailure | undefined, expected: Refusal): string | undefined {
  if (!failure) return 'the insert succeeded';
  if ('constraint' in expected) {
    if (failure.constraint === expected.constraint && failure.message.includes(expected.constraint)) return;
  } else if ('notNull' in expected) {
    if (failure.code === '23502' && failure.column === expected.notNull) return;
  } else if (
    failure.code === '22023' &&
    failure.message.includes(`Geometry type (${expected.geometryType})`)
  ) {
    return;
  }
  return `refused otherwise: ${JSON.stringify(failure)}`;
}
