/**
 * The origin (scheme, host and port) a request was addressed to, as the browser saw it: what a
 * same-origin `Origin` header must equal, and whether the session cookie gets `Secure`.
 *
 * The host and port are the `Host` header's (a reverse proxy must keep it). The scheme is
 * `X-Forwarded-Proto`'s first entry when it says http or https (a proxy that ends TLS), else the URL's.
 * That header is honoured whatever TRUST_PROXY says, unlike X-Forwarded-For: a page on another site
 * cannot make a browser send it (it is not a CORS-safelisted header, and the API answers no preflight),
 * and a client that writes it by hand only changes how its own request is judged.
 */
import type { Context } from 'hono';

export function requestScheme(c: Context): 'http:' | 'https:' {
  const forwarded = c.req.header('x-forwarded-proto')?.split(',')[0]?.trim().toLowerCase();
  if (forwarded === 'http' || forwarded === 'https') return `${forwarded}:`;
  return new URL(c.req.url).protocol === 'https:' ? 'https:' : 'http:';
}

/** `scheme://host[:port]`, the default port left out, as `URL.origin` writes it. */
export function requestOrigin(c: Context): string {
  return new URL(`${requestScheme(c)}//${new URL(c.req.url).host}`).origin;
}

/** Whether `origin` (an `Origin` header) names the same scheme, host and port; "null" and garbage do not. */
export function isRequestOrigin(c: Context, origin: string): boolean {
  try {
    return new URL(origin).origin === requestOrigin(c);
  } catch {
    return false;
  }
}
