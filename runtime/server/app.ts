/**
 * The HTTP application: a Hono app over the database and the loaded modules. Routes of the record API
 * are added to it by the records layer; this file holds what every route shares: the module list, the
 * health check, one error handler, JSON 404s under /api and the placeholder page at `/`.
 *
 * Errors: every route throws `HttpError` (runtime/http/errors.ts: status, machine code, problems
 * `[{ path, code, message }]`); the body is the problem list, as the generated OpenAPI `Errors` schema
 * says. Anything else becomes a 500 whose body says nothing about the internals (the log has them).
 */
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { HTTPException } from 'hono/http-exception';
import { mountAdmin } from '../admin/index.ts';
import { mountAuth } from '../auth/index.ts';
import type { Database } from '../db/database.ts';
import { errorResponse, HttpError } from '../http/errors.ts';
import { isUploadRequest, uploadBodyLimit } from '../media/index.ts';
import type { ModuleRuntime } from '../modules/load.ts';
import { HOME_PAGE } from './home-page.ts';
import { moduleSummary } from './module-summary.ts';
import { mountFormsApi, mountWebApp } from './web-app.ts';

export interface AppOptions {
  readonly db: Database;
  readonly modules: readonly ModuleRuntime[];
  /** Where unexpected errors are reported (default console.error). */
  readonly logError?: (error: unknown, request: Request) => void;
  /** The web app's Vite build (runtime/web/dist); without it `/` shows the placeholder page. */
  readonly webDist?: string;
}

/** Machine codes for statuses raised by Hono itself (malformed JSON body, body limit…). */
const STATUS_CODES: Readonly<Record<number, string>> = {
  400: 'bad_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
};

/** Largest request body the API reads (bytes). */
export const MAX_BODY_BYTES = 2 * 1024 * 1024;

export function createApp(options: AppOptions): Hono {
  const { db, modules } = options;
  const logError =
    options.logError ??
    ((error: unknown, request: Request) => console.error(`${request.method} ${request.url}:`, error));
  // Built once: the modules never change while the process runs.
  const moduleList = { modules: modules.map(moduleSummary) };
  const app = new Hono();
  // A record is a few kilobytes; anything this large is a mistake or an attack, refused before parsing.
  // The one exception is a file upload (POST /api/media), with its own limit (runtime/media).
  const recordBodyLimit = bodyLimit({ maxSize: MAX_BODY_BYTES });
  app.use('/api/*', (c, next) => (isUploadRequest(c) ? uploadBodyLimit : recordBodyLimit)(c, next));
  // Sessions, bearer tokens, CSRF and /api/auth (runtime/auth): before every other /api route.
  mountAuth(app, db);
  // Organisations, users and grants for administrators (runtime/admin).
  mountAdmin(
    app,
    db,
    modules.map((m) => m.code),
  );

  app.get('/api/health', async (c) => {
    try {
      await db.query('SELECT 1');
    } catch (cause) {
      logError(cause, c.req.raw);
      throw new HttpError(503, 'database_unavailable', 'La base de données ne répond pas.');
    }
    return c.json({ status: 'ok', engine: db.engine, modules: modules.length });
  });

  app.get('/api/modules', (c) => c.json(moduleList));

  mountFormsApi(app, modules);
  if (options.webDist) mountWebApp(app, options.webDist);
  else app.get('/', (c) => c.html(HOME_PAGE));

  app.notFound((c) => {
    const message = `Aucune route ${c.req.method} ${c.req.path}.`;
    if (c.req.path === '/api' || c.req.path.startsWith('/api/')) {
      return errorResponse(new HttpError(404, 'not_found', message));
    }
    return c.text(message, 404);
  });

  app.onError((error, c) => {
    if (error instanceof HttpError) {
      if (error.status >= 500) logError(error, c.req.raw);
      return errorResponse(error);
    }
    if (error instanceof HTTPException && error.status < 500) {
      const code = STATUS_CODES[error.status] ?? 'bad_request';
      return errorResponse(new HttpError(error.status, code, error.message || code));
    }
    logError(error, c.req.raw);
    return errorResponse(new HttpError(500, 'internal', 'Erreur interne du serveur.'));
  });

  return app;
}
