/** The OpenAPI documents and the API reference page through `app.request`, on both engines. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Validator } from '@seriousme/openapi-schema-validator';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runtimeEngines } from '../../test/helpers/engines.ts';
import type { Database } from '../db/database.ts';
import { EXAMPLES_ROOT, generatedModuleFolders } from '../modules/folders.ts';
import { loadModules, type ModuleRuntime } from '../modules/load.ts';
import type { createApp } from './app.ts';
import { buildServerApp } from './build-app.ts';
import { CORE_OPENAPI_PATH, coreOpenApi } from './core-openapi.ts';
import { OPENAPI_FILE } from './openapi-routes.ts';

const FOLDERS = generatedModuleFolders(EXAMPLES_ROOT);

// ajv-formats is CommonJS: its default export arrives wrapped under ESM interop.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (
  ajv: Ajv2020,
) => Ajv2020;

type Json = Record<string, unknown>;

/** Every `$ref` string in a document. */
const refsOf = (value: unknown): string[] =>
  Array.isArray(value)
    ? value.flatMap(refsOf)
    : value && typeof value === 'object'
      ? Object.entries(value).flatMap(([k, v]) => (k === '$ref' && typeof v === 'string' ? [v] : refsOf(v)))
      : [];

describe.each(runtimeEngines())('OpenAPI routes on $name', (engine) => {
  let db: Database;
  let modules: readonly ModuleRuntime[];
  let app: ReturnType<typeof createApp>;

  beforeAll(async () => {
    db = await engine.openPrepared('installed');
    modules = await loadModules(db, FOLDERS);
    app = buildServerApp({ db, modules, logError: () => {} });
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

  it('serves the core document: valid OpenAPI 3.1, every $ref resolved, every schema compiled', async () => {
    const response = await app.request(CORE_OPENAPI_PATH);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('application/json');
    const doc = (await response.json()) as Json & { paths: Json; components: { schemas: Json } };
    expect(doc).toEqual(coreOpenApi(modules));
    const validator = new Validator();
    const result = await validator.validate(doc);
    expect(result.errors).toBeUndefined();
    expect(validator.version).toBe('3.1');
    for (const ref of refsOf(doc)) {
      const [, section, name] = /^#\/components\/(\w+)\/(.+)$/.exec(ref) ?? [];
      expect((doc.components as Record<string, Json>)[section ?? '']?.[name ?? ''], ref).toBeDefined();
    }
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    addFormats(ajv);
    const check = (name: string) =>
      ajv.compile({ $ref: `#/components/schemas/${name}`, components: doc.components });
    for (const name of Object.keys(doc.components.schemas)) expect(() => check(name)).not.toThrow();
    expect(check('Errors')([{ path: '/login', code: 'required', message: '…' }])).toBe(true);
    expect(check('Errors')([{ path: '/login', code: 'required' }])).toBe(false);
    // Each group of the brief is there, with the installed modules where a parameter names one.
    for (const path of ['/api/auth/login', '/api/admin/grants', '/api/media', '/api/taxa', '/api/health'])
      expect(Object.keys(doc.paths)).toContain(path);
    expect(JSON.stringify(doc.paths['/api/datasets'])).toContain('chiro_gites');
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
    expect(html).toContain('<code>/api/taxa</code>');
    expect(html).toContain(`href="${CORE_OPENAPI_PATH}"`);
    for (const id of ['login', 'createGrant', 'uploadMedia', 'getVocabulary', 'health'])
      expect(html).toContain(`id="${id}"`);
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
});
