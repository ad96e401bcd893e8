/**
 * The record history API:
 *   GET  /api/history/<module>/<level>/<id>                   → { versions } (newest last), Read permission
 *   POST /api/history/<module>/<level>/<id>/restore  { version } → the record, restored, Update permission
 * A restore is an ordinary update (the level's JSON Schema and rules, row_version, the Update scope, a
 * 422 naming the fields the current rules refuse), recorded in the history as write path 'restore'.
 */
import type { Context, Hono } from 'hono';
import { TOTAL_COUNT_CAP } from '../../generators/model/index.ts';
import { accessFor, requestSession } from '../auth/index.ts';
import { readObject } from '../auth/request-body.ts';
import type { Database } from '../db/database.ts';
import { badRequest, HttpError, notFound } from '../http/errors.ts';
import type { ModuleRegistry } from '../modules/registry.ts';
import type { LevelPlan } from '../records/model/module-plan.ts';
import { recordName } from '../records/operations/context.ts';
import { findRecord } from '../records/operations/read.ts';
import { recordOperations } from '../records/operations.ts';
import { parseRecordId } from '../records/query/parse-list-query.ts';
import { clockAt } from '../records/validate/rule-context.ts';
import { recordHistory, restoreBody } from './record-history.ts';

function target(c: Context, db: Database, registry: ModuleRegistry, action: 'read' | 'update') {
  const code = c.req.param('code') ?? '';
  const served = registry.served(code);
  const { actor, grants } = requestSession(c);
  const access = accessFor(actor, grants);
  if (!served) throw notFound('Le module', code);
  access.require(code, action);
  const plan = served.plan.levels.get(c.req.param('level') ?? '');
  if (!plan) throw notFound(`Le niveau ${c.req.param('level')} du module`, code);
  const id = parseRecordId({ id: c.req.param('id') });
  const ctx = {
    db,
    modules: new Map([[code, served.plan]]),
    access,
    actor,
    clock: clockAt(new Date(), undefined, actor.userId),
    totalCap: TOTAL_COUNT_CAP,
  };
  return { code, served, actor, access, plan, id, ctx };
}

async function readable(t: ReturnType<typeof target>, plan: LevelPlan) {
  const record = await findRecord(t.ctx, plan, t.id);
  if (!record) throw notFound(recordName(plan), t.id);
  return record;
}

export function mountHistoryRoutes(app: Hono, db: Database, registry: ModuleRegistry): void {
  app.get('/api/history/:code/:level/:id', async (c) => {
    const t = target(c, db, registry, 'read');
    await readable(t, t.plan);
    const { versions } = await recordHistory(db, t.plan, t.id);
    return c.json({ versions });
  });

  app.post('/api/history/:code/:level/:id/restore', async (c) => {
    const t = target(c, db, registry, 'update');
    const { version } = await readObject(c);
    if (typeof version !== 'number' || !Number.isInteger(version))
      throw badRequest([
        {
          path: '/version',
          code: 'required',
          message: 'version (un numéro de version de l’historique) est requis.',
        },
      ]);
    const current = await readable(t, t.plan);
    const { states } = await recordHistory(db, t.plan, t.id);
    const state = states.get(version);
    if (!state?.row)
      throw new HttpError(404, 'not_found', `La version ${version} de cet enregistrement n’existe pas.`, [
        {
          path: '/version',
          code: 'not_found',
          message: `La version ${version} de cet enregistrement n’existe pas.`,
        },
      ]);
    const operations = recordOperations({
      db,
      modules: t.ctx.modules,
      actor: t.actor,
      access: t.access,
      writePath: 'restore',
    });
    const args = { module: t.code, level: t.plan.level.key };
    const restored = await operations.validate({
      ...args,
      mode: 'update',
      body: await restoreBody(db, t.plan, state, current),
    });
    return operations.update({ ...args, id: t.id, body: restored as object });
  });
}
