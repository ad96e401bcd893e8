/**
 * Who acts, and what they may see: the hooks organisation scoping plugs into. Permissions are not
 * decided here; every read, write and export query asks `access.where` for a predicate on its rows and
 * puts it in its WHERE clause, so a scope is enforced by the database, never by filtering afterwards.
 */
import type { Expression, SqlBool } from 'kysely';
import type { Action } from '../../generators/model/index.ts';

export type { Action };

export interface Actor {
  /** Recorded as created_by / updated_by / deleted_by, and what `currentUser()` returns. */
  readonly userId: string | null;
  /** Recorded as a new record's organisation_id. */
  readonly organisationId: string | null;
  /** An administrator: every action on every record (runtime/auth). */
  readonly isAdmin?: boolean;
}

export interface ScopeArgs {
  readonly module: string;
  readonly level: string;
  readonly action: Action;
  /** The alias of the level's table in the query. */
  readonly alias: string;
}

export interface AccessScope {
  /**
   * A Kysely predicate limiting the rows of `level` (aliased `alias`) the actor may touch for `action`,
   * its values bound parameters; undefined for no limit. Queries join it with their other predicates
   * through `allOf` (sql/dynamic.ts), which keeps it one clause whatever its shape. Example:
   * sql<SqlBool>`${sql.id(alias, 'organisation_id')} = ${org}::uuid`.
   * Never asked for `create`: a new record takes the actor's organisation, so it is in any organisation
   * scope; whether the actor may create at all is decided before the operation runs, and the parents it
   * names must be readable (`read`).
   */
  where(args: ScopeArgs): Expression<SqlBool> | undefined;
}

/** No limit: every row of every level (tests, scripts; the server uses runtime/auth's `accessFor`). */
export const UNRESTRICTED: AccessScope = { where: () => undefined };

export const ANONYMOUS: Actor = { userId: null, organisationId: null };
