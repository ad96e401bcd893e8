/**
 * What a file is, decided from its bytes (`file-type` reads the magic numbers), never from the name or
 * the Content-Type the client sent: a script renamed `photo.jpg` stays what it is. Only the kinds a
 * monitoring record attaches are stored — images, sound, video, PDF scans; text formats (SVG, HTML,
 * CSV) have no magic number and are refused, which also keeps anything a browser would run out of the
 * store.
 */
import { fileTypeFromBuffer } from 'file-type';

/** Top-level MIME types (`image/`) and exact types that may be uploaded. */
export const UPLOADABLE_TYPES: readonly string[] = ['image/*', 'audio/*', 'video/*', 'application/pdf'];

const uploadable = (mime: string) =>
  UPLOADABLE_TYPES.some((t) => (t.endsWith('/*') ? mime.startsWith(t.slice(0, -1)) : mime === t));

/** The file's MIME type, or undefined when its bytes are not one of UPLOADABLE_TYPES. */
export async function detectMediaType(bytes: Uint8Array): Promise<string | undefined> {
  const found = await fileTypeFromBuffer(bytes);
  return found && uploadable(found.mime) ? found.mime : undefined;
}
