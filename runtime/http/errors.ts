/**
 * The one error type the record operations throw: an HTTP status, a machine-readable code and the list
 * of problems `[{ path, code, message }]` the API answers with (the `Errors` schema of the generated
 * OpenAPI document). The server's error handler turns it into a response with `errorResponse`.
 */

/** One problem: a JSON pointer (`/count_total`, `/strata_cover/2/cover_pct`, `/query/page`), a code, a message. */
export interface ApiError {
  readonly path: string;
  readonly code: string;
  readonly message: string;
  /** Extra facts a client can act on, e.g. `current_row_version` on a stale update. */
  readonly [extra: string]: unknown;
}

export class HttpError extends Error {
  override readonly name = 'HttpError';
  readonly details: readonly ApiError[];

  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    details?: readonly ApiError[],
  ) {
    super(message);
    this.details = details && details.length > 0 ? details : [{ path: '', code, message }];
  }
}

export const isHttpError = (error: unknown): error is HttpError => error instanceof HttpError;

/** 400: the path or the query is malformed (the route handlers build these). */
export const badRequest = (errors: readonly ApiError[]): HttpError =>
  new HttpError(400, 'bad_request', errors[0]?.message ?? 'Requête invalide.', errors);

/** 422: the body breaks the level's schema or rules; one entry per problem. */
export const invalid = (errors: readonly ApiError[]): HttpError =>
  new HttpError(
    422,
    'invalid',
    errors.length === 1
      ? (errors[0]?.message ?? 'Enregistrement invalide.')
      : `${errors.length} problèmes dans l’enregistrement.`,
    errors,
  );

export const notFound = (what: string, id: string): HttpError =>
  new HttpError(404, 'not_found', `${what} ${id} n’existe pas (ou ne vous est pas visible).`);

export const conflict = (
  code: string,
  message: string,
  detail: { readonly path: string; readonly [extra: string]: unknown },
) => new HttpError(409, code, message, [{ ...detail, code, message }]);

/**
 * The language a request prefers between French (the default) and English, from its Accept-Language:
 * the listed one with the higher weight.
 */
export function requestLanguage(acceptLanguage: string | undefined): 'fr' | 'en' {
  let best: { lang: 'fr' | 'en'; q: number } = { lang: 'fr', q: 0 };
  for (const part of (acceptLanguage ?? '').slice(0, 500).split(',')) {
    const [tag = '', ...params] = part.trim().toLowerCase().split(';');
    const lang = tag.startsWith('en') ? 'en' : tag.startsWith('fr') ? 'fr' : undefined;
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const q = qParam ? Number(qParam.slice(2)) : 1;
    if (lang && Number.isFinite(q) && q > best.q) best = { lang, q };
  }
  return best.lang;
}

/**
 * The response for an HttpError: the problem list as JSON, as the OpenAPI `Errors` schema says. A problem
 * that has its own words in both languages (a record check's `messages`) says them in `lang`.
 */
export function errorResponse(error: HttpError, lang: 'fr' | 'en' = 'fr'): Response {
  const details = error.details.map((d) => {
    const messages = d.messages as { fr?: unknown; en?: unknown } | undefined;
    const own = messages?.[lang];
    return typeof own === 'string' ? { ...d, message: own } : d;
  });
  return new Response(JSON.stringify(details), {
    status: error.status,
    headers: { 'content-type': 'application/json; charset=utf-8' },
  });
}
