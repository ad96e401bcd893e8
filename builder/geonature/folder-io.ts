/**
 * The only file access of the GeoNature converter: a protocol folder read into memory (text files the
 * converter may read: JSON, and what sits beside them for messages) and written back.
 */
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import type { ProtocolFolder } from './model.ts';

/** Every `.json` file under the folder, by relative path with `/` (sorted, so results never depend on the disk). */
export async function readProtocolFolder(folderPath: string): Promise<ProtocolFolder> {
  const root = resolve(folderPath);
  const out: Record<string, string> = {};
  const walk = async (dir: string): Promise<void> => {
    const entries = (await readdir(dir, { withFileTypes: true })).sort((a, b) =>
      a.name.localeCompare(b.name),
    );
    for (const entry of entries) {
      const full = join(dir, entry.name);
      if (entry.isDirectory() && entry.name !== 'node_modules' && !entry.name.startsWith('.'))
        await walk(full);
      else if (entry.isFile() && entry.name.endsWith('.json')) {
        out[relative(root, full).split(sep).join('/')] = await readFile(full, 'utf8');
      }
    }
  };
  await walk(root);
  return out;
}

export const folderName = (folderPath: string): string => basename(resolve(folderPath));

export async function writeProtocolFolder(folderPath: string, folder: ProtocolFolder): Promise<void> {
  for (const [path, text] of Object.entries(folder)) {
    if (path.split('/').includes('..')) throw new Error(`refusing to write outside the folder: ${path}`);
    const target = join(folderPath, ...path.split('/'));
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, text);
  }
}
