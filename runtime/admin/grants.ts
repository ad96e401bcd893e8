/**
 * /api/admin/grants: list (`?module=` for one module's, `*` for the grants on every module), add one
 * grant — to exactly one of a role, a user or an organisation, for an installed module or '*', an
 * action and a scope — and remove one. Grants take effect on the grantee's next request.
 */
import type { Hono } from 'hono';
import { PERMISSION_ACTIONS, type PermissionScope } from '../auth/permissions.ts';
import { type Body, readObject } from '../auth/request-body.ts';
import { type Queryable, qualified } from '../db/database.ts';
import { badRequest, HttpError, invalid } from '../records/errors.ts';
import { choice, invalidField, pathId, roleName, unique, uuidOrNull } from './fields.ts';

const SCOPES: readonly PermissionScope[] = ['own', 'organisation', 'all'];
const GRANTEES = ['role', 'user_id', 'organisation_id'] as const;

interface GrantRow {
  id: string;
  role: string | null;
  user_id: string | null;
  user_login: string | null;
  organisation_id: string | null;
  organisation_name: string | null;
  module: string;
  action: string;
  scope: string;
  created_at: string;
}

const SELECT_GRANTS = `
  SELECT p.id, p.role, p.user_id, u.login AS user_login, p.organisation_id, o.name AS organisation_name,
         p.module_code AS module, p.action, p.scope, p.created_at
    FROM suivi.permission p
    LEFT JOIN suivi.app_user u ON u.id = p.user_id
    LEFT JOIN suivi.organisation o ON o.id = p.organisation_id`;

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
  const table = qualified('suivi', key === 'user_id' ? 'app_user' : 'organisation');
  const { rows } = await db.query(`SELECT 1 FROM ${table} WHERE id = $1::uuid`, [id]);
  if (rows.length === 0) throw invalidField(key, 'unknown', `« ${key} » : ${id} n’existe pas.`);
  return {
    role: null,
    user_id: key === 'user_id' ? id : null,
    organisation_id: key === 'organisation_id' ? id : null,
  };
}

export function mountGrantRoutes(app: Hono, db: Queryable, moduleCodes: readonly string[]): void {
  const modules = ['*', ...moduleCodes];

  app.get('/api/admin/grants', async (c) => {
    const module = c.req.query('module');
    if (module !== undefined && !modules.includes(module)) {
      throw badRequest([
        { path: '/query/module', code: 'enum', message: `« module » : ${modules.join(', ')}.` },
      ]);
    }
    const { rows } = await db.query<GrantRow>(
      `${SELECT_GRANTS} WHERE $1::text IS NULL OR p.module_code = $1
        ORDER BY p.module_code, p.role NULLS LAST, u.login NULLS LAST, o.name NULLS LAST, p.action, p.scope`,
      [module ?? null],
    );
    return c.json({ grants: rows.map(grant) });
  });

  app.post('/api/admin/grants', async (c) => {
    const body = await readObject(c);
    const grantee = await granteeOf(db, body);
    const module = choice(body, 'module', modules);
    const action = choice(body, 'action', PERMISSION_ACTIONS);
    const scope = choice(body, 'scope', SCOPES);
    const { rows } = await unique(
      () =>
        db.query<{ id: string }>(
          `INSERT INTO suivi.permission (role, user_id, organisation_id, module_code, action, scope)
           VALUES ($1, $2::uuid, $3::uuid, $4, $5, $6) RETURNING id`,
          [grantee.role, grantee.user_id, grantee.organisation_id, module, action, scope],
        ),
      '/action',
      'Cette permission existe déjà.',
    );
    const created = await db.query<GrantRow>(`${SELECT_GRANTS} WHERE p.id = $1::uuid`, [rows[0]?.id]);
    return c.json(grant(created.rows[0] as GrantRow), 201);
  });

  app.delete('/api/admin/grants/:id', async (c) => {
    const id = pathId(c.req.param('id'), 'La permission');
    const { rows } = await db.query('DELETE FROM suivi.permission WHERE id = $1::uuid RETURNING id', [id]);
    if (rows.length === 0) throw new HttpError(404, 'not_found', `La permission ${id} n’existe pas.`);
    return c.body(null, 204);
  });
}
