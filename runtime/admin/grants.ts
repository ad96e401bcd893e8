/**
 * /api/admin/grants: list (`?module=` for one module's, `*` for the grants on every module), add one
 * grant — to exactly one of a role, a user or an organisation, for an installed module or '*', an
 * action and a scope — and remove one. Grants take effect on the grantee's next request.
 */
import type { Hono } from 'hono';
import type { InferResult } from 'kysely';
import { PERMISSION_ACTIONS, type PermissionScope } from '../auth/permissions.ts';
import { type Body, readObject } from '../auth/request-body.ts';
import { coreDb } from '../db/core-database.ts';
import type { Queryable } from '../db/database.ts';
import { badRequest, HttpError, invalid } from '../http/errors.ts';
import { choice, invalidField, pathId, roleName, unique, uuidOrNull } from './fields.ts';

const SCOPES: readonly PermissionScope[] = ['own', 'organisation', 'all'];
const GRANTEES = ['role', 'user_id', 'organisation_id'] as const;

const selectGrants = (db: Queryable) =>
  coreDb(db)
    .selectFrom('suivi.permission as p')
    .leftJoin('suivi.app_user as u', 'u.id', 'p.user_id')
    .leftJoin('suivi.organisation as o', 'o.id', 'p.organisation_id')
    .select([
      'p.id',
      'p.role',
      'p.user_id',
      'u.login as user_login',
      'p.organisation_id',
      'o.name as organisation_name',
      'p.module_code as module',
      'p.action',
      'p.scope',
      'p.created_at',
    ]);
type GrantRow = InferResult<ReturnType<typeof selectGrants>>[number];

const grant = ({ user_id, user_login, organisation_id, organisation_name, ...r }: GrantRow) => ({
  ...r,
  user: user_id === null ? null : { id: user_id, login: user_login ?? '' },
  organisation: organisation_id === null ? null : { id: organisation_id, name: organisation_name ?? '' },
});

/** Exactly one grantee, which must exist. */
async function granteeOf(db: Queryable, body: Body) {
  const given = GRANTEES.filter((k) => body[k] !== undefined && body[k] !== null);
  if (given.length !== 1) {
    throw invalid([
      {
        path: '/role',
        code: 'grantee',
        message: 'Donnez exactement un bénéficiaire : role, user_id ou organisation_id.',
      },
    ]);
  }
  const [key] = given as [(typeof GRANTEES)[number]];
  if (key === 'role') return { role: roleName(body.role, '/role'), user_id: null, organisation_id: null };
  const id = uuidOrNull(body, key) as string;
  const found = await coreDb(db)
    .selectFrom(key === 'user_id' ? 'suivi.app_user' : 'suivi.organisation')
    .select('id')
    .where('id', '=', id)
    .executeTakeFirst();
  if (!found) throw invalidField(key, 'unknown', `« ${key} » : ${id} n’existe pas.`);
  return {
    role: null,
    user_id: key === 'user_id' ? id : null,
    organisation_id: key === 'organisation_id' ? id : null,
  };
}

export function mountGrantRoutes(app: Hono, db: Queryable, moduleCodes: () => readonly string[]): void {
  const modulesNow = () => ['*', ...moduleCodes()];

  app.get('/api/admin/grants', async (c) => {
    const module = c.req.query('module');
    const modules = modulesNow();
    if (module !== undefined && !modules.includes(module)) {
      throw badRequest([
        { path: '/query/module', code: 'enum', message: `« module » : ${modules.join(', ')}.` },
      ]);
    }
    const all = selectGrants(db)
      .orderBy('p.module_code')
      .orderBy('p.role', (ob) => ob.nullsLast())
      .orderBy('u.login', (ob) => ob.nullsLast())
      .orderBy('o.name', (ob) => ob.nullsLast())
      .orderBy('p.action')
      .orderBy('p.scope');
    const rows = await (module === undefined ? all : all.where('p.module_code', '=', module)).execute();
    return c.json({ grants: rows.map(grant) });
  });

  app.post('/api/admin/grants', async (c) => {
    const body = await readObject(c);
    const grantee = await granteeOf(db, body);
    const module = choice(body, 'module', modulesNow());
    const action = choice(body, 'action', PERMISSION_ACTIONS);
    const scope = choice(body, 'scope', SCOPES);
    const { id } = await unique(
      () =>
        coreDb(db)
          .insertInto('suivi.permission')
          .values({ ...grantee, module_code: module, action, scope })
          .returning('id')
          .executeTakeFirstOrThrow(),
      '/action',
      'Cette permission existe déjà.',
    );
    const created = await selectGrants(db).where('p.id', '=', id).executeTakeFirstOrThrow();
    return c.json(grant(created), 201);
  });

  app.delete('/api/admin/grants/:id', async (c) => {
    const id = pathId(c.req.param('id'), 'La permission');
    const { numDeletedRows } = await coreDb(db)
      .deleteFrom('suivi.permission')
      .where('id', '=', id)
      .executeTakeFirst();
    if (numDeletedRows === 0n) throw new HttpError(404, 'not_found', `La permission ${id} n’existe pas.`);
    return c.body(null, 204);
  });
}
