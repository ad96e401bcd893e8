/**
 * Upgrading an installed module with records in place, one case of the protocol-evolution issue each, on
 * PGlite and PostgreSQL: the author edits the spec, raises its version, generates over the module folder
 * (which writes the migration plan), and the upgrade runs it. After each upgrade the values are where
 * they should be and the schema equals a fresh install of the new spec; a refused upgrade leaves the
 * database exactly as it was: the catalog and every row (databaseState), and on PostgreSQL the whole
 * database as pg_dump prints it (schema and data), before and after.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ResolvedProtocol } from '../../protocol-specs/index.ts';
import type { Database } from '../../runtime/db/database.ts';
import { installModule } from '../../runtime/modules/install.ts';
import { ModuleUpgradeError, type UpgradeReport, upgradeModule } from '../../runtime/modules/upgrade.ts';
import { runtimeEngines } from '../helpers/engines.ts';
import { exampleSpec } from '../helpers/examples.ts';
import { type PgDumpTool, pgDumpTool } from '../helpers/pg-dump.ts';
import { databaseState, freshSchemaSnapshot, schemaSnapshot } from '../helpers/schema-snapshot.ts';
import { generateAt, miniSpec, type Spec } from './mini-module.ts';
import { renameEveryKey } from './spec-edits.ts';

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

const SITE_1 = '00000000-0000-4000-8000-000000000001';
const SITE_2 = '00000000-0000-4000-8000-000000000002';
const SITE_3 = '00000000-0000-4000-8000-000000000003';
const VISIT_1 = '00000000-0000-4000-8000-000000000011';
const VISIT_2 = '00000000-0000-4000-8000-000000000012';

const site = (spec: Spec) => spec.levels[0];
const visit = (spec: Spec) => spec.levels[1];
const field = (level: Spec, key: string) => level.fields.find((f: Spec) => f.key === key);

/** The next version of a spec, edited. */
function next(spec: Spec, edit: (s: Spec) => void): Spec {
  const copy = structuredClone(spec);
  copy.version += 1;
  edit(copy);
  return copy;
}

describe.each(runtimeEngines())('module upgrades on $name', (engine) => {
  let db: Database;
  /** On PostgreSQL, a refused upgrade is also compared as pg_dump prints the whole database. */
  let pgDump: PgDumpTool | undefined;
  beforeAll(async () => {
    db = await engine.openPrepared('migrated');
    if (engine.name !== 'postgres') return;
    const tool = pgDumpTool();
    if ('binary' in tool) pgDump = tool;
    else if (process.env.CI === 'true') throw new Error(`${tool.missing}: CI has PostgreSQL 15 with pg_dump`);
    else console.warn(`${tool.missing}: a refused upgrade is compared by databaseState only`);
  });
  afterAll(async () => {
    await db?.close();
  });

  /** A module `code` at version 1, installed, with three sites, two visits and group rows. */
  async function installed(code: string): Promise<{ dir: string; spec: Spec }> {
    const dir = mkdtempSync(join(tmpdir(), `suivi-upgrade-${code}-`));
    dirs.push(dir);
    const spec = miniSpec(code);
    const { out, code: exit, stderr } = await generateAt(dir, spec);
    expect(exit, stderr).toBe(0);
    expect((await installModule(db, out)).status).toBe('installed');
    const s = `"${code}"`;
    await db.query(
      `INSERT INTO ${s}.site (id, base_site_name, altitude, note, depth, habitat) VALUES
        ($1, 'Low', 120, 'first', 3, 'forest'), ($2, 'High', 4000, NULL, 12, 'wetland'), ($3, 'Mid', 2500, 'third', NULL, 'meadow')`,
      [SITE_1, SITE_2, SITE_3],
    );
    await db.query(
      `INSERT INTO ${s}.visit (id, site_id, visit_date_min, weather, count_text, temperature) VALUES
        ($1, $3, '2026-05-01', 'SUN', '12', 18), ($2, $4, '2026-05-02', 'SNOW', 'about ten', -2)`,
      [VISIT_1, VISIT_2, SITE_1, SITE_2],
    );
    await db.query(
      `INSERT INTO ${s}.visit__strata (record_id, position, cover) VALUES ($1, 1, 40), ($1, 2, 60)`,
      [VISIT_1],
    );
    return { dir, spec };
  }

  const rows = async (sql: string, params: unknown[] = []) => (await db.query(sql, params)).rows;
  const protocolOf = (out: string, path = 'ir/protocol.resolved.json') =>
    (JSON.parse(readFileSync(join(out, path), 'utf8')) as { protocol: ResolvedProtocol }).protocol;
  /** Table storage identities: a rewritten table gets a new one. */
  const filenodes = async (code: string) =>
    rows(
      "SELECT c.relname, c.relfilenode FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = $1 AND c.relkind = 'r' ORDER BY 1",
      [code],
    );

  /** Generates `spec` over the folder, upgrades, and checks the result against a fresh install. */
  async function upgraded(dir: string, spec: Spec, resolutions?: unknown): Promise<UpgradeReport> {
    const { out, code, stderr } = await generateAt(
      dir,
      spec,
      resolutions === undefined ? undefined : { from: spec.version - 1, value: resolutions },
    );
    expect(code, stderr).toBe(0);
    const previous = protocolOf(out, `migrations/v${spec.version - 1}.resolved.json`);
    const report = await upgradeModule(db, out);
    expect(report.status).toBe('upgraded');
    const migrated = await schemaSnapshot(db, spec.code);
    expect(migrated.columns.length).toBeGreaterThan(20);
    expect(migrated).toEqual(await freshSchemaSnapshot(db, protocolOf(out)));
    expect(migrated).not.toEqual(await freshSchemaSnapshot(db, previous));
    expect(await rows('SELECT spec_version FROM suivi.module WHERE code = $1', [spec.code])).toEqual([
      { spec_version: spec.version },
    ]);
    const version = await rows(
      "SELECT v.version, v.change, (v.plan->>'to')::int AS plan_to FROM suivi.module m JOIN suivi.module_version v ON v.id = m.version_id WHERE m.code = $1",
      [spec.code],
    );
    expect(version).toEqual([{ version: spec.version, change: 'upgrade', plan_to: spec.version }]);
    // The views came back with the module's derived SQL.
    const views = readFileSync(join(out, 'sql', '002-views.sql'), 'utf8').match(/^CREATE VIEW /gm)?.length;
    expect(await rows('SELECT count(*)::int AS n FROM pg_views WHERE schemaname = $1', [spec.code])).toEqual([
      { n: views },
    ]);
    return report;
  }

  /** Generates `spec`, expects the upgrade to be refused, and the database to be exactly as before. */
  async function refused(dir: string, spec: Spec): Promise<UpgradeReport> {
    const { out, code, stderr } = await generateAt(dir, spec);
    expect(code, stderr).toBe(0);
    const before = await databaseState(db, spec.code);
    const server = process.env.DATABASE_URL ?? '';
    const dumped = await pgDump?.dump(db, server);
    const error = await upgradeModule(db, out).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ModuleUpgradeError);
    expect(await databaseState(db, spec.code)).toEqual(before);
    if (pgDump) {
      // The dump holds the module's tables and rows (the sites' names among them).
      expect(dumped).toContain(`CREATE TABLE ${spec.code}.site`);
      expect(dumped).toMatch(/\tHigh\t/);
      expect(await pgDump.dump(db, server)).toBe(dumped);
    }
    const dry = await upgradeModule(db, out, { dryRun: true });
    expect(dry.status).toBe('refused');
    expect(await databaseState(db, spec.code)).toEqual(before);
    if (pgDump) expect(await pgDump.dump(db, server)).toBe(dumped);
    return (error as ModuleUpgradeError).report;
  }

  it('applies a label change as metadata: no table rewritten, values intact', async () => {
    const { dir, spec } = await installed('up_label');
    const before = await filenodes('up_label');
    const v2 = next(spec, (s) => {
      field(site(s), 'altitude').label = { fr: 'Altitude du site', en: 'Site altitude' };
      visit(s).label = { fr: 'Passage', en: 'Passage' };
    });
    const report = await upgraded(dir, v2);
    expect(new Set(report.steps.map((s) => s.class))).toEqual(new Set(['metadata']));
    expect(await filenodes('up_label')).toEqual(before);
    expect(
      await rows(
        "SELECT col_description(attrelid, attnum) AS c FROM pg_attribute WHERE attrelid = 'up_label.site'::regclass AND attname = 'altitude'",
      ),
    ).toEqual([{ c: 'Altitude du site' }]);
    expect(await rows('SELECT id, altitude, note FROM up_label.site ORDER BY id')).toEqual([
      { id: SITE_1, altitude: 120, note: 'first' },
      { id: SITE_2, altitude: 4000, note: null },
      { id: SITE_3, altitude: 2500, note: 'third' },
    ]);
  });

  it('adds an optional field without rewriting the table', async () => {
    const { dir, spec } = await installed('up_add');
    const before = await filenodes('up_add');
    const v2 = next(spec, (s) =>
      site(s).fields.push({
        id: 'site.slope',
        kind: 'decimal',
        key: 'slope',
        label: 'Pente',
        min: 0,
        max: 90,
      }),
    );
    const report = await upgraded(dir, v2);
    expect(report.steps.find((s) => s.id === 'site.slope.add')?.class).toBe('additive');
    expect(report.steps.find((s) => s.id === 'site.slope.max')).toMatchObject({ class: 'additive', rows: 0 });
    expect(await filenodes('up_add')).toEqual(before);
    expect(await rows('SELECT id, altitude, slope FROM up_add.site ORDER BY id')).toEqual([
      { id: SITE_1, altitude: 120, slope: null },
      { id: SITE_2, altitude: 4000, slope: null },
      { id: SITE_3, altitude: 2500, slope: null },
    ]);
  });

  it('renames a field whose key changed under the same id: its values under the new key', async () => {
    const { dir, spec } = await installed('up_rename');
    const before = await filenodes('up_rename');
    const v2 = next(spec, (s) => {
      field(site(s), 'note').key = 'remark';
      field(visit(s), 'weather').key = 'sky';
      visit(s).fields.find((f: Spec) => f.key === 'strata').fields[0].key = 'cover_pct';
    });
    const report = await upgraded(dir, v2);
    expect(report.steps.filter((s) => s.class === 'destructive')).toEqual([]);
    expect(report.steps.map((s) => s.id)).toEqual(
      expect.arrayContaining(['site.remark.rename', 'visit.sky.rename', 'visit.strata.cover_pct.rename']),
    );
    expect(await filenodes('up_rename')).toEqual(before);
    expect(await rows('SELECT id, remark FROM up_rename.site ORDER BY id')).toEqual([
      { id: SITE_1, remark: 'first' },
      { id: SITE_2, remark: null },
      { id: SITE_3, remark: 'third' },
    ]);
    expect(await rows('SELECT sky FROM up_rename.visit ORDER BY id')).toEqual([
      { sky: 'SUN' },
      { sky: 'SNOW' },
    ]);
    expect(await rows('SELECT cover_pct FROM up_rename.visit__strata ORDER BY position')).toEqual([
      { cover_pct: 40 },
      { cover_pct: 60 },
    ]);
  });

  const tighten = (spec: Spec) => next(spec, (s) => (field(site(s), 'altitude').max = 3000));

  it('refuses a tightened bound while rows violate it, naming them, and leaves the database as it was', async () => {
    const { dir, spec } = await installed('up_tight');
    const report = await refused(dir, tighten(spec));
    expect(report.status).toBe('refused');
    const step = report.steps.find((s) => s.id === 'site.altitude.max');
    expect(step).toMatchObject({
      ok: false,
      rows: 1,
      class: 'data_dependent',
      sample: [{ id: SITE_2, value: 4000 }],
    });
  });

  it('applies a tightened bound with a value for the rows that violate it (set)', async () => {
    const { dir, spec } = await installed('up_tight_set');
    const report = await upgraded(dir, tighten(spec), { 'site.altitude.max': { set: 3000 } });
    expect(report.steps.find((s) => s.id === 'site.altitude.max')).toMatchObject({ ok: true, rows: 0 });
    expect(await rows('SELECT id, altitude FROM up_tight_set.site ORDER BY id')).toEqual([
      { id: SITE_1, altitude: 120 },
      { id: SITE_2, altitude: 3000 },
      { id: SITE_3, altitude: 2500 },
    ]);
  });

  it('archives the values that violate a tightened bound (archive)', async () => {
    const { dir, spec } = await installed('up_tight_arch');
    await upgraded(dir, tighten(spec), { 'site.altitude.max': { archive: true } });
    expect(await rows('SELECT id, altitude FROM up_tight_arch.site WHERE altitude IS NULL')).toEqual([
      { id: SITE_2, altitude: null },
    ]);
    expect(
      await rows('SELECT record_id, value FROM suivi_archive.up_tight_arch__v1__site__altitude__max'),
    ).toEqual([{ record_id: SITE_2, value: 4000 }]);
  });

  it('keeps and flags the values that violate a tightened bound (keep): the constraint is not validated', async () => {
    const { dir, spec } = await installed('up_tight_keep');
    const { out } = await generateAt(dir, tighten(spec), {
      from: 1,
      value: { 'site.altitude.max': { keep: true } },
    });
    const report = await upgradeModule(db, out);
    expect(report.steps.find((s) => s.id === 'site.altitude.max')).toMatchObject({ ok: true, rows: 1 });
    expect(await rows('SELECT altitude FROM up_tight_keep.site WHERE id = $1', [SITE_2])).toEqual([
      { altitude: 4000 },
    ]);
    expect(
      await rows(
        "SELECT record_id, field, step, value FROM suivi_archive.flagged WHERE module = 'up_tight_keep'",
      ),
    ).toEqual([{ record_id: SITE_2, field: 'altitude', step: 'site.altitude.max', value: 4000 }]);
    const constraint = await rows(
      "SELECT convalidated FROM pg_constraint WHERE conname = 'altitude__max' AND conrelid = 'up_tight_keep.site'::regclass",
    );
    expect(constraint).toEqual([{ convalidated: false }]);
    await expect(
      db.query(`UPDATE up_tight_keep.site SET altitude = 4100 WHERE id = $1`, [SITE_1]),
    ).rejects.toThrow(/altitude__max/);
  });

  it('moves a removed field and a removed group to the archive, with the record ids', async () => {
    const { dir, spec } = await installed('up_remove');
    const v2 = next(spec, (s) => {
      visit(s).fields = visit(s).fields.filter((f: Spec) => f.key !== 'temperature' && f.key !== 'strata');
    });
    const report = await upgraded(dir, v2);
    expect(report.steps.filter((s) => s.class === 'destructive').map((s) => s.id)).toEqual([
      'visit.temperature.archive',
      'visit.strata.archive',
    ]);
    expect(
      await rows('SELECT id, temperature FROM suivi_archive.up_remove__v1__visit__temperature ORDER BY id'),
    ).toEqual([
      { id: VISIT_1, temperature: 18 },
      { id: VISIT_2, temperature: -2 },
    ]);
    expect(
      await rows(
        'SELECT record_id, position, cover FROM suivi_archive.up_remove__v1__visit__strata ORDER BY position',
      ),
    ).toEqual([
      { record_id: VISIT_1, position: 1, cover: 40 },
      { record_id: VISIT_1, position: 2, cover: 60 },
    ]);
    expect(await rows('SELECT id, weather FROM up_remove.visit ORDER BY id')).toEqual([
      { id: VISIT_1, weather: 'SUN' },
      { id: VISIT_2, weather: 'SNOW' },
    ]);
  });

  it('refuses a removed vocabulary value still in use, and maps it when told to', async () => {
    const { dir, spec } = await installed('up_vocab');
    const v2 = next(spec, (s) => s.vocabularies[0].values.pop());
    const report = await refused(dir, v2);
    expect(report.steps.find((s) => s.id === 'visit.weather.values')).toMatchObject({
      ok: false,
      rows: 1,
      sample: [{ id: VISIT_2, value: 'SNOW' }],
    });
    await upgraded(dir, v2, { 'visit.weather.values': { map: { SNOW: 'RAIN' } } });
    expect(await rows('SELECT weather FROM up_vocab.visit ORDER BY id')).toEqual([
      { weather: 'SUN' },
      { weather: 'RAIN' },
    ]);
  });

  it('refuses a new required field without a value for existing rows, and applies it with one', async () => {
    const { dir, spec } = await installed('up_required');
    const v2 = next(spec, (s) =>
      site(s).fields.push({
        id: 'site.owner',
        kind: 'text',
        key: 'owner',
        label: 'Propriétaire',
        required: true,
      }),
    );
    const report = await refused(dir, v2);
    expect(report.steps.find((s) => s.id === 'site.owner.not_null')).toMatchObject({ ok: false, rows: 3 });
    await upgraded(dir, v2, { 'site.owner.not_null': { set: 'unknown' } });
    expect(await rows('SELECT DISTINCT owner FROM up_required.site')).toEqual([{ owner: 'unknown' }]);
  });

  it('runs a chain of plans (v1 → v2 → v3) kept in the folder, a new level and a removed group included', async () => {
    const { dir, spec } = await installed('up_chain');
    const v2 = next(spec, (s) => {
      field(site(s), 'note').key = 'remark';
      s.levels.push({
        id: 'level.sample',
        key: 'sample',
        type: 'observation',
        parents: ['visit'],
        label: { fr: 'Échantillon', en: 'Sample' },
        plural: { fr: 'Échantillons', en: 'Samples' },
        omitStandardFields: ['cd_nom', 'comments', 'medias'],
        fields: [{ id: 'sample.mass', kind: 'decimal', key: 'mass', label: 'Masse', min: 0 }],
      });
    });
    expect((await generateAt(dir, v2)).code).toBe(0);
    const v3 = next(v2, (s) => {
      visit(s).fields = visit(s).fields.filter((f: Spec) => f.key !== 'strata');
      site(s).fields.push({ id: 'site.slope', kind: 'integer', key: 'slope', label: 'Pente' });
    });
    const report = await upgraded(dir, v3);
    expect(report).toMatchObject({ from: 1, to: 3 });
    expect(report.steps.map((s) => s.id)).toEqual(
      expect.arrayContaining([
        'site.remark.rename',
        'sample.create',
        'visit.strata.archive',
        'site.slope.add',
      ]),
    );
    expect(await rows('SELECT remark FROM up_chain.site ORDER BY id')).toEqual([
      { remark: 'first' },
      { remark: null },
      { remark: 'third' },
    ]);
    await db.query('INSERT INTO up_chain.sample (visit_id, mass) VALUES ($1, 1.5)', [VISIT_1]);
    const again = await upgradeModule(db, join(dir, 'generated'), { dryRun: true });
    expect(again).toMatchObject({
      status: 'refused',
      reason: { en: 'version 3 is installed; this folder has version 3' },
    });
  });

  it('upgrades a real example whose every field key was renamed: only renames, the schema equal to a fresh one', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'suivi-upgrade-chiro-'));
    dirs.push(dir);
    const spec = structuredClone(exampleSpec('chiro_gites')) as Spec;
    const { out } = await generateAt(dir, spec);
    expect((await installModule(db, out)).status).toBe('installed');
    await db.query(
      "INSERT INTO chiro_gites.site (id, geom, base_site_name, roost_type, underground_length) VALUES ($1, ST_GeomFromText('POINT(-2.1 48.3)', 4326), 'Grotte', 'CAVE', 120)",
      [SITE_1],
    );
    const renamed = renameEveryKey(structuredClone(spec));
    renamed.version += 1;
    const report = await upgraded(dir, renamed);
    expect(new Set(report.steps.map((s) => s.class))).toEqual(new Set(['metadata', 'rename']));
    expect(await rows('SELECT roost_type_x, underground_length FROM chiro_gites.site')).toEqual([
      { roost_type_x: 'CAVE', underground_length: 120 },
    ]);
  });

  it('casts a kind change: integer to decimal applies, text to integer refuses values that do not convert', async () => {
    const { dir, spec } = await installed('up_cast');
    const v2 = next(spec, (s) => {
      field(site(s), 'depth').kind = 'decimal';
      field(visit(s), 'count_text').kind = 'integer';
    });
    const report = await refused(dir, v2);
    expect(report.steps.find((s) => s.id === 'site.depth.type')).toMatchObject({
      ok: true,
      class: 'additive',
    });
    expect(report.steps.find((s) => s.id === 'visit.count_text.type')).toMatchObject({
      ok: false,
      rows: 1,
      sample: [{ id: VISIT_2, value: 'about ten' }],
    });
    await upgraded(dir, v2, { 'visit.count_text.type': { archive: true } });
    expect(await rows('SELECT id, count_text FROM up_cast.visit ORDER BY id')).toEqual([
      { id: VISIT_1, count_text: 12 },
      { id: VISIT_2, count_text: null },
    ]);
    expect(await rows('SELECT depth::text AS depth FROM up_cast.site ORDER BY id')).toEqual([
      { depth: '3' },
      { depth: '12' },
      { depth: null },
    ]);
  });
});
