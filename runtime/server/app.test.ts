/** The HTTP app over installed modules, through `app.request` (no socket), on both engines. */
import { HTTPException } from 'hono/http-exception';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GENERATOR_VERSION } from '../../generators/core/manifest.ts';
import { runtimeEngines } from '../../test/helpers/engines.ts';
import type { Database } from '../db/database.ts';
import { HttpError } from '../http/errors.ts';
import { EXAMPLES_ROOT, generatedModuleFolders } from '../modules/folders.ts';
import { loadModules } from '../modules/load.ts';
import { createApp } from './app.ts';
import type { ModuleSummary } from './module-summary.ts';

const FOLDERS = generatedModuleFolders(EXAMPLES_ROOT);

describe.each(runtimeEngines())('app on $name', (engine) => {
  let db: Database;
  let app: ReturnType<typeof createApp>;
  const logged: unknown[] = [];

  beforeAll(async () => {
    db = await engine.openPrepared('installed');
    app = createApp({ db, modules: await loadModules(db, FOLDERS), logError: (e) => logged.push(e) });
    // Routes a records layer would add, to exercise the shared error handler.
    app.get('/api/test/http-error', () => {
      throw new HttpError(422, 'invalid', 'Deux problèmes.', [
        { path: '/count', code: 'min', message: 'Au moins 1.' },
        { path: '/date', code: 'required', message: 'Obligatoire.' },
      ]);
    });
    app.post('/api/test/too-large', () => {
      // What Hono's bodyLimit middleware throws.
      throw new HTTPException(413, { message: 'Payload Too Large' });
    });
    app.get('/api/test/crash', () => {
      throw new Error('secret internals');
    });
  });
  afterAll(async () => {
    await db?.close();
  });

  it('answers the health check', async () => {
    const response = await app.request('/api/health');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok', engine: db.engine, modules: 4 });
  });

  it('lists the four example modules with their levels, without login', async () => {
    const response = await app.request('/api/modules');
    expect(response.status).toBe(200);
    const { modules } = (await response.json()) as { modules: ModuleSummary[] };
    expect(modules.map((m) => m.code)).toEqual([
      'amphibiens_mares',
      'chiro_gites',
      'flore_quadrats',
      'oiseaux_points_ecoute',
    ]);
    const chiro = modules.find((m) => m.code === 'chiro_gites')!;
    expect(chiro).toMatchObject({
      label: { fr: 'Suivi des gîtes à chiroptères' },
      version: 1,
      generatorVersion: GENERATOR_VERSION,
    });
    expect(chiro.levels).toEqual([
      {
        key: 'site',
        label: { fr: 'Gîte', en: 'Roost' },
        plural: { fr: 'Gîtes', en: 'Roosts' },
        parents: [],
        children: ['visit'],
        geometry: { kind: 'point', required: true },
      },
      expect.objectContaining({
        key: 'visit',
        parents: ['site'],
        children: ['observation'],
        geometry: { kind: 'none', required: false },
      }),
      expect.objectContaining({ key: 'observation', parents: ['visit'], children: [] }),
    ]);
    const flore = modules.find((m) => m.code === 'flore_quadrats')!;
    expect(flore.levels.find((l) => l.key === 'visit')?.parents).toEqual(['site', 'campaign']);
  });

  it('answers unknown API paths with a JSON 404, other paths with text', async () => {
    const api = await app.request('/api/nothing/here');
    expect(api.status).toBe(404);
    expect(api.headers.get('content-type')).toContain('application/json');
    expect(await api.json()).toEqual([
      { path: '', code: 'not_found', message: 'Aucune route GET /api/nothing/here.' },
    ]);
    const page = await app.request('/nothing');
    expect(page.status).toBe(404);
    expect(page.headers.get('content-type')).toContain('text/plain');
  });

  it('maps HttpError to its status and problem list', async () => {
    const response = await app.request('/api/test/http-error');
    expect(response.status).toBe(422);
    expect(await response.json()).toEqual([
      { path: '/count', code: 'min', message: 'Au moins 1.' },
      { path: '/date', code: 'required', message: 'Obligatoire.' },
    ]);
  });

  it("maps Hono's own 4xx exceptions to a problem list", async () => {
    const response = await app.request('/api/test/too-large', { method: 'POST', body: 'x' });
    expect(response.status).toBe(413);
    expect(await response.json()).toEqual([
      { path: '', code: 'payload_too_large', message: 'Payload Too Large' },
    ]);
  });

  it('hides unexpected errors behind a 500 and logs them', async () => {
    const response = await app.request('/api/test/crash');
    expect(response.status).toBe(500);
    const text = await response.text();
    expect(text).not.toContain('secret');
    expect(JSON.parse(text)).toEqual([{ path: '', code: 'internal', message: 'Erreur interne du serveur.' }]);
    expect(logged.at(-1)).toBeInstanceOf(Error);
  });

  it('serves the placeholder page at /', async () => {
    const response = await app.request('/');
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain('<title>Suivi</title>');
    expect(html).toContain("fetch('/api/modules')");
  });
});
