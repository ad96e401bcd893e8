/**
 * A GeoNature Monitoring folder uploaded as a zip becomes a draft, on PGlite and PostgreSQL: a real
 * protocol of ../shared/corpus (read at test time, zipped here, never copied into the repository;
 * without the corpus the test is skipped with its reason, except on CI), and zips that are not protocol
 * folders, unsafe or too large, refused with a 4xx naming the file.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { strToU8, type Zippable, zipSync } from 'fflate';
import type { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileProtocol } from '../../protocol-specs/index.ts';
import { type Caller, signIn } from '../../runtime/auth/auth.test-helpers.ts';
import { runtimeEngines } from '../../test/helpers/engines.ts';
import { CORPUS_PROTOCOLS, corpusSkipReason } from '../geonature/fixtures.test-helpers.ts';
import { type BuilderApp, builderApp } from './builder.test-helpers.ts';
import { MAX_ZIP_ENTRIES } from './geonature-zip.ts';

const PROTOCOL = 'POPAmphibien';
const skip = corpusSkipReason();

/** Every file of a corpus folder under `<name>/` in a zip, as an author would zip the folder. */
function zipOfFolder(folder: string, name: string): Uint8Array {
  const entries: Zippable = {};
  const walk = (dir: string, prefix: string) => {
    for (const entry of readdirSync(dir).sort()) {
      const full = join(dir, entry);
      if (statSync(full).isDirectory()) walk(full, `${prefix}${entry}/`);
      else entries[`${prefix}${entry}`] = new Uint8Array(readFileSync(full));
    }
  };
  walk(folder, `${name}/`);
  return zipSync(entries);
}

describe.each(runtimeEngines())('GeoNature zip import on $name', (engine) => {
  let built: BuilderApp;
  let app: Hono;
  let admin: Caller;

  beforeAll(async () => {
    built = await builderApp(engine);
    app = built.app;
    admin = await signIn(app, 'admin');
  });
  afterAll(async () => built?.close());

  const upload = async (bytes: Uint8Array, fileName = 'protocol.zip') => {
    const form = new FormData();
    form.append('file', new File([bytes.slice()], fileName, { type: 'application/zip' }));
    const res = await app.request('/api/builder/drafts/geonature', {
      method: 'POST',
      headers: admin.headers,
      body: form,
    });
    return {
      status: res.status,
      json: (await res.json()) as Record<string, unknown> & Record<string, unknown>[],
    };
  };

  it.skipIf(skip !== undefined)(`converts ${PROTOCOL} into a draft with the importer's report`, async () => {
    const res = await upload(zipOfFolder(join(CORPUS_PROTOCOLS, PROTOCOL), PROTOCOL));
    expect(res.status, JSON.stringify(res.json).slice(0, 500)).toBe(201);
    const draft = res.json.draft as { id: string; spec: Record<string, unknown>; base_version: unknown };
    expect(draft.base_version).toBeNull();
    expect(compileProtocol(draft.spec).ok).toBe(true);
    const report = res.json.report as { rules: { total: number; translated: number }; warnings: unknown[] };
    expect(report.rules.total).toBeGreaterThan(0);
    expect(report.rules.translated).toBeLessThanOrEqual(report.rules.total);
    const stored = await admin.call('GET', `/api/builder/drafts/${draft.id}`);
    expect(stored.json.spec).toEqual(draft.spec);
  });

  it('refuses what is not a protocol folder, unsafe paths and too many entries', async () => {
    const notZip = await upload(strToU8('not a zip'));
    expect(notZip.status).toBe(422);
    expect(notZip.json[0]).toMatchObject({ path: '/file', code: 'not_a_protocol_folder' });
    const noProtocol = await upload(zipSync({ 'readme.json': strToU8('{}') }));
    expect(noProtocol.json[0]?.message).toMatch(/config\.json/);
    const climbing = await upload(zipSync({ '../config.json': strToU8('{}') }));
    expect(climbing.status).toBe(422);
    expect(climbing.json[0]?.message).toMatch(/unsafe path/);
    const many: Zippable = {};
    for (let i = 0; i <= MAX_ZIP_ENTRIES; i++) many[`f${i}.txt`] = strToU8('');
    expect((await upload(zipSync(many))).json[0]?.message).toMatch(/entries/);
    const form = new FormData();
    form.append('other', 'x');
    const missing = await app.request('/api/builder/drafts/geonature', {
      method: 'POST',
      headers: admin.headers,
      body: form,
    });
    expect(missing.status).toBe(422);
    const rows = await built.db.query('SELECT 1 FROM suivi.protocol_draft');
    expect(rows.rows).toHaveLength(skip === undefined ? 1 : 0);
  });
});
