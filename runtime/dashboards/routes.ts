/**
 * GET /api/dashboards/<module>[?organisation=<uuid>]: the module's dashboard figures for a reader with
 * Read on it, restricted to their read scope: `all` sees every organisation (and may pick one),
 * `organisation` sees their organisation's records only, `own` gets a 403 (the views are grouped by
 * organisation, not by author: docs/dashboards.md). The import jobs are shown to `all` readers only.
 *
 * Also the hook that keeps the views current: after any successful write under /api/modules/<code>/
 * (records, validation, imports), the module's refresh is scheduled (debounced, refresh.ts).
 */
import type { Hono } from 'hono';
import { requestSession } from '../auth/index.ts';
import { requireScope } from '../auth/permissions.ts';
import type { Database } from '../db/database.ts';
import { badRequest, HttpError } from '../http/errors.ts';
import type { ModuleRegistry } from '../modules/registry.ts';
import { dashboardFigures, type FigureScope, importJobs } from './figures.ts';
import type { DashboardRefresher } from './refresh.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

export function mountDashboardRoutes(
  app: Hono,
  db: Database,
  registry: ModuleRegistry,
  refresher: DashboardRefresher,
): void {
  app.use('/api/modules/:code/*', async (c, next) => {
    // Read before next(): once a later handler has matched, the param is that route's.
    const code = c.req.param('code');
    await next();
    if (!SAFE.has(c.req.method) && c.res.status < 400) {
      if (registry.runtimes().some((m) => m.code === code && m.dashboards)) refresher.schedule(code);
    }
  });

  app.get('/api/dashboards/:code', async (c) => {
    const code = c.req.param('code');
    const module = registry.runtimes().find((m) => m.code === code);
    if (!module) throw new HttpError(404, 'not_found', `Le module ${code} n’existe pas.`);
    const { actor, grants } = requestSession(c);
    const scope = requireScope(actor, grants, code, 'read');
    if (!module.dashboards)
      throw new HttpError(
        404,
        'no_dashboard',
        `Le module ${code} n’a pas de tableau de bord (pas de niveau d’occurrence).`,
      );
    if (scope === 'own')
      throw new HttpError(
        403,
        'forbidden',
        'Le tableau de bord compte les enregistrements par organisation : il faut le droit de lire ceux de votre organisation.',
      );
    const asked = c.req.query('organisation');
    if (asked !== undefined && asked !== '' && !UUID.test(asked))
      throw badRequest([
        { path: '/query/organisation', code: 'format', message: '« organisation » : UUID attendu.' },
      ]);
    const figureScope: FigureScope =
      scope === 'organisation'
        ? { kind: 'organisation', id: actor.organisationId }
        : asked
          ? { kind: 'organisation', id: asked }
          : { kind: 'all' };
    const figures = await dashboardFigures(db, code, module.dashboards, figureScope);
    const jobs = scope === 'all' ? await importJobs(db, code) : undefined;
    return c.json({
      module: { code, label: module.label },
      descriptor: module.dashboards,
      scope: figureScope,
      figures,
      ...(jobs ? { imports: jobs } : {}),
    });
  });
}
