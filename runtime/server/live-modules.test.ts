/**
 * Modules at run time, on PGlite and PostgreSQL: a start where one module's folder needs an upgrade
 * (that module serves its installed version, the others start, `GET /api/modules` shows the pending
 * upgrade); a live upgrade through the admin API swapping the module's routes and forms while a request
 * started before the swap finishes on the old version; an uninstall that archives; an install without
 * restart; the version rows each change writes; one broken module folder never stopping the others.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Manifest, sha256 } from '../../generators/core/manifest.ts';
import { runtimeEngines } from '../../test/helpers/engines.ts';
import { type Caller, signIn } from '../auth/auth.test-helpers.ts';
import type { Database } from '../db/database.ts';
import { DEMO_ACCOUNTS } from '../demo/demo-data.ts';
import { EXAMPLES_ROOT, generatedModuleFolders } from '../modules/folders.ts';
import {
  fakeUpgrader,
  holdingDatabase,
  LIVE_CODE,
  pondFolder,
  removeLiveFolders,
  tampered,
} from '../modules/live-modules.test-helpers.ts';
import { openModules } from '../modules/open-modules.ts';
import { buildServerApp } from './build-app.ts';
import { moduleRegistry } from './module-app.ts';
import type { ModuleSummary } from './module-summary.ts';

const CHIRO = generatedModuleFolders(EXAMPLES_ROOT).find((f) => f.includes('/chiro_gites/'))!;
const BASE = `/api/modules/${LIVE_CODE}`;
const ADMIN = `/api/admin/modules/${LIVE_CODE}`;
const ADMIN_ID = DEMO_ACCOUNTS.find((a) => a.login === 'admin')!.id;

afterAll(removeLiveFolders);

/** The same folder with a SQL file that fails, its manifest updated (so only the database refuses it). */
function failingSql(folder: string): string {
  const copy = tampered(folder, 'sql/002-views.sql');
  const path = join(copy, 'sql/002-views.sql');
  writeFileSync(path, `${readFileSync(path, 'utf8')}\nSELECT no_such_function();\n`);
  const manifestPath = join(copy, 'manifest.json');
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Manifest;
  const files = manifest.files.map((f) =>
    f.path === 'sql/002-views.sql' ? { ...f, sha256: sha256(readFileSync(path, 'utf8')) } : f,
  );
  writeFileSync(
    manifestPath,
    JSON.stringify({ ...manifest, protocol: { ...manifest.protocol, version: 3 }, files }),
  );
  return copy;
}

describe.each(runtimeEngines())('modules at run time on $name', (engine) => {
  let db: Database;
  let v1: string;
  let v2: string;
  const fake = fakeUpgrader();
  const log: unknown[] = [];
  const changes = async () =>
    (
      await db.query<{ change: string }>(
        'SELECT change FROM suivi.module_version WHERE code = $1 ORDER BY id',
        [LIVE_CODE],
      )
    ).rows.map((r) => r.change);

  /** A server as `startSuivi` builds it over `folders`. */
  async function start(folders: string[], over: Database = db) {
    const opened = await openModules(over, folders);
    const registry = moduleRegistry(over, opened.served, (e) => log.push(e));
    for (const p of opened.pending) registry.setPending(p);
    const app: Hono = buildServerApp({
      db: over,
      registry,
      moduleFolders: () => [v2, CHIRO],
      upgradeModule: fake.upgrade,
      logError: (e) => log.push(e),
    });
    return { opened, registry, app, admin: await signIn(app, 'admin') };
  }

  beforeAll(async () => {
    db = await engine.openPrepared('demo');
    v1 = await pondFolder(1);
    v2 = await pondFolder(2, { planned: true });
  });
  afterAll(async () => db?.close());

  let admin: Caller;
  let app: Hono;
  const held = { current: undefined as ReturnType<typeof holdingDatabase> | undefined };

  it('installs at start, then serves the installed version of a folder that needs an upgrade, and the other modules', async () => {
    const first = await start([v1, CHIRO]);
    expect(first.opened.installs.map((i) => [i.code, i.status])).toEqual([
      [LIVE_CODE, 'installed'],
      ['chiro_gites', 'unchanged'],
    ]);
    for (const name of ['Mare 1', 'Mare 2']) {
      const res = await first.admin.call('POST', `${BASE}/site`, { site_name: name, depth_cm: 40 });
      expect(res.status, JSON.stringify(res.json)).toBe(201);
    }
    // A module installed before version history gets its row once, with its folder's files.
    const chiroRows = await db.query("SELECT change FROM suivi.module_version WHERE code = 'chiro_gites'");
    expect(chiroRows.rows).toEqual([{ change: 'install' }]);

    // "Restart" on the v2 folder: the pond module holds data and its schema differs.
    held.current = holdingDatabase(db, `"${LIVE_CODE}"."site"`);
    const second = await start([v2, CHIRO], held.current.db);
    ({ app, admin } = second);
    expect(second.opened.served.map((m) => [m.code, m.version])).toEqual([
      [LIVE_CODE, 1],
      ['chiro_gites', 1],
    ]);
    expect(second.opened.pending).toEqual([
      expect.objectContaining({
        code: LIVE_CODE,
        kind: 'upgrade',
        installedVersion: 1,
        folderVersion: 2,
        serving: true,
        plan: {
          found: true,
          // The real plan of generators/migrations: the new optional field is its one additive step.
          steps: expect.arrayContaining([
            expect.objectContaining({ id: 'site.note.add', class: 'additive', plan: 'v1-to-v2' }),
          ]),
        },
      }),
    ]);
    const { modules } = (await (await app.request('/api/modules')).json()) as { modules: ModuleSummary[] };
    expect(modules.find((m) => m.code === LIVE_CODE)).toMatchObject({
      version: 1,
      pendingUpgrade: {
        installedVersion: 1,
        folderVersion: 2,
        hasPlan: true,
        steps: { metadata: 3, additive: 2, data_dependent: 0, destructive: 0, rename: 0 },
      },
    });
    expect(modules.find((m) => m.code === 'chiro_gites')?.pendingUpgrade).toBeNull();
    // The installed version's form: its old field accepted, the folder's new one unknown.
    expect((await admin.call('POST', `${BASE}/site`, { site_name: 'Mare 3', depth_cm: 10 })).status).toBe(
      201,
    );
    const early = await admin.call('POST', `${BASE}/site`, { site_name: 'Mare 4', note: 'trop tôt' });
    expect(early.status).toBe(422);
    expect(early.json).toEqual([expect.objectContaining({ path: '/note', code: 'unknown_field' })]);
    expect((await admin.call('GET', '/api/modules/chiro_gites/site')).status).toBe(200);
  });

  it('lists installed modules with history, row counts and the pending plan to administrators only', async () => {
    const res = await admin.call('GET', '/api/admin/modules');
    expect(res.status).toBe(200);
    const pond = (res.json.modules as Record<string, unknown>[]).find((m) => m.code === LIVE_CODE);
    expect(pond).toMatchObject({
      version: 1,
      served_version: 1,
      rows: { site: 3 },
      history: [expect.objectContaining({ version: 1, change: 'install' })],
      pending: {
        kind: 'upgrade',
        folder: v2,
        installed_version: 1,
        folder_version: 2,
        plan: {
          found: true,
          steps: expect.arrayContaining([
            expect.objectContaining({ id: 'site.note.add', class: 'additive' }),
          ]),
        },
        counts: { metadata: 3, additive: 2 },
      },
    });
    const partner = await signIn(app, 'partenaire.cen');
    expect((await partner.call('GET', '/api/admin/modules')).status).toBe(403);
  });

  it('upgrades live: a dry run changes nothing, a refusal is a 409 with its report, then new requests see the new version while one in flight finishes on the old', async () => {
    const dry = await admin.call('POST', `${ADMIN}/upgrade`, { dryRun: true });
    expect(dry.status, JSON.stringify(dry.json)).toBe(200);
    expect(dry.json).toMatchObject({ report: { status: 'dry_run' }, module: null });
    fake.refuse = true;
    const refused = await admin.call('POST', `${ADMIN}/upgrade`, {});
    fake.refuse = false;
    expect(refused.status).toBe(409);
    expect(refused.json).toEqual([
      expect.objectContaining({
        code: 'upgrade_refused',
        report: expect.objectContaining({ status: 'refused' }),
      }),
    ]);
    expect((await admin.call('GET', `${BASE}/forms/site`)).json.schema).not.toHaveProperty('properties.note');

    // A list request caught before its SQL runs, on the version serving when it started.
    held.current!.hold();
    const inFlight = admin.call('GET', `${BASE}/site`);
    await held.current!.waiting();
    const upgraded = await admin.call('POST', `${ADMIN}/upgrade`, {});
    expect(upgraded.status, JSON.stringify(upgraded.json)).toBe(200);
    expect(upgraded.json).toMatchObject({
      report: { status: 'upgraded' },
      module: { version: 2, pendingUpgrade: null },
    });
    expect(fake.calls.at(-1)).toEqual({ folder: v2, dryRun: false, actor: ADMIN_ID });

    const form = await admin.call('GET', `${BASE}/forms/site`);
    expect(form.json.schema).toHaveProperty('properties.note');
    const late = await admin.call('POST', `${BASE}/site`, { site_name: 'Mare 4', note: 'après' });
    expect(late.status, JSON.stringify(late.json)).toBe(201);
    const now = await admin.call('GET', `${BASE}/site`);
    expect((now.json.items as object[]).every((r) => 'note' in r)).toBe(true);

    held.current!.release();
    const old = await inFlight;
    expect(old.status).toBe(200);
    // It ran its SQL after the swap (it sees Mare 4), with the old version's plan (no `note`).
    expect((old.json.items as object[]).length).toBe(4);
    expect((old.json.items as object[]).some((r) => 'note' in r)).toBe(false);

    expect(await changes()).toEqual(['install', 'upgrade']);
    const row = await db.query<{ installed_by: string; version: number; plan: unknown }>(
      'SELECT installed_by, version, plan FROM suivi.module_version WHERE code = $1 ORDER BY id DESC LIMIT 1',
      [LIVE_CODE],
    );
    expect(row.rows[0]).toMatchObject({ installed_by: ADMIN_ID, version: 2, plan: { from: 1, to: 2 } });
    const { modules } = (await (await app.request('/api/modules')).json()) as { modules: ModuleSummary[] };
    expect(modules.find((m) => m.code === LIVE_CODE)).toMatchObject({ version: 2, pendingUpgrade: null });
    expect((await admin.call('POST', `${ADMIN}/upgrade`, {})).status).toBe(404);
  });

  it('uninstalls into an archive schema, keeping every row, and the routes answer 404 at once', async () => {
    const wrong = await admin.call('POST', `${ADMIN}/uninstall`, { confirm: 'chiro_gites' });
    expect(wrong.status).toBe(422);
    expect(wrong.json).toEqual([expect.objectContaining({ path: '/confirm', code: 'confirm' })]);
    const res = await admin.call('POST', `${ADMIN}/uninstall`, { confirm: LIVE_CODE });
    expect(res.status, JSON.stringify(res.json)).toBe(200);
    const archive = res.json.archive as string;
    expect(archive).toMatch(/^suivi_archive_live_ponds_v2_\d{14}$/);
    const schemas = await db.query<{ nspname: string }>(
      "SELECT nspname FROM pg_namespace WHERE nspname LIKE '%live_ponds%' ORDER BY nspname",
    );
    expect(schemas.rows.map((r) => r.nspname)).toEqual([archive]);
    const kept = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM "${archive}".site`);
    expect(kept.rows[0]?.n).toBe(4);
    expect((await admin.call('GET', `${BASE}/site`)).status).toBe(404);
    expect((await admin.call('GET', `${BASE}/forms/site`)).status).toBe(404);
    const { modules } = (await (await app.request('/api/modules')).json()) as { modules: ModuleSummary[] };
    expect(modules.map((m) => m.code)).not.toContain(LIVE_CODE);
    expect(await changes()).toEqual(['install', 'upgrade']);
    expect((await admin.call('POST', `${ADMIN}/uninstall`, { confirm: LIVE_CODE })).status).toBe(404);
  });

  it('installs a configured folder without a restart, and refuses others', async () => {
    const list = await admin.call('GET', '/api/admin/modules');
    expect(list.json.available).toEqual([
      expect.objectContaining({ folder: v2, code: LIVE_CODE, version: 2 }),
    ]);
    expect((await admin.call('POST', '/api/admin/modules/install', { folder: '/etc' })).status).toBe(422);
    const res = await admin.call('POST', '/api/admin/modules/install', { folder: v2 });
    expect(res.status, JSON.stringify(res.json)).toBe(201);
    expect(res.json).toMatchObject({ install: { status: 'installed', version: 2 }, module: { version: 2 } });
    const items = await admin.call('GET', `${BASE}/site`);
    expect(items.status).toBe(200);
    expect(items.json.items).toEqual([]);
    expect(await changes()).toEqual(['install', 'upgrade', 'install']);
    const again = await admin.call('POST', '/api/admin/modules/install', { folder: v2 });
    expect(again.status).toBe(409);
    // The core document now names the module (a grant can be given on it).
    const core = await (await app.request('/api/openapi/core.json')).text();
    expect(core).toContain(LIVE_CODE);
  });

  it('keeps the other modules up when one folder is tampered with, fails in SQL, or has no stored version', async () => {
    // Empty and installed at v2: a v3 folder whose SQL fails is refused as a whole, v2 left as it was.
    const broken = await start([tampered(v2, 'sql/001-tables.sql'), CHIRO, failingSql(v2)]);
    expect(broken.opened.served.map((m) => m.code)).toEqual(['chiro_gites']);
    expect(broken.opened.pending.map((p) => [p.code, p.kind, p.serving])).toEqual([
      ['broken', 'failed', false],
      [LIVE_CODE, 'failed', false],
    ]);
    expect(broken.opened.pending[0]?.reason).toContain('sql/001-tables.sql differs from the manifest');
    expect(broken.opened.pending[1]?.reason).toContain('no_such_function');
    expect((await broken.admin.call('GET', '/api/modules/chiro_gites/site')).status).toBe(200);
    expect((await broken.admin.call('GET', `${BASE}/site`)).status).toBe(404);
    const version = await db.query("SELECT spec_version FROM suivi.module WHERE code = 'live_ponds'");
    expect(version.rows).toEqual([{ spec_version: 2 }]);
    const listed = await broken.admin.call('GET', '/api/admin/modules');
    expect((listed.json.unavailable as { code: string }[]).map((p) => p.code)).toEqual(['broken']);

    // Installed before version history (no row) with data, and the folder differs: not served, listed.
    await db.query(
      "INSERT INTO live_ponds.site (site_name, organisation_id, created_by) SELECT 'Mare 5', organisation_id, id FROM suivi.app_user WHERE login = 'admin'",
    );
    await db.query('UPDATE suivi.module SET version_id = NULL WHERE code = $1', [LIVE_CODE]);
    const old = await start([v1, CHIRO]);
    expect(old.opened.served.map((m) => m.code)).toEqual(['chiro_gites']);
    expect(old.opened.pending).toEqual([
      expect.objectContaining({
        code: LIVE_CODE,
        kind: 'upgrade',
        serving: false,
        installedVersion: 2,
        folderVersion: 1,
      }),
    ]);
    expect(old.opened.pending[0]?.reason).toContain('installed before version history');
    expect((await old.admin.call('GET', `${BASE}/site`)).status).toBe(404);
    expect(log).toEqual([]);
  });
});
