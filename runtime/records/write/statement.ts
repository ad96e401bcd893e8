/**
 * Write statements remember which field each bound value came from, so that a value the database
 * refuses (a date out of its range, an integer too large) is reported at its field, not as a 500.
 */

/** The field values a statement binds, each with its JSON pointer, in the order they were given. */
export class FieldValues {
  readonly values: unknown[] = [];
  readonly paths: (string | undefined)[] = [];

  /** `value`, remembered as the value of the field at `path` (a JSON pointer into the record). */
  field<T>(path: string, value: T): T {
    this.values.push(value);
    this.paths.push(path);
    return value;
  }
}

/** A failed write statement, with its field values: the error mapper looks for the value the database quotes. */
export class StatementError extends Error {
  override readonly name = 'StatementError';
  constructor(
    override readonly cause: unknown,
    readonly params: FieldValues,
  ) {
    super(cause instanceof Error ? cause.message : String(cause));
  }
}

/** Runs a write statement (a Kysely query) whose field values are `fields`. */
export async function run<R>(statement: { execute(): Promise<R> }, fields: FieldValues): Promise<R> {
  try {
    return await statement.execute();
  } catch (error) {
    throw new StatementError(error, fields);
  }
}
