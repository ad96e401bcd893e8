/**
 * A GeoNature Monitoring protocol folder uploaded as a zip, read in memory (nothing touches the disk):
 * at most MAX_ZIP_BYTES, MAX_ZIP_ENTRIES entries and MAX_UNZIPPED_BYTES once inflated (each entry's
 * declared size bounds what fflate writes for it, so a zip bomb stops at the declared total); a path
 * that climbs out (`..`), is absolute or names a drive is refused. Only the `.json` files are kept: the
 * importer reads nothing else. One folder at the zip's root (`POPAmphibien/config.json`…) is the folder
 * itself and names the module; otherwise the zip's file name does.
 */
import { strFromU8, type UnzipFileInfo, unzipSync } from 'fflate';
import type { ProtocolFolder } from '../geonature/model.ts';

export const MAX_ZIP_BYTES = 20 * 1024 * 1024;
export const MAX_ZIP_ENTRIES = 500;
export const MAX_UNZIPPED_BYTES = 50 * 1024 * 1024;

export class ZipRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ZipRefused';
  }
}

const unsafePath = (name: string) =>
  name.startsWith('/') ||
  name.includes('\\') ||
  /^[a-zA-Z]:/.test(name) ||
  name.includes('\u0000') ||
  name.split('/').some((part) => part === '..');

/** The folder's `.json` files by relative path, and the name the folder gives the module. */
export function unzipProtocolFolder(
  bytes: Uint8Array,
  fileName: string,
): { folder: ProtocolFolder; name: string } {
  if (bytes.byteLength > MAX_ZIP_BYTES) throw new ZipRefused('the zip is larger than 20 MB');
  let entries = 0;
  let inflated = 0;
  const keep = (file: UnzipFileInfo) => {
    entries++;
    if (entries > MAX_ZIP_ENTRIES) throw new ZipRefused(`more than ${MAX_ZIP_ENTRIES} entries`);
    if (unsafePath(file.name)) throw new ZipRefused(`unsafe path in the zip: ${file.name}`);
    if (!file.name.endsWith('.json') || file.name.split('/').some((p) => p.startsWith('.'))) return false;
    inflated += file.originalSize;
    if (inflated > MAX_UNZIPPED_BYTES) throw new ZipRefused('more than 50 MB once unzipped');
    return true;
  };
  let unzipped: Record<string, Uint8Array>;
  try {
    unzipped = unzipSync(bytes, { filter: keep });
  } catch (error) {
    if (error instanceof ZipRefused) throw error;
    throw new ZipRefused(`not a readable zip (${(error as Error).message})`);
  }
  const paths = Object.keys(unzipped).sort();
  const roots = new Set(paths.map((p) => (p.includes('/') ? p.split('/')[0] : '')));
  const [root] = roots;
  const nested = roots.size === 1 && root !== undefined && root !== '';
  const folder: Record<string, string> = {};
  for (const path of paths) {
    const relative = nested ? path.slice((root as string).length + 1) : path;
    folder[relative] = strFromU8(unzipped[path] as Uint8Array);
  }
  if (!('config.json' in folder) && !('module.json' in folder))
    throw new ZipRefused('no config.json nor module.json: not a GeoNature Monitoring protocol folder');
  const name = nested ? (root as string) : fileName.replace(/\.zip$/i, '');
  return { folder, name };
}
