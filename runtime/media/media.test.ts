/**
 * The media API through the server's app (auth, record API), on PGlite and (with DATABASE_URL)
 * PostgreSQL: upload, attach to a record, read the record, download the same bytes; the type read from
 * the bytes; the size limit; who may attach and download across organisations; the orphan purge.
 */
import { createHash } from 'node:crypto';
import type { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runtimeEngines } from '../../test/helpers/engines.ts';
import { type Caller, serverApp, signIn } from '../auth/auth.test-helpers.ts';
import type { Database } from '../db/database.ts';
import { MAX_MEDIA_BYTES } from './media-store.ts';
import { purgeOrphanMedia } from './orphans.ts';

const BASE = '/api/modules/amphibiens_mares';
/** A 1×1 PNG. */
const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8ffff3f0005fe02fea7d6a4ed0000000049454e44ae426082',
  'hex',
);

async function upload(app: Hono, who: Caller | undefined, bytes: Uint8Array, name: string, type: string) {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(bytes)], { type }), name);
  const res = await app.request('/api/media', { method: 'POST', body: form, headers: who?.headers ?? {} });
  const text = await res.text();
  return { status: res.status, json: text.startsWith('{') || text.startsWith('[') ? JSON.parse(text) : text };
}

describe.each(runtimeEngines())('media API on $name', (engine) => {
  let db: Database;
  let app: Hono;
  let cen: Caller;
  let chiro: Caller;
  let admin: Caller;
  const ids = {} as { groupA: string; groupB: string };
  const files = async () =>
    Number((await db.query('SELECT count(*)::integer AS n FROM suivi.media_file')).rows[0]?.n);

  beforeAll(async () => {
    ({ db, app } = await serverApp(engine, (f) => f.includes('amphibiens_mares')));
    cen = await signIn(app, 'partenaire.cen');
    chiro = await signIn(app, 'partenaire.chiro');
    admin = await signIn(app, 'admin');
    const a = await cen.call('POST', `${BASE}/sites_group`, {
      sites_group_name: 'Aire A',
      landscape: 'BOCAGE',
    });
    const b = await chiro.call('POST', `${BASE}/sites_group`, {
      sites_group_name: 'Aire B',
      landscape: 'BOCAGE',
    });
    expect([a.status, b.status]).toEqual([201, 201]);
    ids.groupA = a.json.id as string;
    ids.groupB = b.json.id as string;
  });
  afterAll(async () => db?.close());

  it('uploads, attaches, reads back and downloads the same bytes', async () => {
    const up = await upload(app, cen, PNG, 'gîte « nord ».jpg', 'image/jpeg');
    expect(up.status).toBe(201);
    const sha256 = createHash('sha256').update(PNG).digest('hex');
    // The type comes from the bytes: a PNG sent as image/jpeg named .jpg is a PNG.
    expect(up.json).toEqual({
      storage_key: expect.stringMatching(/^[0-9a-f-]{36}$/),
      file_name: 'gîte « nord ».jpg',
      mime_type: 'image/png',
      size_bytes: PNG.length,
      sha256,
    });
    const key = up.json.storage_key as string;
    const group = (await cen.call('GET', `${BASE}/sites_group/${ids.groupA}`)).json;
    const put = await cen.call('PUT', `${BASE}/sites_group/${ids.groupA}`, {
      ...group,
      medias: [{ storage_key: key, title: 'Vue du gîte', author: 'Équipe CEN' }],
    });
    expect(put.status, JSON.stringify(put.json)).toBe(200);
    const read = await cen.call('GET', `${BASE}/sites_group/${ids.groupA}`);
    expect(read.json.medias).toEqual([
      {
        storage_key: key,
        file_name: 'gîte « nord ».jpg',
        mime_type: 'image/png',
        title: 'Vue du gîte',
        author: 'Équipe CEN',
        url: `/api/media/${key}`,
      },
    ]);
    const res = await app.request(`/api/media/${key}`, { headers: cen.headers });
    expect(res.status).toBe(200);
    expect(Buffer.from(await res.arrayBuffer()).equals(PNG)).toBe(true);
    const headers: Record<string, string> = {};
    res.headers.forEach((v, k) => {
      headers[k] = v;
    });
    expect(headers).toMatchObject({
      'content-type': 'image/png',
      'content-length': String(PNG.length),
      'x-content-type-options': 'nosniff',
      etag: `"${sha256}"`,
      'content-disposition': `inline; filename="g_te _ nord _.jpg"; filename*=UTF-8''g%C3%AEte%20%C2%AB%20nord%20%C2%BB.jpg`,
    });
    expect(res.headers.get('content-security-policy')).toMatch(/default-src 'none'.*sandbox/);
    const cached = await app.request(`/api/media/${key}`, {
      headers: { ...cen.headers, 'if-none-match': `"${sha256}"` },
    });
    expect(cached.status).toBe(304);
  });

  it('refuses a file over the size limit, storing nothing, while other routes keep their 2 MB limit', async () => {
    const before = await files();
    const big = new Uint8Array(MAX_MEDIA_BYTES + 1);
    big.set(PNG);
    const res = await upload(app, cen, big, 'big.png', 'image/png');
    expect(res.status).toBe(413);
    expect(res.json[0]).toMatchObject({
      code: 'payload_too_large',
      message: expect.stringContaining('20 Mo'),
    });
    expect(await files()).toBe(before);
    // Three megabytes: a file may, a record may not.
    const three = new Uint8Array(3 * 1024 * 1024);
    three.set(PNG);
    expect((await upload(app, cen, three, 'three.png', 'image/png')).status).toBe(201);
    const record = await cen.call('POST', `${BASE}/sites_group`, {
      sites_group_name: 'x'.repeat(3 * 1024 * 1024),
    });
    expect(record.status).toBe(413);
  });

  it('refuses empty, unrecognised and missing files, anonymous and cross-site uploads', async () => {
    const before = await files();
    expect((await upload(app, cen, new Uint8Array(0), 'vide.png', 'image/png')).json[0]).toMatchObject({
      code: 'empty_file',
    });
    const html = await upload(
      app,
      cen,
      Buffer.from('<html><script>alert(1)</script></html>'),
      'a.png',
      'image/png',
    );
    expect(html.status).toBe(415);
    const svg = await upload(
      app,
      cen,
      Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'),
      'a.svg',
      'image/svg+xml',
    );
    expect(svg.status).toBe(415);
    expect((await upload(app, undefined, PNG, 'a.png', 'image/png')).status).toBe(401);
    const json = await cen.call('POST', '/api/media', { file: 'x' });
    expect(json.status).toBe(415);
    const form = new FormData();
    form.append('file', new Blob([PNG]), 'a.png');
    const csrf = await app.request('/api/media', {
      method: 'POST',
      body: form,
      headers: { ...cen.headers, origin: 'https://evil.example' },
    });
    expect(csrf.status).toBe(403);
    expect(await files()).toBe(before);
  });

  it('keeps another organisation’s file from being attached or downloaded', async () => {
    const up = await upload(app, chiro, PNG, 'b.png', 'image/png');
    const key = up.json.storage_key as string;
    const download = (who: Caller) => app.request(`/api/media/${key}`, { headers: who.headers });
    expect((await download(chiro)).status).toBe(200);
    expect((await download(cen)).status).toBe(404);
    // Not named by any record yet: only its uploader reads it, not even the administrator.
    expect((await download(admin)).status).toBe(404);
    const group = (await cen.call('GET', `${BASE}/sites_group/${ids.groupA}`)).json;
    const steal = await cen.call('PUT', `${BASE}/sites_group/${ids.groupA}`, {
      ...group,
      medias: [{ storage_key: key }],
    });
    expect(steal.status).toBe(422);
    expect(steal.json[0]).toMatchObject({ path: '/medias/0/storage_key', code: 'media_not_found' });
    const own = (await chiro.call('GET', `${BASE}/sites_group/${ids.groupB}`)).json;
    const attach = await chiro.call('PUT', `${BASE}/sites_group/${ids.groupB}`, {
      ...own,
      medias: [{ storage_key: key }],
    });
    expect(attach.status, JSON.stringify(attach.json)).toBe(200);
    // Now a record names it: whoever may read that record may download it, the others still not.
    expect((await download(admin)).status).toBe(200);
    expect((await download(cen)).status).toBe(404);
    expect((await app.request('/api/media/not-a-uuid', { headers: cen.headers })).status).toBe(404);
    expect((await app.request(`/api/media/${key}`)).status).toBe(401);
  });

  it('purges files no record names once a day old', async () => {
    const orphan = (await upload(app, cen, PNG, 'orphan.png', 'image/png')).json.storage_key as string;
    const fresh = (await upload(app, cen, PNG, 'fresh.png', 'image/png')).json.storage_key as string;
    await db.query(
      "UPDATE suivi.media_file SET uploaded_at = now() - interval '2 days' WHERE storage_key <> $1::uuid",
      [fresh],
    );
    const purged = await purgeOrphanMedia(db);
    expect(purged).toBeGreaterThanOrEqual(1);
    const { rows } = await db.query<{ k: string }>('SELECT storage_key::text AS k FROM suivi.media_file');
    const left = rows.map((r) => r.k);
    expect(left).toContain(fresh);
    expect(left).not.toContain(orphan);
    // The files attached in the tests above are named by records: kept, however old.
    const named = await db.query('SELECT storage_key FROM amphibiens_mares.sites_group__medias');
    expect(named.rows.length).toBeGreaterThanOrEqual(2);
    for (const r of named.rows as { storage_key: string }[]) expect(left).toContain(r.storage_key);
  });
});
