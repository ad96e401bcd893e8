/**
 * test/db's database interface: queries return their rows. The fixtures and the seed are written against
 * it; databases.ts opens it on the test engines.
 */

export interface Database {
  readonly name: 'pglite' | 'postgresql';
  /** Runs one or more statements, without parameters. */
  exec(sql: string): Promise<void>;
  query<Row = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<Row[]>;
  close(): Promise<void>;
}

/** What a failed statement says, the same on both drivers (both carry PostgreSQL's error fields). */
export interface DbFailure {
  readonly code?: string;
  readonly constraint?: string;
  readonly column?: string;
  readonly message: string;
}

export function failureOf(error: unknown): DbFailure {
  const e = error as { code?: string; constraint?: string; column?: string; message?: string };
  return {
    ...(e.code ? { code: e.code } : {}),
    ...(e.constraint ? { constraint: e.constraint } : {}),
    ...(e.column ? { column: e.column } : {}),
    message: e.message ?? String(error),
  };
}
