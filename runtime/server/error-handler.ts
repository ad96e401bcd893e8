/**
 * One error handler for the main app and every module's app (module-app.ts): `HttpError` → its status
 * and problem list; Hono's own 4xx (body limit, malformed JSON) the same way; anything else a 500 whose
 * body says nothing of the internals (the log has them). Unknown `/api/…` paths are JSON 404s.
 */
import type { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { errorResponse, HttpError, requestLanguage } from '../http/errors.ts';

export type LogError = (error: unknown, request: Request) => void;

export const defaultLogError: LogError = (error, request) =>
  console.error(`${request.method} ${request.url}:`, error);

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

export function handleErrors(app: Hono, logError: LogError): void {
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
      return errorResponse(error, requestLanguage(c.req.header('accept-language')));
    }
    if (error instanceof HTTPException && error.status < 500) {
      const code = STATUS_CODES[error.status] ?? 'bad_request';
      return errorResponse(new HttpError(error.status, code, error.message || code));
    }
    logError(error, c.req.raw);
    return errorResponse(new HttpError(500, 'internal', 'Erreur interne du serveur.'));
  });
}
