/**
 * Exports through the server's app on the demo database, on both engines: every format, the whole tree,
 * codes and labels, headers, the Export scope (another organisation's records never leave) and the
 * list filters, a GeoPackage GDAL reads (ogrinfo), an XLSX read back by exceljs, a job end to end.
 */
import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { Hono } from 'hono';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runtimeEngines } from '../../test/helpers/engines.ts';
import { type Caller, serverApp, signIn } from '../auth/auth.test-helpers.ts';
import type { Database } from '../db/database.ts';
import { DEMO_ORGANISATIONS } from '../demo/demo-data.ts';
import { seedDemoRecords } from '../demo/demo-records.ts';
import { EXAMPLES_ROOT, generatedModuleFolders } from '../modules/folders.ts';
import { loadModules } from '../modules/load.ts';
import { recordsDb } from '../records/sql/dynamic.ts';

const BASE = '/api/exports/chiro_gites';

/** The raw body of a GET, as bytes. */
async function download(who: Caller, app: Hono, path: string) {
  const res = await app.request(path, { headers: who.headers });
  return {
    status: res.status,
    type: res.headers.get('content-type') ?? '',
    body: new Uint8Array(await res.arrayBuffer()),
  };
}

const text = (bytes: Uint8Array) => new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
const csvRows = (body: string, separator = ',') =>
  body
    .replace(/^\uFEFF/, '')
    .split('\r\n')
    .filter((l) => l !== '')
    .map((l) => l.split(separator));

async function count(db: Database, table: string, organisation?: string): Promise<number> {
  const where = organisation ? sql`WHERE organisation_id = ${organisation}::uuid` : sql``;
  const { rows } = await sql<{
    n: number;
  }>`SELECT count(*)::int AS n FROM chiro_gites.${sql.raw(table)} ${where}`.execute(recordsDb(db));
  return rows[0]?.n ?? 0;
}

describe.each(runtimeEngines())('exports on $name', (engine) => {
  let db: Database;
  let app: Hono;
  let admin: Caller;
  let chiro: Caller;
  let folder: string;

  beforeAll(async () => {
    ({ db, app } = await serverApp(engine));
    const chiroFolders = generatedModuleFolders(EXAMPLES_ROOT).filter((f) => f.includes('chiro_gites'));
    await seedDemoRecords(db, await loadModules(db, chiroFolders));
    [admin, chiro] = [await signIn(app, 'admin'), await signIn(app, 'partenaire.chiro')];
    folder = await mkdtemp(join(tmpdir(), 'exports-test-'));
  });
  afterAll(async () => {
    await db?.close();
    if (folder) await rm(folder, { recursive: true, force: true });
  });

  it('exports a level as CSV with its ancestors’ columns, one line per record', async () => {
    const res = await download(admin, app, `${BASE}?format=csv&level=observation`);
    expect(res.status).toBe(200);
    expect(res.type).toContain('text/csv');
    const [header, ...rows] = csvRows(text(res.body));
    expect(header).toEqual(
      expect.arrayContaining(['id', 'cd_nom', 'visit_visit_date_min', 'site_base_site_name']),
    );
    expect(header).not.toContain('count_type_label');
    expect(rows.length).toBe(await count(db, 'observation'));
    expect(rows.length).toBeGreaterThan(5);
  });

  it('leaves the ancestors out without the whole tree', async () => {
    const res = await download(admin, app, `${BASE}?format=csv&level=observation&tree=0`);
    const [header] = csvRows(text(res.body));
    expect(header).toContain('visit_id');
    expect(header?.some((h) => h.startsWith('site_base'))).toBe(false);
  });

  it('writes labels, French or English headers, semicolons and a byte-order mark', async () => {
    const fr = text(
      (await download(admin, app, `${BASE}?format=csv&level=site&values=labels&headers=fr&separator=;&bom=1`))
        .body,
    );
    expect(fr.startsWith('\uFEFF')).toBe(true);
    const [frHeader] = csvRows(fr, ';');
    expect(frHeader).toContain('Identifiant');
    expect(frHeader).toContain('Type de gîte');
    // Labels, not the codes (codes are upper-case identifiers like MINE or BRIDGE).
    expect(fr).toContain(';Mine, carrière souterraine;');
    const codes = text((await download(admin, app, `${BASE}?format=csv&level=site`)).body);
    expect(codes).not.toContain('Mine, carrière souterraine');
    const en = text((await download(admin, app, `${BASE}?format=csv&level=site&headers=en`)).body);
    expect(csvRows(en)[0]).toContain('Identifier');
    // English headers with labels: the vocabulary's English labels, and the spec's for a choice.
    const enSites = text(
      (await download(admin, app, `${BASE}?format=csv&level=site&values=labels&headers=en`)).body,
    );
    expect(csvRows(enSites)[0]).toContain('Roost type');
    expect(enSites).toContain(',"Mine, underground quarry",');
    expect(enSites).not.toContain('Mine, carrière souterraine');
    const enVisits = text(
      (await download(admin, app, `${BASE}?format=csv&level=visit&values=labels&headers=en`)).body,
    );
    expect(csvRows(enVisits)[0]).toContain('Roost — Roost type');
    expect(enVisits).toMatch(/Hibernation \(Dec–Feb\)|Spring transit|Maternity|Autumn transit/);
    expect(enVisits).not.toMatch(/Hibernation \(déc|Transit printanier|Mise-bas|Transit automnal/);
    expect(`${csvRows(enSites)[0]}`).not.toContain('_label_en');
  });

  it('never exports another organisation’s records, and applies the list filters', async () => {
    const own = await count(db, 'observation', DEMO_ORGANISATIONS.chiro.id);
    const all = await count(db, 'observation');
    expect(own).toBeGreaterThan(0);
    expect(own).toBeLessThan(all);
    const [header, ...rows] = csvRows(
      text((await download(chiro, app, `${BASE}?format=csv&level=observation`)).body),
    );
    const org = header?.indexOf('organisation_id') ?? -1;
    expect(rows.length).toBe(own);
    expect(rows.every((r) => r[org] === DEMO_ORGANISATIONS.chiro.id)).toBe(true);
    // A filter: one taxon only.
    const taxon = rows[0]?.[header?.indexOf('cd_nom') ?? -1] ?? '';
    const filtered = csvRows(
      text((await download(chiro, app, `${BASE}?format=csv&level=observation&cd_nom=${taxon}`)).body),
    );
    expect(filtered.length - 1).toBeGreaterThan(0);
    expect(filtered.length - 1).toBeLessThanOrEqual(
      rows.filter((r) => r[header?.indexOf('cd_nom') ?? -1] === taxon).length,
    );
    expect(filtered.slice(1).every((r) => r[header?.indexOf('cd_nom') ?? -1] === taxon)).toBe(true);
    // Same scope for GeoJSON.
    const geo = JSON.parse(text((await download(chiro, app, `${BASE}?format=geojson&level=site`)).body));
    expect(geo.features.length).toBe(await count(db, 'site', DEMO_ORGANISATIONS.chiro.id));
  });

  it('refuses without an account, and names a bad option or filter', async () => {
    expect((await app.request(`${BASE}?format=csv&level=site`)).status).toBe(401);
    const bad = await download(admin, app, `${BASE}?format=pdf&level=site`);
    expect(bad.status).toBe(400);
    expect(text(bad.body)).toContain('/query/format');
    const filter = await download(admin, app, `${BASE}?format=csv&level=site&nope=1`);
    expect(filter.status).toBe(400);
    expect((await download(admin, app, `${BASE}?format=csv`)).status).toBe(400);
  });

  it('exports GeoJSON features in WGS 84 with the level’s geometry', async () => {
    const res = await download(admin, app, `${BASE}?format=geojson&level=site`);
    const geo = JSON.parse(text(res.body));
    expect(geo.type).toBe('FeatureCollection');
    expect(geo.features.length).toBe(await count(db, 'site'));
    expect(geo.features[0].geometry.type).toBe('Point');
    expect(geo.features[0].properties).toHaveProperty('base_site_name');
    expect(geo.features[0].properties).not.toHaveProperty('geom_wkt');
  });

  it('exports an XLSX workbook exceljs reads back: a sheet per level, typed cells', async () => {
    const res = await download(admin, app, `${BASE}?format=xlsx&headers=fr`);
    expect(res.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.body.buffer as ArrayBuffer);
    expect(workbook.worksheets.map((w) => w.name)).toEqual(['Gîte', 'Visite', 'Observation']);
    const sites = workbook.worksheets[0];
    expect((sites?.rowCount ?? 0) - 1).toBe(await count(db, 'site'));
    expect(sites?.getRow(1).values).toContain('Identifiant');
    const observations = workbook.worksheets[2];
    expect((observations?.rowCount ?? 0) - 1).toBe(await count(db, 'observation'));
    const header = (observations?.getRow(1).values ?? []) as unknown[];
    const total = header.findIndex((h) => h === 'Effectif total' || String(h).startsWith('Effectif'));
    expect(total).toBeGreaterThan(0);
    const numbers = [...Array(observations?.rowCount ?? 0).keys()]
      .slice(2)
      .map((i) => observations?.getRow(i).getCell(total).value);
    expect(numbers.some((v) => typeof v === 'number')).toBe(true);
  });

  it('exports a GeoPackage GDAL opens: a layer per level, feature counts, field types, SRID', async () => {
    const res = await download(admin, app, `${BASE}?format=gpkg`);
    expect(res.status).toBe(200);
    const path = join(folder, `chiro-${engine.name}.gpkg`);
    await writeFile(path, res.body);
    const summary = execFileSync('ogrinfo', ['-ro', '-so', '-al', path], { encoding: 'utf8' });
    const layers = summary.split(/\nLayer name: /).slice(1);
    const layer = (name: string) => layers.find((l) => l.startsWith(`${name}\n`)) ?? '';
    expect(layers.map((l) => l.split('\n')[0])).toEqual(['site', 'visit', 'observation']);
    expect(layer('site')).toContain(`Feature Count: ${await count(db, 'site')}`);
    expect(layer('visit')).toContain(`Feature Count: ${await count(db, 'visit')}`);
    expect(layer('observation')).toContain(`Feature Count: ${await count(db, 'observation')}`);
    expect(layer('site')).toMatch(/Geometry: Point/);
    expect(layer('site')).toMatch(/ID\["EPSG",4326\]|AUTHORITY\["EPSG","4326"\]/);
    expect(layer('site')).toMatch(/altitude_min: Integer/);
    expect(layer('site')).toMatch(/first_use_date: Date/);
    expect(layer('site')).toMatch(/gated: Integer\(Boolean\)/);
    expect(layer('site')).toMatch(/created_at: DateTime/);
    expect(layer('site')).toMatch(/joint_gap_width: Real/);
    expect(layer('observation')).toMatch(/Geometry: None/);
    // A spatial filter goes through the R-tree: every site is inside the layer's extent.
    const features = execFileSync('ogrinfo', ['-ro', '-q', path, 'site', '-spat', '-10', '40', '10', '50'], {
      encoding: 'utf8',
    });
    expect(features.match(/OGRFeature\(site\)/g)?.length).toBe(await count(db, 'site'));
  });

  it('runs a large export as a job: progress, download, then the file expires', async () => {
    const start = await admin.call('POST', `${BASE}/jobs`, {
      format: 'csv',
      level: 'observation',
      filters: {},
    });
    expect(start.status, JSON.stringify(start.json)).toBe(202);
    const id = start.json.id as string;
    let job = start.json;
    for (let i = 0; i < 100 && job.status !== 'done' && job.status !== 'failed'; i++) {
      await new Promise((r) => setTimeout(r, 50));
      job = (await admin.call('GET', `/api/export-jobs/${id}`)).json;
    }
    expect(job).toMatchObject({
      status: 'done',
      rows_done: await count(db, 'observation'),
      download: `/api/export-jobs/${id}/file`,
    });
    const file = await download(admin, app, `/api/export-jobs/${id}/file`);
    const direct = await download(admin, app, `${BASE}?format=csv&level=observation`);
    expect(text(file.body)).toBe(text(direct.body));
    // Nobody else sees it.
    expect((await chiro.call('GET', `/api/export-jobs/${id}`)).status).toBe(404);
    // Expired: the file is removed, the job says so.
    const { rows } = await sql<{
      file_path: string;
    }>`UPDATE suivi.export_job SET expires_at = now() - interval '1 minute' WHERE id = ${id}::uuid RETURNING file_path`.execute(
      recordsDb(db),
    );
    const path = rows[0]?.file_path ?? '';
    expect((await readFile(path)).length).toBeGreaterThan(0);
    expect((await admin.call('GET', `/api/export-jobs/${id}`)).json.status).toBe('expired');
    await expect(readFile(path)).rejects.toThrow();
    expect((await admin.call('GET', `/api/export-jobs/${id}/file`)).status).toBe(409);
  });
});
