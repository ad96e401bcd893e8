/**
 * /api/admin/metadata (both lists), /api/admin/frameworks and /api/admin/datasets (create, edit,
 * delete): the SINP metadata, for administrators (the /api/admin/* guard applies). Labels are required,
 * SINP UUIDs optional and unique (409), a dataset's framework must exist (422). Deleting something in
 * use is a 409 that says what uses it, and changes nothing.
 */
import type { Hono } from 'hono';
import { has, invalidField, pathId, requiredText, unique, uuidOrNull } from '../admin/fields.ts';
import { type Body, readObject } from '../auth/request-body.ts';
import { coreDb } from '../db/core-database.ts';
import type { Database, Queryable } from '../db/database.ts';
import { dbFailureOf } from '../db/errors.ts';
import { conflict, HttpError } from '../http/errors.ts';
import type { ModuleRegistry } from '../modules/registry.ts';
import { DIFFUSION_LEVELS, levelCode, SENSITIVITY_LEVELS } from './diffusion.ts';
import { listDatasets, listFrameworks, refuseDatasetInUse, refuseFrameworkInUse } from './store.ts';
import { datasetUsage } from './usage.ts';

const DUPLICATE_UUID = 'Cet UUID SINP est déjà celui d’une autre fiche.';

function optionalText(body: Body, key: string): string | null | undefined {
  if (!has(body, key)) return undefined;
  const value = body[key];
  if (value === null || value === '') return null;
  if (typeof value !== 'string' || value.length > 5000)
    throw invalidField(key, 'type', `« ${key} » : texte (5000 caractères au plus) ou null attendu.`);
  return value.trim() || null;
}

/** The writable columns a body sets; absent keys are left out (PATCH), `label` checked when present. */
function common(body: Body, creating: boolean) {
  const label = creating || has(body, 'label') ? requiredText(body, 'label') : undefined;
  const description = optionalText(body, 'description');
  const sinp_uuid = has(body, 'sinp_uuid') ? uuidOrNull(body, 'sinp_uuid') : undefined;
  const organisation_id = has(body, 'organisation_id') ? uuidOrNull(body, 'organisation_id') : undefined;
  return Object.fromEntries(
    Object.entries({ label, description, sinp_uuid, organisation_id }).filter(([, v]) => v !== undefined),
  ) as {
    label?: string;
    description?: string | null;
    sinp_uuid?: string | null;
    organisation_id?: string | null;
  };
}

async function mustExist(
  db: Queryable,
  table: 'suivi.organisation' | 'suivi.acquisition_framework',
  id: string,
  key: string,
) {
  const found = await coreDb(db).selectFrom(table).select('id').where('id', '=', id).executeTakeFirst();
  if (!found) throw invalidField(key, 'unknown', `« ${key} » : ${id} n’existe pas.`);
}

async function checkReferences(
  db: Queryable,
  values: { organisation_id?: string | null; acquisition_framework_id?: string },
) {
  if (values.organisation_id)
    await mustExist(db, 'suivi.organisation', values.organisation_id, 'organisation_id');
  if (values.acquisition_framework_id)
    await mustExist(
      db,
      'suivi.acquisition_framework',
      values.acquisition_framework_id,
      'acquisition_framework_id',
    );
}

/** A dataset's SINP levels a body sets (absent keys left out), each a code of its nomenclature (else 422). */
function levels(body: Body) {
  const diffusion_level = levelCode(body, 'diffusion_level', DIFFUSION_LEVELS);
  const sensitivity_level = levelCode(body, 'sensitivity_level', SENSITIVITY_LEVELS);
  return {
    ...(diffusion_level === undefined ? {} : { diffusion_level }),
    ...(sensitivity_level === undefined ? {} : { sensitivity_level }),
  };
}

/** A foreign key usage.ts does not count (a group row's dataset) still refuses the delete: a 409 too. */
async function stillReferenced<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (dbFailureOf(error)?.code === '23503')
      throw conflict(
        'in_use',
        'Ce jeu de données ne peut pas être supprimé : des enregistrements l’utilisent.',
        {
          path: '',
        },
      );
    throw error;
  }
}

export function mountMetadataRoutes(app: Hono, db: Database, registry: ModuleRegistry): void {
  const usage = (q: Queryable) => datasetUsage(q, registry.runtimes());

  app.get('/api/admin/metadata', async (c) => {
    const [frameworks, datasets] = [await listFrameworks(db), await listDatasets(db, await usage(db))];
    return c.json({ frameworks, datasets });
  });

  app.post('/api/admin/frameworks', async (c) => {
    const values = common(await readObject(c), true);
    await checkReferences(db, values);
    const { id } = await unique(
      () =>
        coreDb(db)
          .insertInto('suivi.acquisition_framework')
          .values({ ...values, label: values.label as string })
          .returning('id')
          .executeTakeFirstOrThrow(),
      '/sinp_uuid',
      DUPLICATE_UUID,
    );
    return c.json((await listFrameworks(db, id))[0], 201);
  });

  app.patch('/api/admin/frameworks/:id', async (c) => {
    const id = pathId(c.req.param('id'), 'Le cadre d’acquisition');
    const values = common(await readObject(c), false);
    await checkReferences(db, values);
    if (Object.keys(values).length > 0) {
      const { numUpdatedRows } = await unique(
        () =>
          coreDb(db)
            .updateTable('suivi.acquisition_framework')
            .set(values)
            .where('id', '=', id)
            .executeTakeFirst(),
        '/sinp_uuid',
        DUPLICATE_UUID,
      );
      if (numUpdatedRows === 0n)
        throw new HttpError(404, 'not_found', `Le cadre d’acquisition ${id} n’existe pas.`);
    }
    const found = (await listFrameworks(db, id))[0];
    if (!found) throw new HttpError(404, 'not_found', `Le cadre d’acquisition ${id} n’existe pas.`);
    return c.json(found);
  });

  app.delete('/api/admin/frameworks/:id', async (c) => {
    const id = pathId(c.req.param('id'), 'Le cadre d’acquisition');
    await db.transaction(async (tx) => {
      await refuseFrameworkInUse(tx, id);
      const { numDeletedRows } = await coreDb(tx)
        .deleteFrom('suivi.acquisition_framework')
        .where('id', '=', id)
        .executeTakeFirst();
      if (numDeletedRows === 0n)
        throw new HttpError(404, 'not_found', `Le cadre d’acquisition ${id} n’existe pas.`);
    });
    return c.body(null, 204);
  });

  app.post('/api/admin/datasets', async (c) => {
    const body = await readObject(c);
    const values = { ...common(body, true), ...levels(body) };
    const framework = uuidOrNull(body, 'acquisition_framework_id');
    if (framework === null)
      throw invalidField(
        'acquisition_framework_id',
        'required',
        '« acquisition_framework_id » est obligatoire.',
      );
    await checkReferences(db, { ...values, acquisition_framework_id: framework });
    const { id } = await unique(
      () =>
        coreDb(db)
          .insertInto('suivi.dataset')
          .values({ ...values, label: values.label as string, acquisition_framework_id: framework })
          .returning('id')
          .executeTakeFirstOrThrow(),
      '/sinp_uuid',
      DUPLICATE_UUID,
    );
    return c.json((await listDatasets(db, await usage(db), id))[0], 201);
  });

  app.patch('/api/admin/datasets/:id', async (c) => {
    const id = pathId(c.req.param('id'), 'Le jeu de données');
    const body = await readObject(c);
    const values = { ...common(body, false), ...levels(body) };
    const framework = has(body, 'acquisition_framework_id')
      ? uuidOrNull(body, 'acquisition_framework_id')
      : undefined;
    if (framework === null)
      throw invalidField(
        'acquisition_framework_id',
        'required',
        '« acquisition_framework_id » est obligatoire.',
      );
    await checkReferences(db, { ...values, ...(framework ? { acquisition_framework_id: framework } : {}) });
    const set = { ...values, ...(framework ? { acquisition_framework_id: framework } : {}) };
    if (Object.keys(set).length > 0) {
      const { numUpdatedRows } = await unique(
        () => coreDb(db).updateTable('suivi.dataset').set(set).where('id', '=', id).executeTakeFirst(),
        '/sinp_uuid',
        DUPLICATE_UUID,
      );
      if (numUpdatedRows === 0n)
        throw new HttpError(404, 'not_found', `Le jeu de données ${id} n’existe pas.`);
    }
    const found = (await listDatasets(db, await usage(db), id))[0];
    if (!found) throw new HttpError(404, 'not_found', `Le jeu de données ${id} n’existe pas.`);
    return c.json(found);
  });

  app.delete('/api/admin/datasets/:id', async (c) => {
    const id = pathId(c.req.param('id'), 'Le jeu de données');
    await db.transaction(async (tx) => {
      // Counted inside the transaction that deletes, so a record written meanwhile still blocks it.
      refuseDatasetInUse(id, await usage(tx));
      const { numDeletedRows } = await stillReferenced(() =>
        coreDb(tx).deleteFrom('suivi.dataset').where('id', '=', id).executeTakeFirst(),
      );
      if (numDeletedRows === 0n)
        throw new HttpError(404, 'not_found', `Le jeu de données ${id} n’existe pas.`);
    });
    return c.body(null, 204);
  });
}
