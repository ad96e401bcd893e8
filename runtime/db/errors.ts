/**
 * What a failed statement says, the same on both drivers (both carry PostgreSQL's error fields), so
 * callers map constraint names and SQLSTATE codes to API errors without knowing the engine.
 */
export interface DbFailure {
  /** SQLSTATE, e.g. 23505 unique violation, 23503 foreign key, 23514 check, 23502 not null. */
  readonly code?: string;
  readonly constraint?: string;
  readonly table?: string;
  readonly column?: string;
  readonly detail?: string;
  readonly message: string;
}

/** The PostgreSQL fields of a driver error, or undefined when the error did not come from the database. */
export function dbFailureOf(error: unknown): DbFailure | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const e = error as Record<string, unknown>;
  // Both drivers' DatabaseError carry a severity; a Node system error (EPERM…) has a code but none.
  if (typeof e.severity !== 'string' || typeof e.code !== 'string') return undefined;
  const failure: { -readonly [K in keyof DbFailure]: DbFailure[K] } = {
    code: e.code,
    message: typeof e.message === 'string' ? e.message : String(error),
  };
  for (const key of ['constraint', 'table', 'column', 'detail'] as const) {
    const value = e[key];
    if (typeof value === 'string' && value !== '') failure[key] = value;
  }
  return failure;
}
