/**
 * An empty PGlite data dir with PostGIS already created, as a gzip tarball cached in the temporary
 * folder, keyed by the PGlite and PostGIS versions. Restoring it (`loadDataDir`) takes a few seconds
 * where creating a database and PostGIS takes ten or more: tests, the GeoNature report and a first
 * `npm start` open databases from it. `npm install` prepares it (`prepare-template.ts`).
 */
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { slimPostgis } from './postgis-bundle.ts';

const version = (pkg: string): string =>
  (
    JSON.parse(readFileSync(new URL(`../../node_modules/${pkg}/package.json`, import.meta.url), 'utf8')) as {
      version: string;
    }
  ).version;

export const pgliteTemplateFile = (): string =>
  join(
    tmpdir(),
    `suivi-pglite-${version('@electric-sql/pglite')}-postgis-${version('@electric-sql/pglite-postgis')}.tgz`,
  );

/** Stores a dump as the template; parallel processes may race: each writes its own file, the rename is atomic. */
export async function saveTemplate(dump: Blob): Promise<void> {
  const file = pgliteTemplateFile();
  const partial = `${file}.${process.pid}`;
  writeFileSync(partial, new Uint8Array(await dump.arrayBuffer()));
  renameSync(partial, file);
}

/** The cached template, or undefined when none was prepared on this machine. */
export function cachedPgliteTemplate(): Blob | undefined {
  const file = pgliteTemplateFile();
  return existsSync(file) ? new Blob([readFileSync(file)]) : undefined;
}

/** The template, created (and cached) when missing. */
export async function pgliteTemplate(): Promise<Blob> {
  const cached = cachedPgliteTemplate();
  if (cached) return cached;
  const fresh = await PGlite.create({ extensions: { postgis: slimPostgis } });
  await fresh.exec('CREATE EXTENSION IF NOT EXISTS postgis');
  const dump = await fresh.dumpDataDir('gzip');
  await fresh.close();
  await saveTemplate(dump);
  return dump;
}
