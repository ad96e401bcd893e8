/** /api/admin/organisations: list (with their number of users), create, rename. Names are unique. */
import type { Hono } from 'hono';
import { readObject } from '../auth/request-body.ts';
import { coreDb } from '../db/core-database.ts';
import type { Queryable } from '../db/database.ts';
import { HttpError } from '../http/errors.ts';
import { pathId, requiredText, unique } from './fields.ts';

/** Each organisation with its number of users. */
const selectOrganisations = (db: Queryable) =>
  coreDb(db)
    .selectFrom('suivi.organisation as o')
    .select((eb) => [
      'o.id',
      'o.name',
      eb
        .selectFrom('suivi.app_user as u')
        .select(eb.fn.countAll<number>().as('n'))
        .whereRef('u.organisation_id', '=', 'o.id')
        .$asScalar()
        .as('users'),
    ]);

export function mountOrganisationRoutes(app: Hono, db: Queryable): void {
  app.get('/api/admin/organisations', async (c) => {
    const rows = await selectOrganisations(db).orderBy('o.name').orderBy('o.id').execute();
    return c.json({ organisations: rows });
  });

  app.post('/api/admin/organisations', async (c) => {
    const name = requiredText(await readObject(c), 'name');
    const { id } = await unique(
      () =>
        coreDb(db)
          .insertInto('suivi.organisation')
          .values({ name })
          .returning('id')
          .executeTakeFirstOrThrow(),
      '/name',
      `Une organisation s’appelle déjà « ${name} ».`,
    );
    return c.json({ id, name, users: 0 }, 201);
  });

  app.patch('/api/admin/organisations/:id', async (c) => {
    const id = pathId(c.req.param('id'), 'L’organisation');
    const name = requiredText(await readObject(c), 'name');
    const { numUpdatedRows } = await unique(
      () =>
        coreDb(db).updateTable('suivi.organisation').set({ name }).where('id', '=', id).executeTakeFirst(),
      '/name',
      `Une organisation s’appelle déjà « ${name} ».`,
    );
    if (numUpdatedRows === 0n) throw new HttpError(404, 'not_found', `L’organisation ${id} n’existe pas.`);
    const found = await selectOrganisations(db).where('o.id', '=', id).executeTakeFirstOrThrow();
    return c.json(found);
  });
}
