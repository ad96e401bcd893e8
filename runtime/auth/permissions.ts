/**
 * Permissions: per module, actions Create, Read, Update, Validate, Export, Delete, each with a scope —
 * the actor's own records (created_by), their organisation's (organisation_id) or all. Grants
 * (suivi.permission) go to a role, a user or an organisation, for one module or every one ('*'); the
 * widest scope granted wins. An administrator may do everything. The scope becomes an SQL predicate
 * inside every read, write and export query (`AccessScope.where`), so nothing is filtered afterwards.
 */
import { coreDb } from '../db/core-database.ts';
import type { Queryable } from '../db/database.ts';
import { ident } from '../db/database.ts';
import type { AccessScope, Actor, RecordAction } from '../records/access.ts';
import { HttpError } from '../records/errors.ts';

export type PermissionAction = 'C' | 'R' | 'U' | 'V' | 'E' | 'D';
export type PermissionScope = 'own' | 'organisation' | 'all';

export const PERMISSION_ACTIONS: readonly PermissionAction[] = ['C', 'R', 'U', 'V', 'E', 'D'];

/** The widest scope granted per `module:action` ('*' for every module). */
export type Grants = ReadonlyMap<string, PermissionScope>;

const WIDTH: Readonly<Record<PermissionScope, number>> = { own: 1, organisation: 2, all: 3 };

const ACTION_OF: Readonly<Record<RecordAction, PermissionAction>> = {
  read: 'R',
  update: 'U',
  delete: 'D',
  export: 'E',
  validate: 'V',
};

const ACTION_LABEL: Readonly<Record<PermissionAction, string>> = {
  C: 'créer',
  R: 'lire',
  U: 'modifier',
  V: 'valider',
  E: 'exporter',
  D: 'supprimer',
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
  action: PermissionAction,
): PermissionScope | undefined {
  if (actor.isAdmin) return 'all';
  const own = grants.get(`${module}:${action}`);
  const any = grants.get(`*:${action}`);
  if (own && any) return WIDTH[own] >= WIDTH[any] ? own : any;
  return own ?? any;
}

/** 401 for nobody, 403 for an actor with no grant of `action` on `module`; the scope otherwise. */
export function requireScope(
  actor: Actor,
  grants: Grants,
  module: string,
  action: PermissionAction,
): PermissionScope {
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

/** The access hook of the record operations for one request's actor. */
export function accessFor(actor: Actor, grants: Grants): AccessScope {
  return {
    where({ module, action, alias, bind }) {
      const scope = requireScope(actor, grants, module, ACTION_OF[action]);
      if (scope === 'all') return undefined;
      const column = scope === 'own' ? 'created_by' : 'organisation_id';
      const value = scope === 'own' ? actor.userId : actor.organisationId;
      // A user without an organisation has no organisation's records.
      if (value === null) return 'FALSE';
      return `${ident(alias)}.${ident(column)} = ${bind(value, 'uuid')}`;
    },
  };
}
