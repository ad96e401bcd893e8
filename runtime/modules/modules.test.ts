/**
 * Installing generated modules on both engines: all or nothing in one transaction, recorded in
 * suivi.module, idempotent, a changed schema reinstalled only while the module is empty; then loading
 * them into frozen in-memory modules that match what is installed.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GENERATOR_VERSION, type Manifest, sha256 } from '../../generators/core/manifest.ts';
import { runtimeEngines } from '../../test/helpers/engines.ts';
import type { Database } from '../db/database.ts';
import { EXAMPLES_ROOT, generatedModuleFolders } from './folders.ts';
import { installModule, ModuleInstallError, ModuleNeedsUpgradeError } from './install.ts';
import { buildModuleRuntime, findLevel, loadModules, ModuleLoadError } from './load.ts';
import { ModuleFolderError, readModuleFolder } from './module-folder.ts';
import { contentHash, loadInstalledModule } from './module-version.ts';

const EXAMPLES = generatedModuleFolders(EXAMPLES_ROOT);
const CHIRO = EXAMPLES.find((f) => f.includes('/chiro_gites/'))!;

const made: string[] = [];
afterAll(() => {
  for (const folder of made) rmSync(folder, { recursive: true, force: true });
});

/** A copy of the chiro_gites folder with edits, its manifest updated to match (unless `stale`). */
function variant(
  edits: Record<string, (text: string) => string>,
  options: { version?: number; stale?: boolean; generatorVersion?: string } = {},
): string {
  const folder = mkdtempSync(join(tmpdir(), 'suivi-module-'));
  made.push(folder);
  cpSync(CHIRO, folder, { recursive: true });
  const manifestPath = join(folder, 'manifest.json');
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Manifest;
  const files = manifest.files.map((f) => {
    const edit = edits[f.path];
    if (!edit) return f;
    const contents = edit(readFileSync(join(folder, f.path), 'utf8'));
    writeFileSync(join(folder, f.path), contents);
    return options.stale ? f : { ...f, sha256: sha256(contents) };
  });
  const protocol = { ...manifest.protocol, version: options.version ?? manifest.protocol.version };
  const generatorVersion = options.generatorVersion ?? manifest.generatorVersion;
  writeFileSync(manifestPath, JSON.stringify({ ...manifest, protocol, generatorVersion, files }, null, 2));
  return folder;
}

const count = async (db: Database, sql: string, params: unknown[] = []) =>
  (await db.query<{ n: number }>(`SELECT count(*) AS n FROM (${sql}) AS q`, params)).rows[0]!.n;

it('refuses a folder whose module model is not the protocol’s', async () => {
  const folder = variant({
    'model/model.json': (t) => t.replace('"code": "chiro_gites"', '"code": "other"'),
  });
  const module = await readModuleFolder(folder);
  expect(() => buildModuleRuntime(module)).toThrow(ModuleLoadError);
  expect(() => buildModuleRuntime(module)).toThrow(/model\/model\.json is not the model of the protocol/);
});

describe.each(runtimeEngines())('modules on $name', (engine) => {
  let db: Database;

  beforeAll(async () => {
    db = await engine.openPrepared('migrated');
  });
  afterAll(async () => {
    await db?.close();
  });

  it('refuses a folder whose files differ from the manifest, naming them', async () => {
    const folder = variant({ 'sql/002-views.sql': (t) => `${t}\n-- edited by hand\n` }, { stale: true });
    await expect(installModule(db, folder)).rejects.toThrow(ModuleFolderError);
    await expect(installModule(db, folder)).rejects.toThrow(/sql\/002-views\.sql differs from the manifest/);
  });

  it('leaves the database as it was when a SQL file fails midway', async () => {
    const folder = variant({ 'sql/002-views.sql': (t) => `${t}\nSELECT no_such_function();\n` });
    const error = await installModule(db, folder).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ModuleInstallError);
    expect((error as Error).message).toMatch(/^module chiro_gites: sql\/002-views\.sql: .*no_such_function/);
    expect(await count(db, "SELECT 1 FROM pg_namespace WHERE nspname = 'chiro_gites'")).toBe(0);
    expect(await count(db, 'SELECT 1 FROM suivi.module')).toBe(0);
    // 001-tables.sql had upserted the protocol's vocabularies: gone with the rest.
    expect(await count(db, "SELECT 1 FROM ref.vocabulary_type WHERE type LIKE 'CHIRO_%'")).toBe(0);
  });

  it('installs every example once and records it; reinstalling changes nothing', async () => {
    const first = await Promise.all(EXAMPLES.map((f) => installModule(db, f)));
    expect(first.map((r) => r.status)).toEqual(EXAMPLES.map(() => 'installed'));
    const { rows } = await db.query<{ code: string; spec_version: number; manifest: Manifest }>(
      'SELECT code, spec_version, manifest FROM suivi.module ORDER BY code',
    );
    expect(rows.map((r) => r.code)).toEqual([
      'amphibiens_mares',
      'chiro_gites',
      'flore_quadrats',
      'oiseaux_points_ecoute',
    ]);
    expect(rows[1]!.manifest.files.length).toBeGreaterThan(10);
    const again = await Promise.all(EXAMPLES.map((f) => installModule(db, f)));
    expect(again.map((r) => r.status)).toEqual(EXAMPLES.map(() => 'unchanged'));
  });

  it('loads installed modules into frozen objects with their levels and forms', async () => {
    const modules = await loadModules(db, EXAMPLES);
    expect(modules.map((m) => m.code)).toEqual([
      'amphibiens_mares',
      'chiro_gites',
      'flore_quadrats',
      'oiseaux_points_ecoute',
    ]);
    const flore = modules.find((m) => m.code === 'flore_quadrats')!;
    expect(flore.levels.map((l) => l.key)).toEqual([
      'campaign',
      'sites_group',
      'site',
      'visit',
      'observation',
    ]);
    expect(findLevel(flore, 'visit')?.parents).toEqual(['site', 'campaign']);
    expect(findLevel(flore, 'campaign')?.children).toEqual(['visit']);
    expect(findLevel(flore, 'site')?.geometry).toEqual({ kind: 'polygon', required: true });
    expect(findLevel(flore, 'visit')?.forms.schema.type).toBe('object');
    expect(Object.isFrozen(flore.protocol.levels[0]!.fields)).toBe(true);
    // The module model (model/model.json) comes with it: what the record API serves.
    expect(flore.model.levels.find((l) => l.key === 'visit')?.parents.map((p) => p.column)).toEqual([
      'site_id',
      'campaign_id',
    ]);
    expect(Object.isFrozen(flore.model.routes)).toBe(true);
    expect(Object.isFrozen(findLevel(flore, 'visit')!.forms.rules)).toBe(true);
  });

  it('updates the record when only non-SQL files changed', async () => {
    const folder = variant({ 'dictionary/dictionary.md': (t) => `${t}\nOne more line.\n` });
    expect((await installModule(db, folder)).status).toBe('updated');
    await expect(loadModules(db, [CHIRO])).rejects.toThrow(ModuleLoadError);
    expect((await installModule(db, CHIRO)).status).toBe('updated');
    expect((await loadModules(db, [CHIRO])).map((m) => m.code)).toEqual(['chiro_gites']);
  });

  it('updates the record when the generator version moved but the SQL did not, even with data', async () => {
    await db.query(
      "INSERT INTO chiro_gites.site (geom, base_site_name, roost_type) VALUES (ST_GeomFromText('POINT(5 45)', 4326), 'Grange', 'BUILDING')",
    );
    const folder = variant(
      { 'types/chiro_gites.ts': (t) => `${t}// a type changed\n` },
      { generatorVersion: '99.0.0' },
    );
    expect((await installModule(db, folder)).status).toBe('updated');
    expect(
      (await db.query('SELECT generator_version FROM suivi.module WHERE code = $1', ['chiro_gites'])).rows,
    ).toEqual([{ generator_version: '99.0.0' }]);
    expect(await count(db, 'SELECT 1 FROM chiro_gites.site')).toBe(1);
    expect((await installModule(db, CHIRO)).status).toBe('updated');
    await db.query('DELETE FROM chiro_gites.site');
  });

  it('re-runs the derived SQL (views, history triggers) of a module holding data when only it changed', async () => {
    await db.query(
      "INSERT INTO chiro_gites.site (geom, base_site_name, roost_type) VALUES (ST_GeomFromText('POINT(5 45)', 4326), 'Grange', 'BUILDING')",
    );
    const folder = variant({
      'sql/002-views.sql': (t) => `${t}\nCOMMENT ON VIEW chiro_gites.v_site_export IS 'derived again';\n`,
    });
    expect((await installModule(db, folder)).status).toBe('updated');
    const comment = await db.query("SELECT obj_description('chiro_gites.v_site_export'::regclass) AS c");
    expect(comment.rows).toEqual([{ c: 'derived again' }]);
    expect(await count(db, 'SELECT 1 FROM chiro_gites.site')).toBe(1);
    expect((await installModule(db, CHIRO)).status).toBe('updated');
    await db.query('DELETE FROM chiro_gites.site');
  });

  it('gives a module installed with data before them the indexes a newer generator adds (004-indexes.sql)', async () => {
    const index = `SELECT indexdef FROM pg_indexes WHERE schemaname = 'chiro_gites' AND indexname = 'recent__level.roost__idx'`;
    // An older generator's folder: the same tables, no added index.
    const older = variant(
      { 'sql/004-indexes.sql': (t) => `${t.split('\n')[0]}\n` },
      { generatorVersion: '0.0.1' },
    );
    expect((await installModule(db, older)).status).toBe('updated');
    await db.exec('DROP INDEX chiro_gites."recent__level.roost__idx"');
    await db.query(
      "INSERT INTO chiro_gites.site (geom, base_site_name, roost_type) VALUES (ST_GeomFromText('POINT(5 45)', 4326), 'Grange', 'BUILDING')",
    );
    expect((await db.query(index)).rows).toEqual([]);
    // Today's folder: no migration plan needed, the derived SQL runs again and creates it.
    expect((await installModule(db, CHIRO)).status).toBe('updated');
    const [found] = (await db.query<{ indexdef: string }>(index)).rows;
    expect(found?.indexdef).toMatch(/\(updated_at DESC, id\)$/);
    expect(await count(db, 'SELECT 1 FROM chiro_gites.site')).toBe(1);
    await db.query('DELETE FROM chiro_gites.site');
  });

  it('recreates an empty module whose schema changed, and refuses once it holds data', async () => {
    const v2 = variant(
      { 'sql/001-tables.sql': (t) => `${t}\nCOMMENT ON TABLE chiro_gites.site IS 'v2';\n` },
      { version: 2 },
    );
    expect(await installModule(db, v2)).toEqual({ code: 'chiro_gites', version: 2, status: 'reinstalled' });
    const comment = await db.query("SELECT obj_description('chiro_gites.site'::regclass) AS c");
    expect(comment.rows).toEqual([{ c: 'v2' }]);

    await db.query(
      "INSERT INTO chiro_gites.site (geom, base_site_name, roost_type, underground_length) VALUES (ST_GeomFromText($1, 4326), $2, 'CAVE', 120)",
      ['POINT(-2.1 48.3)', 'Grotte'],
    );
    const error = await installModule(db, CHIRO).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ModuleInstallError);
    expect((error as Error).message).toContain(
      `version 2 (generator ${GENERATOR_VERSION}) is installed and holds data`,
    );
    expect((error as Error).message).toContain('needs a migration plan');
    expect(error).toBeInstanceOf(ModuleNeedsUpgradeError);
    expect(await count(db, 'SELECT 1 FROM chiro_gites.site')).toBe(1);
    expect((await db.query("SELECT spec_version FROM suivi.module WHERE code = 'chiro_gites'")).rows).toEqual(
      [{ spec_version: 2 }],
    );
  });

  it('keeps a version row per install, reinstall and update, and serves a version from the database alone', async () => {
    const { rows } = await db.query<{ change: string; version: number; content_hash: string; spec: unknown }>(
      "SELECT change, version, content_hash, spec FROM suivi.module_version WHERE code = 'chiro_gites' ORDER BY id",
    );
    // installed, updated (dictionary), updated (back), updated (generator version), updated (back),
    // updated (derived SQL), updated (back), updated (older derived SQL), updated (back), reinstalled
    // (v2); `unchanged` wrote none.
    expect(rows.map((r) => `${r.change} v${r.version}`)).toEqual([
      'install v1',
      'update v1',
      'update v1',
      'update v1',
      'update v1',
      'update v1',
      'update v1',
      'update v1',
      'update v1',
      'reinstall v2',
    ]);
    expect(rows[0]!.content_hash).toBe(contentHash((await readModuleFolder(CHIRO)).manifest));
    // The authored spec, as `suivi generate` kept it beside the IR.
    expect(rows[0]!.spec).toEqual(JSON.parse(readFileSync(join(CHIRO, '..', 'protocol.json'), 'utf8')));
    const current = await db.query<{ id: number }>(
      "SELECT v.id FROM suivi.module m JOIN suivi.module_version v ON v.id = m.version_id WHERE m.code = 'flore_quadrats'",
    );
    expect(current.rows).toHaveLength(1);

    const FLORE = EXAMPLES.find((f) => f.includes('/flore_quadrats/'))!;
    const stored = await loadInstalledModule(db, 'flore_quadrats');
    const [fromFolder] = await loadModules(db, [FLORE]);
    expect(stored.folder).toBe(`suivi.module_version#${current.rows[0]!.id}`);
    expect({ ...stored, folder: '' }).toEqual({ ...fromFolder, folder: '' });
    expect(stored.openApiText).toBe(readFileSync(join(FLORE, 'openapi/openapi.json'), 'utf8'));

    // A stored file that no longer matches its manifest is refused, naming it.
    await db.query(
      "UPDATE suivi.module_version SET files = jsonb_set(files, '{forms/index.json}', '\"{}\"') WHERE id = $1",
      [current.rows[0]!.id],
    );
    await expect(loadInstalledModule(db, 'flore_quadrats')).rejects.toThrow(
      /forms\/index\.json differs from the manifest/,
    );
  });

  it('refuses to load a folder that is not installed', async () => {
    await db.exec("DELETE FROM suivi.module WHERE code = 'amphibiens_mares'");
    await expect(loadModules(db, EXAMPLES)).rejects.toThrow(/module amphibiens_mares .* is not installed/);
  });
});
