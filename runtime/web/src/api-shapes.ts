/**
 * The shapes of the API's answers and errors, apart from the fetch helpers (api.ts re-exports them):
 * the offline data layer answers in the same shapes without importing the helpers that load it.
 */
export interface ApiProblem {
  readonly path: string;
  readonly code: string;
  readonly message: string;
  /** Seconds to wait, on a 429 from the login (as the Retry-After header). */
  readonly retry_after?: number;
  /** A failed record check (code `check`): its id and its message in both languages. */
  readonly check_id?: string;
  readonly messages?: { readonly fr: string; readonly en?: string };
}

export type Json = Record<string, unknown>;

export interface Page {
  readonly items: readonly Json[];
  readonly total: number;
  /** False when the server stopped counting at its cap: more than `total` records match. */
  readonly total_exact: boolean;
  readonly page: number;
  readonly page_size: number;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly problems: readonly ApiProblem[],
  ) {
    super(problems.map((p) => p.message).join(' ') || `HTTP ${status}`);
  }
}
