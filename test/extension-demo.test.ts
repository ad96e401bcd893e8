/**
 * The worked example of docs/generators.md#extension-points, end to end on both engines: the module
 * generated with its config (the custom generator's SQL listed in the manifest with its kinds),
 * installed (the trigger exists and keeps the summary), served with its extension: the custom route
 * (401, 403, 200 scoped to the actor), the hooks (a refusal is a 422 naming the field and writes
 * nothing; an accepted visit shows the after-hook's effect), and a hook that throws (500, nothing
 * written, the cause logged, not shown). A recording extension checks the update and delete hooks.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, REPO_ROOT } from '../builder/cli/run-cli.test-helpers.ts';
import type { Manifest } from '../generators/model/index.ts';
import { type Caller, caller, request, signIn } from '../runtime/auth/auth.test-helpers.ts';
import type { Database } from '../runtime/db/database.ts';
import { DEMO_ACCOUNTS } from '../runtime/demo/demo-data.ts';
import { type LoadedExtension, loadExtensions } from '../runtime/extensions/index.ts';
import { installModule } from '../runtime/modules/install.ts';
import { loadModules, type ModuleRuntime } from '../runtime/modules/load.ts';
import { buildServerApp } from '../runtime/server/build-app.ts';
import { runtimeEngines } from './helpers/engines.ts';

const SPEC = 'examples/extension-demo/nichoirs/protocol.json';
const CONFIG = 'examples/extension-demo/suivi.config.json';
const FOLDER = join(REPO_ROOT, 'examples/extension-demo/nichoirs/generated');
const API = '/api/modules/nichoirs_demo';
const SUMMARY = `${API}/x/site-summary`;

const temp = mkdtempSync(join(tmpdir(), 'suivi-extension-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

const userId = (login: string) => DEMO_ACCOUNTS.find((a) => a.login === login)!.id;
const box = (name: string, first_use_date: string) => ({
  geometry: { type: 'Point', coordinates: [5.05, 45.9] },
  base_site_name: name,
  first_use_date,
});
const visit = (site_id: string, visit_date_min: string, bats_count: number, login = 'partenaire.cen') => ({
  site_id,
  visit_date_min,
  bats_count,
  observers: [{ user_id: userId(login) }],
});

describe('suivi generate with the demo config', () => {
  it('lists the custom generator’s SQL with its kinds, as the committed folder has it', async () => {
    const out = join(temp, 'generated');
    const result = await cli('generate', SPEC, '--config', CONFIG, '--out', out);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as Manifest;
    expect(manifest.files.filter((f) => f.generator === 'site_summary')).toEqual([
      expect.objectContaining({ path: 'site_summary/001-table.sql', sql: 'install' }),
      expect.objectContaining({ path: 'site_summary/002-trigger.sql', sql: 'derived' }),
    ]);
    expect(manifest).toEqual(JSON.parse(readFileSync(join(FOLDER, 'manifest.json'), 'utf8')));
  });
});

describe.each(runtimeEngines())('the extension demo on $name', (engine) => {
  let db: Database;
  let modules: readonly ModuleRuntime[];
  let app: Hono;
  const logged: unknown[] = [];
  let cen: Caller;
  let chiro: Caller;
  let cenBox = '';

  const count = async (sql: string, params: unknown[] = []) =>
    Number((await db.query<{ n: number }>(`SELECT count(*)::integer AS n FROM ${sql}`, params)).rows[0]?.n);
  const summaryOf = async (site: string) =>
    (await db.query('SELECT * FROM nichoirs_demo.site_summary WHERE site_id = $1', [site])).rows[0];

  beforeAll(async () => {
    db = await engine.openPrepared('demo');
    expect((await installModule(db, FOLDER)).status).toBe('installed');
    modules = await loadModules(db, [FOLDER]);
    const extensions = await loadExtensions(modules);
    expect([...extensions.keys()]).toEqual(['nichoirs_demo']);
    app = await buildServerApp({ db, modules, extensions, logError: (error) => logged.push(error) });
    cen = await signIn(app, 'partenaire.cen');
    chiro = await signIn(app, 'partenaire.chiro');
  }, 60_000);

  afterAll(async () => {
    await db?.close();
  });

  it('installs the table (install) and the trigger (derived)', async () => {
    const trigger = await db.query(
      "SELECT tgname FROM pg_trigger WHERE tgrelid = 'nichoirs_demo.visit'::regclass AND NOT tgisinternal ORDER BY 1",
    );
    // The built-in record history's trigger (sql/003-history.sql), then the custom generator's.
    expect(trigger.rows).toEqual([{ tgname: 'record_history' }, { tgname: 'site_summary_refresh' }]);
    expect(await count('nichoirs_demo.site_summary')).toBe(0);
    // A derived file runs again after every upgrade: it must be re-runnable.
    await db.exec(readFileSync(join(FOLDER, 'site_summary/002-trigger.sql'), 'utf8'));
    expect(await count("pg_trigger WHERE tgname = 'site_summary_refresh'")).toBe(1);
  });

  it('answers the custom route: 401 anonymous, 403 without a grant', async () => {
    expect((await request(app, 'GET', SUMMARY)).status).toBe(401);
    const admin = await signIn(app, 'admin');
    const created = await admin.call('POST', '/api/admin/users', {
      login: 'sans.droits',
      display_name: 'Sans droits',
      password: 'sans-droits-123',
    });
    expect(created.status).toBe(201);
    const login = await request(app, 'POST', '/api/auth/login', {
      login: 'sans.droits',
      password: 'sans-droits-123',
    });
    const nobody = caller(app, { cookie: (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '' });
    const refused = await nobody.call('GET', SUMMARY);
    expect(refused.status).toBe(403);
    expect(refused.json).toEqual([expect.objectContaining({ code: 'forbidden' })]);
  });

  it('keeps the summary by trigger and shows each actor its organisation’s boxes', async () => {
    const a = await cen.call('POST', `${API}/site`, box('Nichoir du verger', '2025-03-01'));
    expect(a.status).toBe(201);
    cenBox = String(a.json.id);
    const b = await chiro.call('POST', `${API}/site`, box('Nichoir du pont', '2025-04-01'));
    expect(b.status).toBe(201);
    const v = await cen.call('POST', `${API}/visit`, visit(cenBox, '2025-05-10', 0));
    expect(v.status).toBe(201);
    expect(await summaryOf(cenBox)).toMatchObject({ visit_count: 1, last_visit_date: '2025-05-10' });

    const seen = await cen.call('GET', SUMMARY);
    expect(seen.status).toBe(200);
    expect(seen.json).toEqual({
      sites: [
        {
          site_id: cenBox,
          name: 'Nichoir du verger',
          visit_count: 1,
          last_visit_date: '2025-05-10',
          first_occupied_on: null,
        },
      ],
    });
    const other = await chiro.call('GET', SUMMARY);
    expect(other.json).toEqual({ sites: [expect.objectContaining({ site_id: b.json.id, visit_count: 0 })] });
  });

  it('refuses a visit before the box was put up: 422 naming the field, nothing written', async () => {
    const before = await count('nichoirs_demo.visit');
    const refused = await cen.call('POST', `${API}/visit`, visit(cenBox, '2025-02-15', 3));
    expect(refused.status).toBe(422);
    expect(refused.json).toEqual([
      {
        path: '/visit_date_min',
        code: 'before_first_use',
        message: 'Le contrôle ne peut pas précéder la pose du gîte (2025-03-01).',
        messages: {
          fr: 'Le contrôle ne peut pas précéder la pose du gîte (2025-03-01).',
          en: 'The check cannot come before the box was put up (2025-03-01).',
        },
      },
    ]);
    expect(await count('nichoirs_demo.visit')).toBe(before);
    expect(await summaryOf(cenBox)).toMatchObject({ visit_count: 1 });
  });

  it('accepts a valid visit, and its after-hook notes the first occupation in the same transaction', async () => {
    const accepted = await cen.call('POST', `${API}/visit`, visit(cenBox, '2025-06-20', 12));
    expect(accepted.status).toBe(201);
    expect(await summaryOf(cenBox)).toEqual({
      site_id: cenBox,
      visit_count: 2,
      last_visit_date: '2025-06-20',
      first_occupied_on: '2025-06-20',
      first_occupied_by: userId('partenaire.cen'),
    });
    const later = await cen.call('POST', `${API}/visit`, visit(cenBox, '2025-07-02', 30));
    expect(later.status).toBe(201);
    expect(await summaryOf(cenBox)).toMatchObject({ visit_count: 3, first_occupied_on: '2025-06-20' });
  });

  describe('with extensions of the test’s own', () => {
    const calls: Array<{ event: string; id?: unknown; previous?: unknown; data?: unknown }> = [];
    const record =
      (event: string) =>
      (call: {
        record?: { id?: unknown };
        previous?: { bats_count?: unknown };
        data?: { bats_count?: unknown };
      }) => {
        calls.push({
          event,
          ...(call.record ? { id: call.record.id } : {}),
          ...(call.previous ? { previous: call.previous.bats_count } : {}),
          ...(call.data ? { data: call.data.bats_count } : {}),
        });
      };
    const withHooks = async (hooks: LoadedExtension['hooks']) => {
      const extension: LoadedExtension = { module: 'nichoirs_demo', file: 'test', hooks };
      const built = await buildServerApp({
        db,
        modules,
        extensions: new Map([['nichoirs_demo', extension]]),
        logError: (error) => logged.push(error),
      });
      return signIn(built, 'partenaire.cen');
    };

    it('a hook that throws: 500 without details, nothing written, the cause logged', async () => {
      const as = await withHooks({
        visit: {
          afterCreate: () => {
            throw new Error('secret detail of the failure');
          },
        },
      });
      const before = await count('nichoirs_demo.visit');
      logged.length = 0;
      const failed = await as.call('POST', `${API}/visit`, visit(cenBox, '2025-08-01', 1));
      expect(failed.status).toBe(500);
      expect(failed.json).toEqual([{ path: '', code: 'internal', message: 'Erreur interne du serveur.' }]);
      expect(JSON.stringify(failed.json)).not.toContain('secret');
      expect(await count('nichoirs_demo.visit')).toBe(before);
      expect(await summaryOf(cenBox)).toMatchObject({ visit_count: 3, last_visit_date: '2025-07-02' });
      expect(String((logged[0] as Error)?.message)).toContain(
        'extension hook nichoirs_demo.visit.afterCreate failed: secret detail of the failure',
      );
    });

    it('update and delete hooks run in order, with the record before and after', async () => {
      const as = await withHooks({
        visit: {
          beforeUpdate: record('beforeUpdate'),
          afterUpdate: record('afterUpdate'),
          beforeDelete: record('beforeDelete'),
          afterDelete: record('afterDelete'),
        },
      });
      const created = await as.call('POST', `${API}/visit`, visit(cenBox, '2025-09-01', 2));
      expect(created.status).toBe(201);
      const id = created.json.id;
      const updated = await as.call('PUT', `${API}/visit/${id}`, {
        ...visit(cenBox, '2025-09-01', 5),
        row_version: created.json.row_version,
      });
      expect(updated.status).toBe(200);
      expect((await as.call('DELETE', `${API}/visit/${id}`)).status).toBe(204);
      expect(calls).toEqual([
        { event: 'beforeUpdate', previous: 2, data: 5 },
        { event: 'afterUpdate', id, previous: 2 },
        { event: 'beforeDelete', id },
        { event: 'afterDelete', id },
      ]);
    });
  });
});
