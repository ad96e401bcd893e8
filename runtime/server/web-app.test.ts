/**
 * Static serving of the web app's build: files, client-route fallback, no escape from dist, /api left
 * alone, compression by Accept-Encoding (the build's precompressed files, else compressed once).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { Hono } from 'hono';
import { afterAll, describe, expect, it } from 'vitest';
import { mountWebApp, pickEncoding } from './web-static.ts';

const root = mkdtempSync(join(tmpdir(), 'suivi-web-app-'));
const dist = join(root, 'dist');
mkdirSync(join(dist, 'assets'), { recursive: true });
writeFileSync(join(dist, 'index.html'), '<!doctype html><title>Suivi</title>');
writeFileSync(join(dist, 'assets', 'app-1234.js'), 'console.log(1)');
writeFileSync(join(root, 'secret.txt'), 'secret');
// A large asset without precompressed siblings, and one whose build wrote them (marked to tell them apart).
const big = `export const words = ${JSON.stringify('lorem ipsum '.repeat(4000))};`;
writeFileSync(join(dist, 'assets', 'big-abcd.js'), big);
writeFileSync(join(dist, 'assets', 'pre-abcd.js'), big);
writeFileSync(join(dist, 'assets', 'pre-abcd.js.gz'), Buffer.from('prebuilt gzip'));

const app = new Hono();
mountWebApp(app, dist);
app.get('/api/thing', (c) => c.json({ ok: true }));

afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('web app serving', () => {
  it('serves hashed assets with a long cache and index.html for client routes', async () => {
    const asset = await app.request('/assets/app-1234.js');
    expect(asset.status).toBe(200);
    expect(asset.headers.get('content-type')).toContain('text/javascript');
    expect(asset.headers.get('cache-control')).toContain('immutable');
    const route = await app.request('/m/amphibiens_mares/site/123');
    expect(await route.text()).toContain('<title>Suivi</title>');
    expect(route.headers.get('cache-control')).toBe('no-cache');
  });

  it('never serves a file outside dist and leaves /api to the API', async () => {
    for (const path of ['/../secret.txt', '/%2e%2e/secret.txt', '/assets/..%2f..%2fsecret.txt']) {
      expect(await (await app.request(path)).text()).not.toContain('secret');
    }
    expect(await (await app.request('/api/thing')).json()).toEqual({ ok: true });
  });

  it('compresses text as the browser accepts: brotli first, then gzip, else plain', async () => {
    const get = (path: string, accept?: string) =>
      app.request(path, accept === undefined ? {} : { headers: { 'accept-encoding': accept } });
    const br = await get('/assets/big-abcd.js', 'gzip, deflate, br');
    expect(br.headers.get('content-encoding')).toBe('br');
    expect(br.headers.get('vary')).toBe('accept-encoding');
    expect(br.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    const brBytes = Buffer.from(await br.arrayBuffer());
    expect(Number(br.headers.get('content-length'))).toBe(brBytes.length);
    expect(brBytes.length).toBeLessThan(big.length / 10);
    expect(brotliDecompressSync(brBytes).toString()).toBe(big);
    const gz = await get('/assets/big-abcd.js', 'gzip');
    expect(gz.headers.get('content-encoding')).toBe('gzip');
    expect(gunzipSync(Buffer.from(await gz.arrayBuffer())).toString()).toBe(big);
    const plain = await get('/assets/big-abcd.js');
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect(await plain.text()).toBe(big);
    // The build's own compressed file wins over compressing again.
    const pre = await get('/assets/pre-abcd.js', 'gzip');
    expect(Buffer.from(await pre.arrayBuffer()).toString()).toBe('prebuilt gzip');
    // index.html is compressed too, and never cached without revalidation.
    const index = await get('/m/x', 'br');
    expect(index.headers.get('content-encoding')).toBe('br');
    expect(index.headers.get('cache-control')).toBe('no-cache');
  });

  it('reads Accept-Encoding with its q-values', () => {
    expect(pickEncoding('gzip, br;q=0')).toBe('gzip');
    expect(pickEncoding('br;q=0.5, gzip')).toBe('br');
    expect(pickEncoding('identity')).toBeUndefined();
    expect(pickEncoding(undefined)).toBeUndefined();
    expect(pickEncoding('GZIP;q=1.0')).toBe('gzip');
  });
});
