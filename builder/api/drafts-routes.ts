/**
 * Drafts: create (from a blank protocol, an example, a spec, an installed module), read, save over a row
 * version (409 `stale` naming who saved in between), revisions (the undo history across sessions),
 * delete, and the spec as a `protocol.json` download.
 */
import type { Hono } from 'hono';
import { readObject } from '../../runtime/auth/request-body.ts';
import { conflict, HttpError } from '../../runtime/http/errors.ts';
import type { BuilderContext } from './context.ts';
import { draftStart } from './draft-sources.ts';
import {
  createDraft,
  deleteDraft,
  findDraft,
  findRevision,
  listRevisions,
  type SaveResult,
  saveDraft,
} from './drafts-store.ts';
import { draftId, draftNotFound, positiveInteger, specField } from './inputs.ts';
import { designerOf } from './require-designer.ts';

/** The 409 of a save that lost the race: who saved, and the row version to reload. */
export function staleDraft(result: Extract<SaveResult, { saved: false }>, id: string): HttpError {
  if (!result.current) return draftNotFound(id);
  const by = result.current.updated_by?.login;
  return conflict(
    'stale',
    `Le brouillon a été enregistré entre-temps${by ? ` par ${by}` : ''} : rechargez-le avant de l’enregistrer.`,
    {
      path: '/row_version',
      current_row_version: result.current.row_version,
      updated_by: result.current.updated_by,
    },
  );
}

export function mountDraftRoutes(app: Hono, context: BuilderContext): void {
  const { db } = context;

  const existing = async (id: string) => {
    const draft = await findDraft(db, draftId(id));
    if (!draft) throw draftNotFound(id);
    return draft;
  };

  app.post('/api/builder/drafts', async (c) => {
    const actor = designerOf(c).id;
    const { spec, baseVersion } = await draftStart(await readObject(c), context);
    const id = await createDraft(db, spec, baseVersion, actor);
    return c.json(await existing(id), 201);
  });

  app.get('/api/builder/drafts/:id', async (c) => c.json(await existing(c.req.param('id'))));

  app.put('/api/builder/drafts/:id', async (c) => {
    const actor = designerOf(c).id;
    const id = draftId(c.req.param('id'));
    const body = await readObject(c);
    const spec = specField(body);
    const rowVersion = positiveInteger(body, 'row_version');
    const result = await saveDraft(db, id, spec, rowVersion, actor);
    if (!result.saved) throw staleDraft(result, id);
    return c.json({ row_version: result.row_version, revision: result.row_version });
  });

  app.delete('/api/builder/drafts/:id', async (c) => {
    const id = draftId(c.req.param('id'));
    if (!(await deleteDraft(db, id))) throw draftNotFound(id);
    return c.body(null, 204);
  });

  app.get('/api/builder/drafts/:id/revisions', async (c) => {
    const draft = await existing(c.req.param('id'));
    return c.json(await listRevisions(db, draft.id));
  });

  app.get('/api/builder/drafts/:id/revisions/:n', async (c) => {
    const draft = await existing(c.req.param('id'));
    const n = c.req.param('n');
    const revision = /^[1-9]\d{0,8}$/.test(n) ? await findRevision(db, draft.id, Number(n)) : undefined;
    if (!revision)
      throw new HttpError(404, 'not_found', `Le brouillon ${draft.id} n’a pas de révision ${n}.`);
    return c.json(revision);
  });

  app.get('/api/builder/drafts/:id/spec', async (c) => {
    const draft = await existing(c.req.param('id'));
    return c.body(`${JSON.stringify(draft.spec, null, 2)}\n`, 200, {
      'content-type': 'application/json; charset=utf-8',
      'content-disposition': 'attachment; filename="protocol.json"',
    });
  });
}
