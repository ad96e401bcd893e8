/**
 * The service worker (built on its own by sw-plugin.ts into dist/sw.js, scope `/`):
 * - the app shell (every file of the build, hashed, and index.html) precached, so the app opens without
 *   network; a client route loads index.html;
 * - what the forms are made of (module list, forms, vocabularies) network first, cached for offline;
 * - map tiles: an area's tiles (Cache Storage `suivi-tiles`, filled by the "take offline" page) first,
 *   then tiles seen while browsing (cache first, expiring), and a blank tile when neither has it
 *   offline, so a map shows what is stored without failed requests;
 * - photos taken offline (GET /api/media/<local key>) from the IndexedDB queue.
 * Record data never goes through these caches: the app reads it from IndexedDB (offline/local-api.ts).
 */
import { clientsClaim } from 'workbox-core';
import { ExpirationPlugin } from 'workbox-expiration';
import { cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import { CacheFirst, NetworkFirst } from 'workbox-strategies';
import { queuedMedia } from './offline/media-queue.ts';

declare const __PRECACHE__: { url: string; revision: string | null }[];
declare const self: {
  skipWaiting(): Promise<void>;
  addEventListener(type: 'install', listener: () => void): void;
};

self.addEventListener('install', () => void self.skipWaiting());
clientsClaim();
cleanupOutdatedCaches();
precacheAndRoute(__PRECACHE__);
registerRoute(new NavigationRoute(createHandlerBoundToURL('/index.html'), { denylist: [/^\/api\//] }));

const DESCRIPTIONS = /^\/api\/(modules|modules\/[^/]+\/forms\/[^/]+|vocabularies\/[^/]+)$/;
registerRoute(
  ({ url, request }) =>
    request.method === 'GET' && url.origin === location.origin && DESCRIPTIONS.test(url.pathname),
  new NetworkFirst({ cacheName: 'suivi-api', networkTimeoutSeconds: 5 }),
);

const TILE = /\/\d+\/\d+\/\d+(@2x)?\.(png|jpe?g|webp)$/;
const browsed = new CacheFirst({
  cacheName: 'suivi-tiles-browsed',
  plugins: [
    new ExpirationPlugin({ maxEntries: 2000, maxAgeSeconds: 30 * 24 * 3600, purgeOnQuotaError: true }),
  ],
});
// A transparent 1×1 PNG: a tile nobody stored, offline.
const BLANK = Uint8Array.from(
  atob('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=='),
  (c) => c.charCodeAt(0),
);
registerRoute(
  ({ url, request }) => request.method === 'GET' && url.origin !== location.origin && TILE.test(url.pathname),
  async (options) => {
    const stored = await caches.match(options.request, { cacheName: 'suivi-tiles' });
    if (stored) return stored;
    try {
      return await browsed.handle(options);
    } catch {
      return new Response(BLANK, { headers: { 'content-type': 'image/png' } });
    }
  },
);

const MEDIA = /^\/api\/media\/([0-9a-f-]{36})$/;
registerRoute(
  ({ url, request }) =>
    request.method === 'GET' && url.origin === location.origin && MEDIA.test(url.pathname),
  async ({ url, request }) => {
    const key = MEDIA.exec(url.pathname)?.[1] ?? '';
    const queued = await queuedMedia(key).catch(() => undefined);
    if (queued) return new Response(queued.blob, { headers: { 'content-type': queued.mime_type } });
    return fetch(request);
  },
);
