/**
 * Media values of records against the stored files (suivi.media_file), on PGlite and (with DATABASE_URL)
 * PostgreSQL: a file is attached by storage_key, its name and type come from the store, it must be the
 * actor's upload (or already on the record), of a type the field accepts, at most maxFiles of them; a
 * deleted record takes its media rows along and leaves the file.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { id, ORGANISATION, USER } from '../../test/db/module-fixture.ts';
import { runtimeEngines } from '../../test/helpers/engines.ts';
import { problems, seededApi } from './seeded-api.test-helpers.ts';

const PASSAGE = id(211);
const OTHER_USER = '00000000-0000-4000-8000-00000000a0a0';
const AMPHIBIANS = '/api/modules/amphibiens_mares';

describe.each(runtimeEngines())('media attached to records on $name', (engine) => {
  const api = seededApi(engine);
  const { call, like } = api;

  beforeAll(async () => {
    await api.db.query(
      "INSERT INTO suivi.app_user (id, organisation_id, login, display_name) VALUES ($1::uuid, $2::uuid, 'autre', 'Autre')",
      [OTHER_USER, ORGANISATION],
    );
  });

  /** A file as POST /api/media stores it (the upload route is tested in runtime/media). */
  async function stored(mime: string, uploadedBy = USER, name = 'fichier'): Promise<string> {
    const { rows } = await api.db.query<{ k: string }>(
      `INSERT INTO suivi.media_file (sha256, file_name, mime_type, size_bytes, uploaded_by, content)
       VALUES (repeat('a', 64), $1, $2, 3, $3::uuid, '\\x010203'::bytea) RETURNING storage_key::text AS k`,
      [name, mime, uploadedBy],
    );
    return rows[0]?.k as string;
  }

  const passage = (changes: Record<string, unknown>) => like(PASSAGE, changes);

  it('completes each item from the stored file, whatever the client says', async () => {
    const key = await stored('audio/mpeg', USER, 'chant.mp3');
    const item = {
      storage_key: key,
      file_name: 'evil.html',
      mime_type: 'audio/ogg',
      title: 'Chant',
      author: 'A. M.',
    };
    const res = await call('POST', `${AMPHIBIANS}/visit`, passage({ call_recording: [item] }));
    expect(res.status, res.text).toBe(201);
    expect(res.json.call_recording).toEqual([
      {
        storage_key: key,
        file_name: 'chant.mp3',
        mime_type: 'audio/mpeg',
        title: 'Chant',
        author: 'A. M.',
        url: `/api/media/${key}`,
      },
    ]);
    // A GET body goes back as it is.
    const again = await call('PUT', `${AMPHIBIANS}/visit/${res.json.id}`, res.json);
    expect(again.status, again.text).toBe(200);
    expect(again.json.call_recording).toEqual(res.json.call_recording);
  });

  it('refuses a file of a type the field does not accept, at its path', async () => {
    const png = await stored('image/png');
    const res = await call(
      'POST',
      `${AMPHIBIANS}/visit`,
      passage({ call_recording: [{ storage_key: png }] }),
    );
    expect(res.status).toBe(422);
    expect(problems(res)).toEqual(['/call_recording/0/storage_key media_type']);
    expect(res.json[0]?.message).toContain('audio/*');
  });

  it('refuses an unknown key, another account’s upload and a key that is not a uuid', async () => {
    const mine = await stored('audio/mpeg');
    const theirs = await stored('audio/mpeg', OTHER_USER);
    const unknown = '5f0c6a2e-0000-4000-8000-000000000000';
    const items = [{ storage_key: mine }, { storage_key: unknown }, { storage_key: theirs }];
    const res = await call('POST', `${AMPHIBIANS}/visit`, passage({ call_recording: items }));
    expect(res.status).toBe(422);
    expect(problems(res)).toEqual([
      '/call_recording/1/storage_key media_not_found',
      '/call_recording/2/storage_key media_not_found',
    ]);
    const bad = await call(
      'POST',
      `${AMPHIBIANS}/visit`,
      passage({ call_recording: [{ storage_key: 'k' }] }),
    );
    expect(problems(bad)).toEqual(['/call_recording/0/storage_key format']);
    const { rows } = await api.db.query(
      'SELECT 1 FROM amphibiens_mares.visit__call_recording WHERE storage_key = $1',
      [mine],
    );
    expect(rows).toEqual([]);
  });

  it('refuses more files than maxFiles', async () => {
    const keys = await Promise.all(Array.from({ length: 6 }, () => stored('audio/mpeg')));
    const res = await call(
      'POST',
      `${AMPHIBIANS}/visit`,
      passage({ call_recording: keys.map((k) => ({ storage_key: k })) }),
    );
    expect(res.status).toBe(422);
    expect(problems(res)).toEqual(['/call_recording max_items']);
  });

  it('keeps a file another account attached to the record on update', async () => {
    const theirs = await stored('audio/mpeg', OTHER_USER, 'leur.mp3');
    const created = await call('POST', `${AMPHIBIANS}/visit`, passage({ call_recording: null }));
    expect(created.status, created.text).toBe(201);
    const visitId = created.json.id as string;
    await api.db.query(
      `INSERT INTO amphibiens_mares.visit__call_recording (record_id, position, file_name, mime_type, storage_key)
       VALUES ($1::uuid, 1, 'leur.mp3', 'audio/mpeg', $2)`,
      [visitId, theirs],
    );
    const read = await call('GET', `${AMPHIBIANS}/visit/${visitId}`);
    const kept = await call('PUT', `${AMPHIBIANS}/visit/${visitId}`, { ...read.json, comments: 'relu' });
    expect(kept.status, kept.text).toBe(200);
    expect(kept.json.call_recording).toMatchObject([{ storage_key: theirs, file_name: 'leur.mp3' }]);
    // Elsewhere it is still not this account's file.
    const other = await call(
      'POST',
      `${AMPHIBIANS}/visit`,
      passage({ call_recording: [{ storage_key: theirs }] }),
    );
    expect(problems(other)).toEqual(['/call_recording/0/storage_key media_not_found']);
  });

  it('deletes a record’s media rows with it and keeps the file (an orphan, purged later)', async () => {
    const key = await stored('audio/mpeg');
    const res = await call(
      'POST',
      `${AMPHIBIANS}/visit`,
      passage({ call_recording: [{ storage_key: key }] }),
    );
    expect(res.status, res.text).toBe(201);
    const gone = await call('DELETE', `${AMPHIBIANS}/visit/${res.json.id}`);
    expect(gone.status, gone.text).toBe(204);
    const rows = await api.db.query(
      'SELECT 1 FROM amphibiens_mares.visit__call_recording WHERE storage_key = $1',
      [key],
    );
    expect(rows.rows).toEqual([]);
    const file = await api.db.query('SELECT 1 FROM suivi.media_file WHERE storage_key = $1::uuid', [key]);
    expect(file.rows).toHaveLength(1);
  });
});
