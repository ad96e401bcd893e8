/**
 * The static files of the web app's Vite build, with an index.html fallback so that client routes
 * (/m/<module>/<level>…) survive a reload.
 *
 * Hashed assets (`/assets/<name>-<hash>.js`) never change under their name: cached for a year as
 * immutable; index.html is revalidated on every load (it names the current hashes). Text files go out
 * compressed as the browser accepts (brotli, else gzip): the build writes `<file>.br` and `<file>.gz`
 * beside each asset (vite.config.ts); a file without them (an older build, index.html) is compressed
 * once on first request and kept in memory — the build never changes while the server runs.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { extname, join, normalize, sep } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { Hono } from 'hono';

const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
};

/** Worth compressing: text. Images (png) are compressed already. */
const COMPRESSIBLE = new Set(['.html', '.js', '.css', '.svg', '.json', '.webmanifest']);

export type Encoding = 'br' | 'gzip';
const SUFFIX: Readonly<Record<Encoding, string>> = { br: '.br', gzip: '.gz' };

const COMPRESS: Readonly<Record<Encoding, (bytes: Buffer) => Buffer>> = {
  // Quality 9 rather than 11: a file compressed at request time must not hold the first visitor long.
  br: (bytes) => brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 9 } }),
  gzip: (bytes) => gzipSync(bytes, { level: 9 }),
};

/** The encoding to answer with: brotli when accepted, else gzip, else none (q=0 refuses one). */
export function pickEncoding(acceptEncoding: string | undefined): Encoding | undefined {
  const accepted = new Set(
    (acceptEncoding ?? '')
      .split(',')
      .map((part) => part.trim().split(';'))
      .filter(([, q]) => !q || !/^q=0(\.0*)?$/.test(q.trim()))
      .map(([name]) => name?.trim().toLowerCase()),
  );
  if (accepted.has('br')) return 'br';
  if (accepted.has('gzip')) return 'gzip';
  return undefined;
}

/** A file's bytes in one encoding: the build's precompressed sibling, else compressed once and kept. */
function encodedFiles() {
  const cache = new Map<string, Buffer>();
  return (file: string, encoding: Encoding): Buffer => {
    const key = `${encoding}:${file}`;
    let bytes = cache.get(key);
    if (!bytes) {
      const sibling = file + SUFFIX[encoding];
      bytes = existsSync(sibling) ? readFileSync(sibling) : COMPRESS[encoding](readFileSync(file));
      cache.set(key, bytes);
    }
    return bytes;
  };
}

/** Serves `dist` for every GET outside /api; unknown paths get index.html (the client router decides). */
export function mountWebApp(app: Hono, dist: string): void {
  const index = join(dist, 'index.html');
  const encoded = encodedFiles();
  app.use('*', async (c, next) => {
    const path = c.req.path;
    if (c.req.method !== 'GET' || path === '/api' || path.startsWith('/api/') || !existsSync(index)) {
      return next();
    }
    const file = normalize(join(dist, decodeURIComponent(path)));
    // A missing sw.js (an older build) is a 404, never the app: the browser would take HTML for a script.
    if (path === '/sw.js' && !existsSync(file)) return next();
    // normalize() folds `..`; anything that leaves dist is answered with the app, never a file outside.
    const inside = file.startsWith(dist + sep);
    const target = inside && existsSync(file) && statSync(file).isFile() ? file : index;
    const hashed = target !== index && path.startsWith('/assets/');
    const type = extname(target);
    const encoding = COMPRESSIBLE.has(type) ? pickEncoding(c.req.header('accept-encoding')) : undefined;
    const body = encoding ? encoded(target, encoding) : readFileSync(target);
    return new Response(new Uint8Array(body), {
      headers: {
        'content-type': TYPES[type] ?? 'application/octet-stream',
        'content-length': String(body.length),
        ...(encoding ? { 'content-encoding': encoding } : {}),
        ...(COMPRESSIBLE.has(type) ? { vary: 'accept-encoding' } : {}),
        // Vite puts a content hash in asset names: cache them for good; index.html always revalidates,
        // and so does the service worker (sw.js: its updates must reach the browser at once).
        'cache-control': hashed ? 'public, max-age=31536000, immutable' : 'no-cache',
        ...(path === '/sw.js' ? { 'service-worker-allowed': '/' } : {}),
      },
    });
  });
}
