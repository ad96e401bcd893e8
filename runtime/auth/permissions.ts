/**
 * Permissions: per module, the actions create, read, update, validate, export, delete (`Action`), each
 * with a scope — the actor's own records (created_by), their organisation's (organisation_id) or all.
 * Grants (suivi.permission) go to a role, a user or an organisation, for one module or every one ('*');
 * the widest scope granted wins. An administrator may do everything. A request decides each action's
 * scope once (`accessFor`); the scope becomes a Kysely predicate inside every read, write and export
 * query (`AccessScope.where`, `scopeWhere`), so nothing is filtered afterwards.
 */
import { type Expression, type SqlBool, sql } from 'kysely';
import { coreDb } from '../db/core-database.ts';
import type { Queryable } from '../db/database.ts';
import { HttpError } from '../http/errors.ts';
import type { AccessScope, Action, Actor } from '../records/access.ts';

/**
 * How grants store an action (suivi.permission.action) and the administration API names it:
 * GeoNature's CRUVED letters. Everything else says the action's name.
 */
export const ACTION_LETTERS = {
  create: 'C',
  read: 'R',
  update: 'U',
  validate: 'V',
  export: 'E',
  delete: 'D',
} as const satisfies Record<Action, string>;
export type PermissionAction = (typeof ACTION_LETTERS)[Action];
export type PermissionScope = 'own' | 'organisation' | 'all';

export const PERMISSION_ACTIONS: readonly PermissionAction[] = Object.values(ACTION_LETTERS);

/** The widest scope granted per `module:action` ('*' for every module). */
export type Grants = ReadonlyMap<string, PermissionScope>;

const WIDTH: Readonly<Record<PermissionScope, number>> = { own: 1, organisation: 2, all: 3 };

const ACTION_LABEL: Readonly<Record<Action, string>> = {
  create: 'créer',
  read: 'lire',
  update: 'modifier',
  validate: 'valider',
  export: 'exporter',
  delete: 'supprimer',
};

/** The grants of a user: their own, their organisation's and their roles'. */
export async function loadGrants(
  db: Queryable,
  userId: string,
  organisationId: string | null,
): Promise<Grants> {
  const rows = await coreDb(db)
    .selectFrom('suivi.permission as p')
    .select(['p.module_code', 'p.action', 'p.scope'])
    .where((eb) =>
      eb.or([
        eb('p.user_id', '=', userId),
        eb('p.organisation_id', '=', organisationId),
        eb(
          'p.role',
          'in',
          eb.selectFrom('suivi.user_role as r').select('r.role').where('r.user_id', '=', userId),
        ),
      ]),
    )
    .execute();
  const grants = new Map<string, PermissionScope>();
  for (const r of rows) {
    const key = `${r.module_code}:${r.action}`;
    const known = grants.get(key);
    if (!known || WIDTH[r.scope] > WIDTH[known]) grants.set(key, r.scope);
  }
  return grants;
}

/** The widest scope of `action` on `module`, undefined when nothing is granted. */
export function scopeFor(
  actor: Actor,
  grants: Grants,
  module: string,
  action: Action,
): PermissionScope | undefined {
  if (actor.isAdmin) return 'all';
  const own = grants.get(`${module}:${ACTION_LETTERS[action]}`);
  const any = grants.get(`*:${ACTION_LETTERS[action]}`);
  if (own && any) return WIDTH[own] >= WIDTH[any] ? own : any;
  return own ?? any;
}

/** 401 for nobody, 403 for an actor with no grant of `action` on `module`; the scope otherwise. */
export function requireScope(actor: Actor, grants: Grants, module: string, action: Action): PermissionScope {
  if (actor.userId === null) {
    throw new HttpError(401, 'unauthorized', 'Connectez-vous pour accéder aux enregistrements.');
  }
  const scope = scopeFor(actor, grants, module, action);
  if (!scope) {
    throw new HttpError(
      403,
      'forbidden',
      `Vous n’avez pas le droit de ${ACTION_LABEL[action]} les enregistrements du module ${module}.`,
    );
  }
  return scope;
}

/**
 * The rows `scope` reaches on a level table aliased `alias`: the actor's own (created_by), their
 * organisation's (organisation_id), or every one (undefined: no predicate). The one predicate of a
 * grant: the record operations' `AccessScope.where` and the extensions' `grant.where(alias)` both
 * come here.
 */
export function scopeWhere(
  actor: Actor,
  scope: PermissionScope,
  alias: string,
): Expression<SqlBool> | undefined {
  if (scope === 'all') return undefined;
  const column = scope === 'own' ? 'created_by' : 'organisation_id';
  const value = scope === 'own' ? actor.userId : actor.organisationId;
  // A user without an organisation has no organisation's records.
  if (value === null) return sql<SqlBool>`FALSE`;
  return sql<SqlBool>`${sql.id(alias, column)} = ${value}::uuid`;
}

/** The access of one request's actor: `require` decides an action's scope, `where` puts it in a query. */
export interface RequestAccess extends AccessScope {
  /** 401/403 unless the actor may do `action` on `module`; its scope otherwise, decided once per request. */
  require(module: string, action: Action): PermissionScope;
}

/** The access hook of the record operations for one request's actor. */
export function accessFor(actor: Actor, grants: Grants): RequestAccess {
  const decided = new Map<string, PermissionScope>();
  const require = (module: string, action: Action): PermissionScope => {
    const key = `${module}:${action}`;
    const known = decided.get(key);
    if (known) return known;
    const scope = requireScope(actor, grants, module, action);
    decided.set(key, scope);
    return scope;
  };
  return {
    require,
    where: ({ module, action, alias }) => scopeWhere(actor, require(module, action), alias),
  };
}
