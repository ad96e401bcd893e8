/**
 * The address a request comes from, for login throttling. By default the TCP peer as the Node server
 * saw it (Hono's connection info); `X-Forwarded-For` only when TRUST_PROXY says how many reverse
 * proxies of ours stand in front: each appends the address it received from, so the n-th entry from the
 * right is the one our outermost proxy saw. Entries further left are written by the client and prove
 * nothing, which is why the header is ignored unless the operator vouches for the proxies.
 */
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';

/**
 * TRUST_PROXY: unset, empty, `0` or `false` → trust no header; `true` → one proxy; a whole number n →
 * n proxies. Anything else is refused at start rather than silently trusting or ignoring the header.
 */
export function parseTrustProxy(value: string | undefined): number {
  const text = (value ?? '').trim().toLowerCase();
  if (text === '' || text === 'false' || text === '0') return 0;
  if (text === 'true') return 1;
  const n = Number(text);
  if (Number.isInteger(n) && n > 0 && n < 100) return n;
  throw new Error(`TRUST_PROXY=${value}: expected true, false or the number of reverse proxies`);
}

function socketAddress(c: Context): string | undefined {
  try {
    return getConnInfo(c).remote.address;
  } catch {
    return undefined; // no Node socket behind this request
  }
}

/** Undefined when nothing tells the address (requests through `app.request` in tests, other runtimes). */
export function clientAddress(c: Context, trustedProxies: number): string | undefined {
  if (trustedProxies > 0) {
    const hops = (c.req.header('x-forwarded-for') ?? '')
      .split(',')
      .map((h) => h.trim())
      .filter(Boolean);
    // Fewer entries than proxies: the leftmost is still the furthest one our proxies saw.
    const hop = hops[Math.max(0, hops.length - trustedProxies)];
    if (hop) return hop.slice(0, 100);
  }
  return socketAddress(c);
}
