/** Successful responses, as web `Response`s: what Hono handlers return and what tests read back. */

const JSON_TYPE = 'application/json; charset=utf-8';

export const jsonResponse = (body: unknown, status = 200, headers: Record<string, string> = {}): Response =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': JSON_TYPE, ...headers } });

export const noContent = (): Response => new Response(null, { status: 204 });
