/**
 * `GET /api/offline/<code>/bundle?bbox=…` or `?site=<uuid>&site=…` (bundle.ts), with `estimate=1` for its
 * counts and size only. Needs an account (401) with the Read grant on the module (403); what it holds
 * is within that grant's scope. Every bad parameter comes back at once in one 400.
 */
import type { Hono } from 'hono';
import { accessFor, requestSession } from '../auth/index.ts';
import type { Database } from '../db/database.ts';
import { type ApiError, badRequest, HttpError, notFound } from '../http/errors.ts';
import type { ModuleRegistry } from '../modules/registry.ts';
import { bundle, bundleEstimate } from './bundle.ts';
import { MAX_TOP_RECORDS, type Selection } from './bundle-records.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const KNOWN = new Set(['bbox', 'site', 'estimate']);
const at = (name: string, code: string, message: string): ApiError => ({
  path: `/query/${name}`,
  code,
  message,
});

/** The selection and `estimate` of a query string; 400 naming every bad parameter. */
export function parseBundleQuery(queries: Readonly<Record<string, readonly string[]>>): {
  selection: Selection;
  estimate: boolean;
} {
  const problems: ApiError[] = [];
  for (const name of Object.keys(queries))
    if (!KNOWN.has(name)) problems.push(at(name, 'query-param-unknown', `Paramètre inconnu : ${name}.`));
  const bboxes = queries.bbox ?? [];
  const sites = queries.site ?? [];
  const estimates = queries.estimate ?? [];
  let bbox: [number, number, number, number] | undefined;
  if (bboxes.length > 1) problems.push(at('bbox', 'query-value-invalid', 'bbox ne se donne qu’une fois.'));
  else if (bboxes.length === 1) {
    const parts = (bboxes[0] ?? '').split(',').map((p) => (p.trim() === '' ? Number.NaN : Number(p)));
    const [w, s, e, n] = parts as [number, number, number, number];
    const ok =
      parts.length === 4 &&
      parts.every(Number.isFinite) &&
      w >= -180 &&
      e <= 180 &&
      s >= -90 &&
      n <= 90 &&
      w <= e &&
      s <= n;
    if (ok) bbox = [w, s, e, n];
    else
      problems.push(
        at('bbox', 'bbox-invalid', 'bbox : minLon,minLat,maxLon,maxLat en degrés WGS 84 (min ≤ max).'),
      );
  }
  if (sites.length > MAX_TOP_RECORDS)
    problems.push(at('site', 'query-value-invalid', `Au plus ${MAX_TOP_RECORDS} site=.`));
  else if (sites.some((s) => !UUID.test(s)))
    problems.push(at('site', 'id-invalid', 'site : chaque valeur est un UUID.'));
  if (bboxes.length > 0 && sites.length > 0)
    problems.push(at('site', 'query-value-invalid', 'Donnez bbox ou site, pas les deux.'));
  if (bboxes.length === 0 && sites.length === 0)
    problems.push(
      at(
        'bbox',
        'required',
        'Donnez la zone : bbox=minLon,minLat,maxLon,maxLat, ou site=<uuid> (répétable).',
      ),
    );
  if (
    estimates.length > 1 ||
    (estimates.length === 1 && !['0', '1', 'true', 'false'].includes(estimates[0] ?? ''))
  )
    problems.push(at('estimate', 'query-value-invalid', 'estimate vaut 1 (ou 0).'));
  if (problems.length > 0) throw badRequest(problems);
  return {
    selection: bbox ? { bbox } : { sites: [...new Set(sites.map((s) => s.toLowerCase()))] },
    estimate: estimates[0] === '1' || estimates[0] === 'true',
  };
}

export function mountOfflineRoutes(app: Hono, db: Database, registry: ModuleRegistry): void {
  app.get('/api/offline/:code/bundle', async (c) => {
    const code = c.req.param('code');
    const { account, actor, grants } = requestSession(c);
    if (!account) throw new HttpError(401, 'unauthorized', 'Vous n’êtes pas connecté.');
    const served = registry.served(code);
    if (!served) throw notFound('Le module', code);
    const access = accessFor(actor, grants);
    access.require(code, 'read');
    const { selection, estimate } = parseBundleQuery(c.req.queries());
    const request = { db, module: served.plan, actor, access, selection };
    return c.json(estimate ? await bundleEstimate(request) : await bundle(request));
  });
}
