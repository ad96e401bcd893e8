/**
 * The media API: `POST /api/media` stores one uploaded file (multipart/form-data, field `file`) for the
 * signed-in account and answers its storage_key; `GET /api/media/:storage_key` serves it back to whoever
 * may read it (media-store.ts), to anyone else a 404 as for a key that does not exist. Records name
 * files by storage_key in their media fields (runtime/records/write/media-files.ts).
 */
import type { Context, Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { accessFor, requestSession, scopeFor } from '../auth/index.ts';
import type { Database } from '../db/database.ts';
import { HttpError } from '../http/errors.ts';
import type { ModulePlan } from '../records/model/module-plan.ts';
import { detectMediaType, UPLOADABLE_TYPES } from './detect-type.ts';
import { downloadHeaders, etagOf } from './download-headers.ts';
import { MAX_MEDIA_BYTES, readableMediaFile, storeMediaFile } from './media-store.ts';

/** The upload route's body limit: one file plus the multipart envelope around it. */
export const MAX_UPLOAD_BODY_BYTES = MAX_MEDIA_BYTES + 64 * 1024;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const MEGABYTES = MAX_MEDIA_BYTES / (1024 * 1024);

const tooLarge = () =>
  new HttpError(413, 'payload_too_large', `Fichier trop volumineux : ${MEGABYTES} Mo au plus par fichier.`);

/** The body limit of `POST /api/media` (the app applies it instead of the 2 MB limit of other routes). */
export const uploadBodyLimit = bodyLimit({
  maxSize: MAX_UPLOAD_BODY_BYTES,
  onError: () => {
    throw tooLarge();
  },
});

export const isUploadRequest = (c: Context) => c.req.method === 'POST' && c.req.path === '/api/media';

function signedIn(c: Context) {
  const session = requestSession(c);
  if (session.actor.userId === null)
    throw new HttpError(401, 'unauthorized', 'Connectez-vous pour déposer ou lire des fichiers.');
  return session;
}

async function uploadedFile(c: Context): Promise<File> {
  if (!(c.req.header('content-type') ?? '').toLowerCase().startsWith('multipart/form-data'))
    throw new HttpError(
      415,
      'unsupported_media_type',
      'Envoyez le fichier en multipart/form-data (champ « file »).',
    );
  let form: FormData;
  try {
    form = await c.req.raw.formData();
  } catch {
    throw new HttpError(400, 'bad_request', 'Corps multipart/form-data illisible.');
  }
  const files = form.getAll('file');
  const file = files[0];
  if (files.length !== 1 || !(file instanceof File))
    throw new HttpError(422, 'invalid', 'Envoyez exactement un fichier dans le champ « file ».', [
      { path: '/file', code: 'required', message: 'Envoyez exactement un fichier dans le champ « file ».' },
    ]);
  return file;
}

/** The client's file name, kept for display and download: control characters dropped, 255 characters at most. */
const fileNameOf = (raw: string): string =>
  [...raw]
    .filter((ch) => (ch.codePointAt(0) ?? 0) >= 0x20 && ch !== '\u007f')
    .join('')
    .trim()
    .slice(0, 255) || 'fichier';

/** `plans`: the module versions served when the request starts (they change when a module is swapped). */
export function mountMediaApi(app: Hono, db: Database, plans: () => ReadonlyMap<string, ModulePlan>): void {
  app.post('/api/media', async (c) => {
    const { actor } = signedIn(c);
    const file = await uploadedFile(c);
    if (file.size > MAX_MEDIA_BYTES) throw tooLarge();
    if (file.size === 0)
      throw new HttpError(422, 'empty_file', 'Le fichier est vide.', [
        { path: '/file', code: 'empty_file', message: 'Le fichier est vide.' },
      ]);
    const bytes = new Uint8Array(await file.arrayBuffer());
    const mimeType = await detectMediaType(bytes);
    if (!mimeType)
      throw new HttpError(
        415,
        'unsupported_media_type',
        `Type de fichier non reconnu d’après son contenu : sont acceptés ${UPLOADABLE_TYPES.join(', ')}.`,
      );
    const name = fileNameOf(file.name);
    const stored = await storeMediaFile(db, { name, mimeType, bytes }, actor.userId as string);
    return c.json(stored, 201, { location: `/api/media/${stored.storage_key}` });
  });

  app.get('/api/media/:key', async (c) => {
    const { actor, grants } = signedIn(c);
    const key = c.req.param('key');
    const gone = () =>
      new HttpError(404, 'not_found', `Le fichier ${key} n’existe pas (ou ne vous est pas visible).`);
    if (!UUID.test(key)) throw gone();
    const reader = {
      actor,
      access: accessFor(actor, grants),
      canRead: (module: string) => scopeFor(actor, grants, module, 'read') !== undefined,
    };
    const file = await readableMediaFile(db, plans(), reader, key.toLowerCase());
    if (!file) throw gone();
    const headers = downloadHeaders(file);
    if (c.req.header('if-none-match') === etagOf(file.sha256)) {
      const { 'content-length': _length, ...rest } = headers;
      return new Response(null, { status: 304, headers: rest });
    }
    return new Response(new Uint8Array(file.content), { status: 200, headers });
  });
}
