/**
 * Helpers of the offline browser test: an API client for another user (Node's fetch with its own
 * session, so it works while the page is offline), and the page's offline store read from the page.
 */
import type { Page } from 'playwright-core';

type Json = Record<string, unknown>;

export interface ApiClient {
  call(method: string, path: string, body?: unknown): Promise<{ status: number; body: unknown }>;
  /** The items of a list, asserting a 200. */
  items(path: string): Promise<Json[]>;
}

export async function apiAs(base: string, login: string, password: string): Promise<ApiClient> {
  const answer = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ login, password }),
  });
  if (!answer.ok) throw new Error(`login ${login}: ${answer.status}`);
  const cookie = answer.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const call = async (method: string, path: string, body?: unknown) => {
    const r = await fetch(`${base}${path}`, {
      method,
      headers: { cookie, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const json = r.headers.get('content-type')?.startsWith('application/json');
    const text = json ? await r.text() : '';
    return { status: r.status, body: text ? (JSON.parse(text) as unknown) : null };
  };
  return {
    call,
    async items(path) {
      const r = await call('GET', path);
      if (r.status !== 200) throw new Error(`GET ${path}: ${r.status} ${JSON.stringify(r.body)}`);
      return (r.body as { items: Json[] }).items;
    },
  };
}

/** The outbox as the page's IndexedDB holds it (states and levels, in order). */
export function outboxOf(page: Page): Promise<{ level: string; op: string; state: string; id: string }[]> {
  return page.evaluate(
    () =>
      new Promise((resolve, reject) => {
        const open = indexedDB.open('suivi-offline');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const all = db.transaction('outbox').objectStore('outbox').getAll();
          all.onsuccess = () => {
            resolve(
              (all.result as { level: string; op: string; state: string; id: string }[]).map((o) => ({
                level: o.level,
                op: o.op,
                state: o.state,
                id: o.id,
              })),
            );
            db.close();
          };
        };
      }),
  );
}

/** How many responses the tile cache holds. */
export const cachedTiles = (page: Page) =>
  page.evaluate(async () => (await (await caches.open('suivi-tiles')).keys()).length);
