/** /api/admin/organisations: list (with their number of users), create, rename. Names are unique. */
import type { Hono } from 'hono';
import { readObject } from '../auth/request-body.ts';
import type { Queryable } from '../db/database.ts';
import { HttpError } from '../records/errors.ts';
import { pathId, requiredText, unique } from './fields.ts';

interface OrganisationRow {
  id: string;
  name: string;
  users: number;
}

const SELECT = `SELECT o.id, o.name, (SELECT count(*)::int FROM suivi.app_user u WHERE u.organisation_id = o.id) AS users
                  FROM suivi.organisation o`;

export function mountOrganisationRoutes(app: Hono, db: Queryable): void {
  app.get('/api/admin/organisations', async (c) => {
    const { rows } = await db.query<OrganisationRow>(`${SELECT} ORDER BY o.name, o.id`);
    return c.json({ organisations: rows });
  });

  app.post('/api/admin/organisations', async (c) => {
    const name = requiredText(await readObject(c), 'name');
    const { rows } = await unique(
      () =>
        db.query<{ id: string }>('INSERT INTO suivi.organisation (name) VALUES ($1) RETURNING id', [name]),
      '/name',
      `Une organisation s’appelle déjà « ${name} ».`,
    );
    return c.json({ id: rows[0]?.id, name, users: 0 }, 201);
  });

  app.patch('/api/admin/organisations/:id', async (c) => {
    const id = pathId(c.req.param('id'), 'L’organisation');
    const name = requiredText(await readObject(c), 'name');
    const { rows } = await unique(
      () => db.query('UPDATE suivi.organisation SET name = $2 WHERE id = $1::uuid RETURNING id', [id, name]),
      '/name',
      `Une organisation s’appelle déjà « ${name} ».`,
    );
    if (rows.length === 0) throw new HttpError(404, 'not_found', `L’organisation ${id} n’existe pas.`);
    const found = await db.query<OrganisationRow>(`${SELECT} WHERE o.id = $1::uuid`, [id]);
    return c.json(found.rows[0]);
  });
}
