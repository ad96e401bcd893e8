/** The OpenAPI documents and the API reference page through `app.request`, on both engines. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runtimeEngines } from '../../test/helpers/engines.ts';
import type { Database } from '../db/database.ts';
import { EXAMPLES_ROOT, generatedModuleFolders } from '../modules/folders.ts';
import { loadModules, type ModuleRuntime } from '../modules/load.ts';
import { createApp } from './app.ts';
import { loadOpenApiDocuments, mountOpenApiRoutes, OPENAPI_FILE } from './openapi-routes.ts';

const FOLDERS = generatedModuleFolders(EXAMPLES_ROOT);

describe.each(runtimeEngines())('OpenAPI routes on $name', (engine) => {
  let db: Database;
  let modules: readonly ModuleRuntime[];
  let app: ReturnType<typeof createApp>;

  beforeAll(async () => {
    db = await engine.openPrepared('installed');
    modules = await loadModules(db, FOLDERS);
    app = createApp({ db, modules, logError: () => {} });
    await mountOpenApiRoutes(app, modules);
  });
  afterAll(async () => db?.close());

  it('serves each module’s generated document, byte for byte', async () => {
    expect(modules.length).toBeGreaterThanOrEqual(4);
    for (const module of modules) {
      const response = await app.request(`/api/modules/${module.code}/openapi.json`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toContain('application/json');
      const text = await response.text();
      expect(text).toBe(readFileSync(join(module.folder, OPENAPI_FILE), 'utf8'));
      expect(JSON.parse(text)).toMatchObject({ openapi: expect.stringMatching(/^3\./) });
    }
  });

  it('answers 404 JSON for a module that is not installed', async () => {
    const response = await app.request('/api/modules/nope/openapi.json');
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual([{ path: '', code: 'not_found', message: expect.any(String) }]);
    expect((await app.request('/api/docs/nope')).status).toBe(404);
  });

  it('renders a reference page listing every module’s operations by tag', async () => {
    const response = await app.request('/api/docs');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/html');
    const html = await response.text();
    for (const module of modules) {
      expect(html).toContain(`id="${module.code}"`);
      expect(html).toContain(`/api/modules/${module.code}/openapi.json`);
    }
    const chiro = JSON.parse(
      readFileSync(join(modules.find((m) => m.code === 'chiro_gites')!.folder, OPENAPI_FILE), 'utf8'),
    ) as {
      paths: Record<string, Record<string, { operationId: string }>>;
    };
    const operationIds = Object.values(chiro.paths).flatMap((item) =>
      Object.values(item).map((o) => o.operationId),
    );
    for (const id of operationIds) expect(html).toContain(`id="${id}"`);
    expect(html).toContain('<h3>observation');
    expect(html).toContain('<code>/api/modules/chiro_gites/site/{id}</code>');
    expect(html).toContain('ObservationCreate');
    expect(html).toContain('<code>page_size</code>');
    expect(html).toContain('/api/taxa');
    // Self-contained: no script, no external stylesheet or image.
    expect(html).not.toMatch(/<script|<link|src=|https?:\/\//);
  });

  it('renders one module alone at /api/docs/:code', async () => {
    const response = await app.request('/api/docs/chiro_gites');
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain('createObservation');
    expect(html).not.toContain('/api/modules/amphibiens_mares/');
  });

  it('refuses a document that differs from the manifest', async () => {
    const module = modules[0]!;
    const tampered = {
      ...module,
      manifest: {
        ...module.manifest,
        files: module.manifest.files.map((f) =>
          f.path === OPENAPI_FILE ? { ...f, sha256: '0'.repeat(64) } : f,
        ),
      },
    };
    await expect(loadOpenApiDocuments([tampered])).rejects.toThrow(/sha256 differs/);
  });
});
