/**
 * GET /api/sync/<module>/changes?since=<cursor>&limit=<n>: the module's occurrence feed (changes.ts) for
 * a regional platform's account, usually through an API token (`Authorization: Bearer suivi_…`). The
 * account needs Read and Export on the module; both scopes limit what it receives.
 */
import type { Hono } from 'hono';
import { accessFor, requestSession } from '../auth/index.ts';
import type { Database } from '../db/database.ts';
import { badRequest, HttpError, notFound } from '../http/errors.ts';
import type { ModuleRegistry } from '../modules/registry.ts';
import { changesPage, DEFAULT_LIMIT, MAX_LIMIT } from './changes.ts';
import { parseCursor } from './cursor.ts';

function parseLimit(text: string | undefined): number {
  if (text === undefined || text === '') return DEFAULT_LIMIT;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1 || n > MAX_LIMIT)
    throw badRequest([
      { path: '/query/limit', code: 'range', message: `limit doit être un entier de 1 à ${MAX_LIMIT}.` },
    ]);
  return n;
}

export function mountSyncRoutes(app: Hono, db: Database, registry: ModuleRegistry): void {
  app.get('/api/sync/:code/changes', async (c) => {
    const code = c.req.param('code');
    const { actor, grants } = requestSession(c);
    const access = accessFor(actor, grants);
    const served = registry.served(code);
    if (!served) throw notFound('Le module', code);
    access.require(code, 'read');
    access.require(code, 'export');
    const level = served.runtime.protocol.occurrence?.level;
    const plan = level === undefined ? undefined : served.plan.levels.get(level);
    if (!plan)
      throw new HttpError(404, 'no_occurrences', `Le module ${code} ne produit pas d’occurrences SINP.`);
    const since = parseCursor(c.req.query('since'));
    const limit = parseLimit(c.req.query('limit'));
    return c.json(await changesPage(db, served.plan, plan, access, since, limit));
  });
}
