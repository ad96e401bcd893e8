/** Static serving of the web app's build: files, client-route fallback, no escape from dist, /api left alone. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Hono } from 'hono';
import { afterAll, describe, expect, it } from 'vitest';
import { mountWebApp } from './web-app.ts';

const root = mkdtempSync(join(tmpdir(), 'suivi-web-app-'));
const dist = join(root, 'dist');
mkdirSync(join(dist, 'assets'), { recursive: true });
writeFileSync(join(dist, 'index.html'), '<!doctype html><title>Suivi</title>');
writeFileSync(join(dist, 'assets', 'app-1234.js'), 'console.log(1)');
writeFileSync(join(root, 'secret.txt'), 'secret');

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
});
