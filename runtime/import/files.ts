/**
 * Uploaded import files, kept on disk under the import folder (`<id>` and `<id>.json` beside it: name,
 * size, SHA-256, who uploaded it): streamed to disk while hashed, never held whole in memory, refused
 * past MAX_IMPORT_FILE_BYTES.
 */
import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export const MAX_IMPORT_FILE_BYTES = 1024 * 1024 * 1024;

export interface ImportFile {
  readonly id: string;
  readonly name: string;
  readonly size: number;
  readonly sha256: string;
  readonly uploaded_by: string | null;
}

export class FileTooLarge extends Error {}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export async function saveImportFile(
  dir: string,
  name: string,
  body: ReadableStream<Uint8Array>,
  uploadedBy: string | null,
  limit = MAX_IMPORT_FILE_BYTES,
): Promise<ImportFile> {
  await mkdir(dir, { recursive: true });
  const id = randomUUID();
  const path = join(dir, id);
  const hash = createHash('sha256');
  const out = createWriteStream(path);
  let size = 0;
  try {
    for await (const chunk of body as unknown as AsyncIterable<Uint8Array>) {
      size += chunk.byteLength;
      if (size > limit) throw new FileTooLarge();
      hash.update(chunk);
      if (!out.write(chunk)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
    }
    await new Promise<void>((resolve, reject) => out.end((e?: Error | null) => (e ? reject(e) : resolve())));
  } catch (error) {
    out.destroy();
    await rm(path, { force: true });
    throw error;
  }
  const file = { id, name, size, sha256: hash.digest('hex'), uploaded_by: uploadedBy };
  await writeFile(`${path}.json`, JSON.stringify(file));
  return file;
}

/** The file `id` and its path, undefined when there is none. */
export async function importFileOf(
  dir: string,
  id: string,
): Promise<(ImportFile & { path: string }) | undefined> {
  if (!UUID.test(id)) return undefined;
  try {
    const file = JSON.parse(await readFile(join(dir, `${id}.json`), 'utf8')) as ImportFile;
    return { ...file, path: join(dir, id) };
  } catch {
    return undefined;
  }
}
