/**
 * Write statements remember which field each bound value came from, so that a value the database
 * refuses (a date out of its range, an integer too large) is reported at its field, not as a 500.
 */
import type { Queryable } from '../../db/database.ts';
import { SqlParams } from '../sql/params.ts';

export class FieldParams extends SqlParams {
  readonly paths: (string | undefined)[] = [];

  /** Binds a value of the field at `path` (a JSON pointer into the record). */
  field(path: string, value: unknown, cast?: string): string {
    const placeholder = this.bind(value, cast);
    this.paths[this.values.length - 1] = path;
    return placeholder;
  }
}

/** A failed write statement, with its parameters: the error mapper looks for the value the database quotes. */
export class StatementError extends Error {
  override readonly name = 'StatementError';
  constructor(
    override readonly cause: unknown,
    readonly params: FieldParams,
  ) {
    super(cause instanceof Error ? cause.message : String(cause));
  }
}

export async function run(db: Queryable, sql: string, params: FieldParams) {
  try {
    return await db.query(sql, params.values);
  } catch (error) {
    throw new StatementError(error, params);
  }
}
