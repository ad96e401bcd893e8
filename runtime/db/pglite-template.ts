/**
 * An empty PGlite data dir with PostGIS already created, as a gzip tarball cached in the temporary
 * folder, keyed by the PGlite and PostGIS versions. Restoring it (`loadDataDir`) takes a few seconds
 * where creating PostGIS takes ten or more: tests and the GeoNature report open databases from it.
 */
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { postgis } from '@electric-sql/pglite-postgis';

const version = (pkg: string): string =>
  (
    JSON.parse(readFileSync(new URL(`../../node_modules/${pkg}/package.json`, import.meta.url), 'utf8')) as {
      version: string;
    }
  ).version;

export async function pgliteTemplate(): Promise<Blob> {
  const file = join(
    tmpdir(),
    `suivi-pglite-${version('@electric-sql/pglite')}-postgis-${version('@electric-sql/pglite-postgis')}.tgz`,
  );
  if (!existsSync(file)) {
    const fresh = await PGlite.create({ extensions: { postgis } });
    await fresh.exec('CREATE EXTENSION IF NOT EXISTS postgis');
    const dump = await fresh.dumpDataDir('gzip');
    await fresh.close();
    // Parallel processes may race to create it: each writes its own file, and the rename is atomic.
    const partial = `${file}.${process.pid}`;
    writeFileSync(partial, new Uint8Array(await dump.arrayBuffer()));
    renameSync(partial, file);
  }
  return new Blob([readFileSync(file)]);
}
