/**
 * What a module folder held before `generate` overwrites it, and the resolutions files beside the spec:
 * read here, so the generators stay pure (generators/migrations/index.ts plans from them).
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { PreviousGeneration } from '../../generators/core/generated-file.ts';
import { MANIFEST_PATH } from '../../generators/core/manifest.ts';
import { IR_FILE } from '../../generators/ir/index.ts';
import { MIGRATIONS_FOLDER } from '../../generators/migrations/index.ts';
import type { ResolvedProtocol } from '../../protocol-specs/index.ts';

export class PreviousGenerationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PreviousGenerationError';
  }
}

const RESOLUTIONS_FILE = /^v\d+-to-v\d+\.json$/;

async function readJson(file: string): Promise<unknown> {
  const text = await readFile(file, 'utf8').catch(() => undefined);
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new PreviousGenerationError(`${file} is not JSON (${(error as Error).message})`);
  }
}

export async function readPreviousGeneration(out: string, specFolder: string): Promise<PreviousGeneration> {
  const ir = (await readJson(join(out, 'ir', IR_FILE)).catch(() => undefined)) as
    | { protocol?: ResolvedProtocol }
    | undefined;
  const manifest = (await readJson(join(out, MANIFEST_PATH)).catch(() => undefined)) as
    | { files?: Array<{ path?: unknown }> }
    | undefined;
  const prefix = `${MIGRATIONS_FOLDER}/`;
  const migrations: Array<{ path: string; contents: string }> = [];
  for (const entry of manifest?.files ?? []) {
    const path = entry.path;
    if (typeof path !== 'string' || !path.startsWith(prefix) || path.includes('..')) continue;
    const contents = await readFile(join(out, path), 'utf8').catch(() => undefined);
    if (contents !== undefined) migrations.push({ path: path.slice(prefix.length), contents });
  }
  const resolutions: Record<string, unknown> = {};
  const folder = join(specFolder, MIGRATIONS_FOLDER);
  const names = await readdir(folder).catch(() => [] as string[]);
  for (const name of names.filter((n) => RESOLUTIONS_FILE.test(n)).sort())
    resolutions[name.slice(0, -'.json'.length)] = await readJson(join(folder, name));
  return { ...(ir?.protocol ? { protocol: ir.protocol } : {}), migrations, resolutions };
}
