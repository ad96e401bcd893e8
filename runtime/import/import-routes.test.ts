/**
 * The import API as the server mounts it, on the demo database (both engines): upload a Windows-1252
 * CSV, run a job in the background, follow it, download the report as CSV and XLSX, see the same file
 * flagged, roll the job back; 401, 403, 404 and 4xx on bad input.
 */
import type { Hono } from 'hono';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runtimeEngines } from '../../test/helpers/engines.ts';
import { type Caller, serverApp, signIn } from '../auth/auth.test-helpers.ts';
import type { Database } from '../db/database.ts';
import type { ImportTemplate } from './template.ts';

// biome-ignore lint/suspicious/noExplicitAny: answers are read as loose JSON here, their shape is what is tested.
type Loose = Record<string, any>;

const CSV = iconv.encode(
  [
    'Nom;Type;WKT',
    'Église de Pléchâtel;Église, chapelle;POINT(-1.75 47.9)',
    'Sans type;;POINT(-1.7 47.9)',
    'Pont;BRIDGE;POINT(-1.7 47.95)',
  ].join('\r\n'),
  'windows-1252',
);

const TEMPLATE: ImportTemplate = {
  suivi_import_template: 1,
  module: 'chiro_gites',
  level: 'site',
  provider: 'Mairies',
  name: 'Gîtes des mairies',
  source: { format: 'csv' },
  levels: {
    site: {
      fields: {
        base_site_name: { column: 'Nom' },
        roost_type: { column: 'Type' },
        geometry: { wkt_column: 'WKT', srid: 4326 },
      },
    },
  },
};

async function upload(
  app: Hono,
  headers: Record<string, string>,
  name = 'gites.csv',
  body: Uint8Array = CSV,
) {
  const res = await app.request(`/api/import/files?name=${encodeURIComponent(name)}`, {
    method: 'POST',
    body: new Blob([body as Uint8Array<ArrayBuffer>]),
    headers: { ...headers, 'content-type': 'application/octet-stream' },
  });
  return { status: res.status, json: (await res.json()) as Loose };
}

async function finished(chiro: Caller, id: string) {
  for (let i = 0; i < 200; i++) {
    const res = await chiro.call('GET', `/api/import/jobs/${id}`);
    const status = (res.json.job as { status: string }).status;
    if (status !== 'queued' && status !== 'running') return res.json as Loose;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('job did not finish');
}

describe.each(runtimeEngines())('import API on $name', (engine) => {
  let db: Database;
  let app: Hono;
  let chiro: Caller;
  let cen: Caller;

  beforeAll(async () => {
    ({ db, app } = await serverApp(engine));
    chiro = await signIn(app, 'partenaire.chiro');
    cen = await signIn(app, 'partenaire.cen');
  });
  afterAll(async () => db?.close());

  it('uploads, runs, reports, flags the same file and rolls back', async () => {
    const sites = async () =>
      Number((await db.query<{ n: number }>('SELECT count(*)::int AS n FROM chiro_gites.site')).rows[0]?.n);
    const before = await sites();
    const up = await upload(app, chiro.headers);
    expect(up.status).toBe(201);
    expect(up.json.file.earlier_jobs).toEqual([]);
    expect(up.json.inspection.source).toMatchObject({
      format: 'csv',
      encoding: 'windows-1252',
      delimiter: ';',
    });
    expect(up.json.inspection.columns).toEqual(['Nom', 'Type', 'WKT']);
    expect(up.json.inspection.preview[0].Nom).toBe('Église de Pléchâtel');

    const again = await chiro.call('POST', `/api/import/files/${up.json.file.id}/inspect`, {
      source: { delimiter: ',' },
    });
    expect(again.status).toBe(200);
    expect((again.json.inspection as { columns: string[] }).columns).toEqual(['Nom;Type;WKT']);

    const started = await chiro.call('POST', '/api/import/jobs', {
      file_id: up.json.file.id,
      template: TEMPLATE,
      mode: 'insert',
      atomicity: 'valid_rows',
      dry_run: false,
    });
    expect(started.status).toBe(202);
    const done = await finished(chiro, (started.json.job as { id: string }).id);
    expect(done.job.status).toBe('done');
    expect(done.job.counts).toEqual({ rows_read: 3, inserted: 2, updated: 0, rejected: 1, skipped: 0 });
    expect(done.job.created_by_name).toBeTruthy();
    expect(done.problems_total).toBe(1);
    expect(done.problems[0]).toMatchObject({
      row: 2,
      level: 'site',
      field: 'roost_type',
      column: 'Type',
      code: 'required',
    });
    expect(await sites()).toBe(before + 2);

    const csv = await app.request(`/api/import/jobs/${done.job.id}/report?format=csv`, {
      headers: chiro.headers,
    });
    expect(csv.status).toBe(200);
    const text = await csv.text();
    expect(text).toContain('Sans type');
    expect(text.split('\r\n')[0]).toContain('Nom');
    const xlsx = await app.request(`/api/import/jobs/${done.job.id}/report?format=xlsx`, {
      headers: chiro.headers,
    });
    const bytes = new Uint8Array(await xlsx.arrayBuffer());
    expect([bytes[0], bytes[1]]).toEqual([0x50, 0x4b]);

    const second = await upload(app, chiro.headers, 'copie.csv');
    expect(second.json.file.earlier_jobs.map((j: { id: string }) => j.id)).toEqual([done.job.id]);

    expect((await cen.call('GET', `/api/import/jobs/${done.job.id}`)).status).toBe(404);
    const mine = await chiro.call('GET', '/api/import/jobs?module=chiro_gites');
    expect((mine.json.jobs as { id: string }[]).map((j) => j.id)).toContain(done.job.id);
    expect(((await cen.call('GET', '/api/import/jobs')).json.jobs as unknown[]).length).toBe(0);

    const rolled = await chiro.call('POST', `/api/import/jobs/${done.job.id}/rollback`);
    expect(rolled.status).toBe(200);
    expect((rolled.json.job as { status: string }).status).toBe('rolled_back');
    expect(await sites()).toBe(before);
    expect((await chiro.call('POST', `/api/import/jobs/${done.job.id}/rollback`)).status).toBe(409);
  });

  it('refuses the signed-out, missing grants and bad input', async () => {
    expect((await upload(app, {})).status).toBe(401);
    expect((await app.request('/api/import/jobs')).status).toBe(401);
    const noName = await app.request('/api/import/files', {
      method: 'POST',
      body: new Blob([new Uint8Array(CSV)]),
      headers: chiro.headers,
    });
    expect(noName.status).toBe(400);
    const asJson = await app.request('/api/import/files?name=a.json', {
      method: 'POST',
      body: '{}',
      headers: { ...chiro.headers, 'content-type': 'application/json' },
    });
    expect(asJson.status).toBe(415);
    expect((await chiro.call('GET', '/api/import/jobs?module=a%00b')).status).toBe(400);
    expect((await upload(app, chiro.headers, 'vide.csv', new Uint8Array())).status).toBe(422);
    expect(
      (await upload(app, chiro.headers, 'faux.xlsx', new TextEncoder().encode('pas un classeur'))).status,
    ).toBe(422);
    const up = await upload(app, chiro.headers);
    const job = (body: Record<string, unknown>) =>
      chiro.call('POST', '/api/import/jobs', {
        file_id: up.json.file.id,
        template: TEMPLATE,
        mode: 'insert',
        atomicity: 'valid_rows',
        ...body,
      });
    expect((await job({ mode: 'merge' })).status).toBe(422);
    expect((await job({ atomicity: 'some' })).status).toBe(422);
    expect((await job({ template: { ...TEMPLATE, module: 'nope' } })).status).toBe(422);
    expect((await job({ file_id: '00000000-0000-4000-8000-000000000000' })).status).toBe(404);
    // Another account's file is not theirs to import.
    const other = await cen.call('POST', '/api/import/jobs', {
      file_id: up.json.file.id,
      template: TEMPLATE,
      mode: 'insert',
      atomicity: 'valid_rows',
    });
    expect(other.status).toBe(404);
    await db.query(`DELETE FROM suivi.permission WHERE role = 'partenaire' AND action = 'D'`);
    try {
      const replace = await job({ mode: 'replace' });
      expect(replace.status).toBe(403);
    } finally {
      await db.query(
        `INSERT INTO suivi.permission (role, module_code, action, scope) VALUES ('partenaire', '*', 'D', 'organisation')`,
      );
    }
    expect((await chiro.call('GET', '/api/import/jobs/not-a-uuid')).status).toBe(404);
  });
});
