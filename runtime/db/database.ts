/**
 * The one database interface the runtime uses, over embedded PGlite (+ PostGIS) or PostgreSQL. Values are
 * always bound as parameters; identifiers go through `ident()`. Both engines are set up to return the
 * same JavaScript values (dates as 'YYYY-MM-DD' strings, int8 as numbers, jsonb parsed).
 */
export interface QueryResult<Row> {
  readonly rows: Row[];
  readonly rowCount: number;
}

export interface Queryable {
  query<Row = Record<string, unknown>>(text: string, params?: readonly unknown[]): Promise<QueryResult<Row>>;
  /** Runs a script of several statements with no parameters (migrations, generated module SQL). */
  exec(script: string): Promise<void>;
}

export interface Database extends Queryable {
  readonly engine: 'pglite' | 'postgres';
  /** Runs `work` in one transaction: committed if it resolves, rolled back if it throws. */
  transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** Quotes an SQL identifier (schema, table, column): the only way names enter SQL text. */
export function ident(name: string): string {
  if (name.includes('\u0000')) throw new Error('an identifier cannot contain a NUL character');
  return `"${name.replaceAll('"', '""')}"`;
}

/** `schema.table`, both quoted. */
export const qualified = (schema: string, table: string) => `${ident(schema)}.${ident(table)}`;
