/**
 * Who acts, and what they may see: the hooks organisation scoping plugs into. Permissions are not
 * decided here; every read, write and export query asks `access.where` for a predicate on its rows and
 * puts it in its WHERE clause, so a scope is enforced by the database, never by filtering afterwards.
 */
import type { Action } from '../../generators/model/index.ts';
import type { Bind } from './sql/params.ts';

export type { Action };

export interface Actor {
  /** Recorded as created_by / updated_by / deleted_by, and what `currentUser()` returns. */
  readonly userId: string | null;
  /** Recorded as a new record's organisation_id. */
  readonly organisationId: string | null;
  /** An administrator: every action on every record (runtime/auth). */
  readonly isAdmin?: boolean;
}

export interface AccessScope {
  /**
   * An SQL predicate limiting the rows of `level` (aliased `alias`) the actor may touch for `action`, its
   * values bound with `bind`; undefined for no limit. Example: `${alias}.organisation_id = ${bind(org, 'uuid')}`.
   * Never asked for `create`: a new record takes the actor's organisation, so it is in any organisation
   * scope; whether the actor may create at all is decided before the operation runs, and the parents it
   * names must be readable (`read`).
   */
  where(args: {
    readonly module: string;
    readonly level: string;
    readonly action: Action;
    readonly alias: string;
    readonly bind: Bind;
  }): string | undefined;
}

/** No limit: every row of every level (tests, scripts; the server uses runtime/auth's `accessFor`). */
export const UNRESTRICTED: AccessScope = { where: () => undefined };

export const ANONYMOUS: Actor = { userId: null, organisationId: null };
