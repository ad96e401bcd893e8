import type { Labels } from '../../../protocol-specs/index.ts';

/** A problem found while validating a record, before it is worded: where, what, and the limit it broke. */
export interface Violation {
  /** JSON pointer into the record: `/count_total`, `/strata_cover/2/cover_pct`; '' for the whole record. */
  readonly path: string;
  /** Machine-readable: required, type, min, max, pattern, choice, unknown_field, parent_missing… */
  readonly code: string;
  /** The bound, the expected type or format, the allowed values. */
  readonly expected?: unknown;
  /** A short fact to add to the message (a database's reason, the offending value). */
  readonly detail?: string;
  /** A failed record check (code `check`): its id and its own message. */
  readonly check?: { readonly id: string; readonly message: Labels };
}

/** Violations of one path and code once each, in the order found. */
export function distinct(violations: readonly Violation[]): Violation[] {
  const seen = new Set<string>();
  return violations.filter((v) => {
    const key = `${v.path}\u0000${v.code}\u0000${v.check?.id ?? ''}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** True when `path` is `prefix` or lies below it. */
export const under = (path: string, prefix: string): boolean =>
  path === prefix || path.startsWith(`${prefix}/`);
