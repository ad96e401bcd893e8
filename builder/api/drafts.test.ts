/**
 * The builder API's drafts and checks on PGlite and PostgreSQL: who may use it (401, 403), drafts
 * created from each source, saved over their row version (409 `stale` naming who saved), their
 * revisions; validate (diagnostics located in the pretty-printed JSON), preview (each level's forms are
 * exactly what `generateModule` writes), diff against the installed version.
 */
import { Validator } from '@seriousme/openapi-schema-validator';
import type { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateModule } from '../../generators/module.ts';
import { compileProtocol } from '../../protocol-specs/index.ts';
import { type Caller, request, signIn } from '../../runtime/auth/auth.test-helpers.ts';
import { runtimeEngines } from '../../test/helpers/engines.ts';
import { type BuilderApp, builderApp, TEST_CODE, testSpec } from './builder.test-helpers.ts';

/** A JSON answer read as what the contract says it is. */
const as = <T>(json: unknown) => json as T;
interface Located {
  readonly path: string;
  readonly severity: string;
  readonly line: number;
  readonly column: number;
}
interface PreviewLevel {
  readonly key: string;
  readonly forms: unknown;
}
interface Change {
  readonly kind: string;
  readonly class: string;
}

describe.each(runtimeEngines())('builder drafts and checks on $name', (engine) => {
  let built: BuilderApp;
  let app: Hono;
  let admin: Caller;

  beforeAll(async () => {
    built = await builderApp(engine);
    app = built.app;
    admin = await signIn(app, 'admin');
  });
  afterAll(async () => built?.close());

  it('serves designers only: 401 anonymous, 403 for a partner; /api/auth/me says who designs', async () => {
    expect((await request(app, 'GET', '/api/builder/protocols')).status).toBe(401);
    const partner = await signIn(app, 'partenaire.cen');
    const refused = await partner.call('POST', '/api/builder/validate', { spec: testSpec() });
    expect(refused.status).toBe(403);
    expect(refused.json[0]).toMatchObject({ code: 'forbidden' });
    expect((await partner.call('GET', '/api/auth/me')).json).toMatchObject({ can_design: false });
    expect((await admin.call('GET', '/api/auth/me')).json).toMatchObject({
      login: 'admin',
      can_design: true,
    });
  });

  it('documents every builder route in the core OpenAPI document, which stays valid OpenAPI 3.1', async () => {
    const doc = (await (await app.request('/api/openapi/core.json')).json()) as {
      paths: Record<string, unknown>;
    };
    const validator = new Validator();
    expect((await validator.validate(doc)).errors).toBeUndefined();
    const documented = Object.keys(doc.paths).filter((p) => p.startsWith('/api/builder/'));
    const mounted = new Set(
      app.routes
        .filter((r) => r.path.startsWith('/api/builder/') && r.method !== 'ALL')
        .map((r) => r.path.replace(/:(\w+)/g, '{$1}')),
    );
    expect(documented.sort()).toEqual([...mounted].sort());
  });

  it('lists installed protocols, drafts and examples', async () => {
    const res = await admin.call('GET', '/api/builder/protocols');
    expect(res.status).toBe(200);
    expect(res.json.installed).toEqual([
      expect.objectContaining({ code: 'amphibiens_mares', version: 1, pendingUpgrade: false }),
    ]);
    expect(res.json.examples).toEqual(
      expect.arrayContaining([expect.objectContaining({ name: 'chiro_gites', code: 'chiro_gites' })]),
    );
  });

  it('creates drafts from each source; the installed one knows its base version', async () => {
    const blank = await admin.call('POST', '/api/builder/drafts', {
      from: 'blank',
      code: 'nouveau',
      label: { fr: 'Nouveau' },
    });
    expect(blank.status).toBe(201);
    expect(blank.json).toMatchObject({
      code: 'nouveau',
      base_version: null,
      row_version: 1,
      revisions: 1,
      updated_by: { login: 'admin' },
      spec: { code: 'nouveau', version: 1, label: { fr: 'Nouveau', en: 'Nouveau' }, levels: [] },
    });
    const example = await admin.call('POST', '/api/builder/drafts', { from: 'example', name: 'chiro_gites' });
    expect(example.json).toMatchObject({ code: 'chiro_gites', base_version: null });
    const installed = await admin.call('POST', '/api/builder/drafts', {
      from: 'installed',
      code: 'amphibiens_mares',
    });
    expect(installed.status).toBe(201);
    expect(installed.json).toMatchObject({ code: 'amphibiens_mares', base_version: 1 });
    // The spec written back from the installed version compiles to the same protocol.
    const compiled = compileProtocol(installed.json.spec);
    expect(compiled.ok).toBe(true);
    for (const [body, path] of [
      [{ from: 'nowhere' }, '/from'],
      [{ from: 'example', name: '../chiro_gites' }, '/name'],
      [{ from: 'installed', code: 'absent' }, '/code'],
      [{ from: 'spec', spec: [1] }, '/spec'],
      [{ from: 'blank', code: 'x' }, '/label'],
    ] as const) {
      const res = await admin.call('POST', '/api/builder/drafts', body);
      expect(res.status, JSON.stringify(body)).toBe(422);
      expect(res.json[0]?.path).toBe(path);
    }
  });

  it('saves over the row version, keeps revisions, refuses a stale save naming who saved', async () => {
    const created = await admin.call('POST', '/api/builder/drafts', { from: 'spec', spec: testSpec() });
    const id = created.json.id as string;
    // A work in progress may be invalid: it is saved as it is, key order included.
    const unfinished = { code: TEST_CODE, label: { fr: 'En cours' }, levels: [{ key: 'site' }] };
    const saved = await admin.call('PUT', `/api/builder/drafts/${id}`, { spec: unfinished, row_version: 1 });
    expect(saved.status).toBe(200);
    expect(saved.json).toEqual({ row_version: 2, revision: 2 });
    const read = await admin.call('GET', `/api/builder/drafts/${id}`);
    expect(JSON.stringify(read.json.spec)).toBe(JSON.stringify(unfinished));
    expect(read.json).toMatchObject({ row_version: 2, revisions: 2 });

    const stale = await admin.call('PUT', `/api/builder/drafts/${id}`, { spec: testSpec(), row_version: 1 });
    expect(stale.status).toBe(409);
    expect(stale.json[0]).toMatchObject({
      path: '/row_version',
      code: 'stale',
      current_row_version: 2,
      updated_by: { login: 'admin' },
    });
    expect((await admin.call('GET', `/api/builder/drafts/${id}`)).json.spec).toEqual(unfinished);

    const revisions = await admin.call('GET', `/api/builder/drafts/${id}/revisions`);
    expect(as<{ revision: number }[]>(revisions.json).map((r) => r.revision)).toEqual([2, 1]);
    expect(revisions.json[0]?.saved_by).toEqual({ login: 'admin' });
    const first = await admin.call('GET', `/api/builder/drafts/${id}/revisions/1`);
    expect(first.json).toEqual({ revision: 1, spec: testSpec() });
    expect((await admin.call('GET', `/api/builder/drafts/${id}/revisions/9`)).status).toBe(404);

    const download = await admin.call('GET', `/api/builder/drafts/${id}/spec`);
    expect(download.headers.get('content-disposition')).toBe('attachment; filename="protocol.json"');
    expect(download.json).toEqual(unfinished);

    const tooLarge = { ...testSpec(), description: { fr: 'x'.repeat(1024 * 1024) } };
    expect(
      (await admin.call('PUT', `/api/builder/drafts/${id}`, { spec: tooLarge, row_version: 2 })).status,
    ).toBe(422);
    expect((await admin.call('DELETE', `/api/builder/drafts/${id}`)).status).toBe(204);
    expect((await admin.call('GET', `/api/builder/drafts/${id}`)).status).toBe(404);
    expect((await admin.call('GET', '/api/builder/drafts/not-a-uuid')).status).toBe(404);
    const rows = await built.db.query('SELECT 1 FROM suivi.protocol_draft_revision WHERE draft_id = $1', [
      id,
    ]);
    expect(rows.rows).toHaveLength(0);
  });

  it('validates, each diagnostic at its line and column of the pretty-printed JSON', async () => {
    const good = await admin.call('POST', '/api/builder/validate', { spec: testSpec() });
    expect(good.json).toEqual({ ok: true, diagnostics: [] });
    const spec = testSpec();
    const observation = spec.levels[2] as { fields: Record<string, unknown>[] };
    (observation.fields[1] as Record<string, unknown>).min = 'zero';
    const bad = await admin.call('POST', '/api/builder/validate', { spec });
    expect(bad.json.ok).toBe(false);
    const diagnostic = as<{ diagnostics: Located[] }>(bad.json).diagnostics.find((d) =>
      d.path.startsWith('/levels/2/fields/1'),
    );
    if (!diagnostic) throw new Error('a diagnostic at the count field');
    expect(diagnostic.severity).toBe('error');
    const lines = JSON.stringify(spec, null, 2).split('\n');
    const line = lines[diagnostic.line - 1] as string;
    expect(line.slice(diagnostic.column - 1)).toMatch(/^("min": )?"zero"/);
  });

  it('previews each level’s forms exactly as generateModule writes them, with dictionary, SQL and OpenAPI', async () => {
    const res = await admin.call('POST', '/api/builder/preview', { spec: testSpec() });
    expect(res.status).toBe(200);
    const compiled = compileProtocol(testSpec());
    if (!compiled.ok) throw new Error('the test spec compiles');
    const files = new Map(
      (await generateModule(compiled.protocol, { specPath: `${TEST_CODE}/protocol.json` })).map((f) => [
        f.path,
        f.contents,
      ]),
    );
    const preview = as<{ levels: PreviewLevel[]; files: Record<string, unknown> }>(res.json);
    expect(preview.levels.map((l) => l.key)).toEqual(['site', 'visit', 'observation']);
    for (const level of preview.levels) {
      expect(level.forms).toEqual({
        schema: JSON.parse(files.get(`forms/${level.key}.schema.json`) as string),
        ui: JSON.parse(files.get(`forms/${level.key}.ui.json`) as string),
        rules: JSON.parse(files.get(`forms/${level.key}.rules.json`) as string),
      });
    }
    expect(preview.files.dictionary).toBe(files.get('dictionary/dictionary.md'));
    expect(preview.files.sql).toContain(files.get('sql/001-tables.sql'));
    expect(preview.files.openapi).toEqual(JSON.parse(files.get('openapi/openapi.json') as string));
    const broken = await admin.call('POST', '/api/builder/preview', { spec: { code: TEST_CODE } });
    expect(broken.json).toMatchObject({ ok: false, levels: [], files: null });
    expect(as<{ diagnostics: Located[] }>(broken.json).diagnostics.length).toBeGreaterThan(0);
  });

  it('diffs against the installed version: all added for a new protocol, by ids for an installed one', async () => {
    const fresh = await admin.call('POST', '/api/builder/diff', { spec: testSpec() });
    expect(fresh.json.installed).toBeNull();
    const changes = as<{ diff: { changes: Change[] } }>(fresh.json).diff.changes;
    expect(changes.every((c) => c.class === 'additive' || c.class === 'metadata')).toBe(true);
    expect(changes.filter((c) => c.kind === 'level_added')).toHaveLength(3);
    const draft = await admin.call('POST', '/api/builder/drafts', {
      from: 'installed',
      code: 'amphibiens_mares',
    });
    const spec = as<{ spec: { label: { fr: string } } }>(draft.json).spec;
    spec.label = { ...spec.label, fr: `${spec.label.fr} (révisé)` };
    const installed = await admin.call('POST', '/api/builder/diff', { spec });
    expect(installed.json.installed).toBe(1);
    const kinds = as<{ diff: { changes: Change[] } }>(installed.json).diff.changes.map((c) => c.kind);
    expect(kinds).toEqual(['protocol_label_changed']);
    expect((await admin.call('POST', '/api/builder/diff', { spec: { code: 1 } })).status).toBe(422);
  });
});
