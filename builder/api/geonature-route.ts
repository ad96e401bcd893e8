/**
 * `POST /api/builder/drafts/geonature` (multipart, field `file`: a zip of a GeoNature Monitoring
 * protocol folder): converted by the importer (builder/geonature), saved as a new draft, answered with
 * the importer's report (warnings, rules translated or left for a human). 422 when the zip is not a
 * protocol folder, unsafe or too large once unzipped; 413 over 20 MB.
 */
import type { Context, Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { HttpError } from '../../runtime/http/errors.ts';
import type { BuilderContext } from './context.ts';
import { createDraft, findDraft, specCode } from './drafts-store.ts';
import { MAX_ZIP_BYTES, unzipProtocolFolder, ZipRefused } from './geonature-zip.ts';
import { installedProtocol } from './installed.ts';
import { loadToolchain } from './load-toolchain.ts';
import { designerOf } from './require-designer.ts';

export const GEONATURE_PATH = '/api/builder/drafts/geonature';

const tooLarge = () => new HttpError(413, 'payload_too_large', 'Archive trop volumineuse : 20 Mo au plus.');

/** The route's own body limit: the zip plus the multipart envelope around it (instead of 2 MB). */
export const geonatureBodyLimit = {
  applies: (c: Context) => c.req.method === 'POST' && c.req.path === GEONATURE_PATH,
  limit: bodyLimit({
    maxSize: MAX_ZIP_BYTES + 64 * 1024,
    onError: () => {
      throw tooLarge();
    },
  }),
};

const refused = (message: string) =>
  new HttpError(422, 'not_a_protocol_folder', message, [
    { path: '/file', code: 'not_a_protocol_folder', message },
  ]);

async function uploadedZip(c: Context): Promise<File> {
  if (!(c.req.header('content-type') ?? '').toLowerCase().startsWith('multipart/form-data'))
    throw new HttpError(
      415,
      'unsupported_media_type',
      'Envoyez l’archive en multipart/form-data (champ « file »).',
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
    throw new HttpError(422, 'invalid', 'Envoyez exactement une archive zip dans le champ « file ».', [
      {
        path: '/file',
        code: 'required',
        message: 'Envoyez exactement une archive zip dans le champ « file ».',
      },
    ]);
  if (file.size > MAX_ZIP_BYTES) throw tooLarge();
  return file;
}

export function mountGeoNatureRoute(app: Hono, context: BuilderContext): void {
  app.post(GEONATURE_PATH, async (c) => {
    const actor = designerOf(c).id;
    const file = await uploadedZip(c);
    let unzipped: ReturnType<typeof unzipProtocolFolder>;
    try {
      unzipped = unzipProtocolFolder(new Uint8Array(await file.arrayBuffer()), file.name);
    } catch (error) {
      if (error instanceof ZipRefused) throw refused(error.message);
      throw error;
    }
    const tools = await loadToolchain();
    const { spec, report } = tools.importGeoNature(unzipped.folder, unzipped.name);
    const draftSpec = spec as unknown as Record<string, unknown>;
    const installed = await installedProtocol(context.db, specCode(draftSpec));
    const id = await createDraft(context.db, draftSpec, installed?.version ?? null, actor);
    return c.json({ draft: await findDraft(context.db, id), report }, 201);
  });
}
