/**
 * PGlite's PostGIS extension, loaded from a slimmer bundle. The package's bundle also carries raster,
 * topology and the TIGER geocoder: two more 16 MB WebAssembly libraries that PGlite compiles at every
 * start, and some 500 install and upgrade scripts. Suivi creates `postgis` alone, so the slim bundle keeps
 * its library, its control file and install script, and PROJ's data: a database opens with ~1.5 s less
 * CPU (every test file, every start). It is cut once per PostGIS package version into the temporary
 * folder, beside the data-dir template (pglite-template.ts); `npm install` prepares both.
 */
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gunzipSync, gzipSync } from 'node:zlib';
import { postgis } from '@electric-sql/pglite-postgis';

const PACKAGE = new URL('../../node_modules/@electric-sql/pglite-postgis/', import.meta.url);
const BUNDLE = new URL('dist/postgis.tar.gz', PACKAGE);

const version = (): string =>
  (JSON.parse(readFileSync(new URL('package.json', PACKAGE), 'utf8')) as { version: string }).version;

/** What Suivi's `CREATE EXTENSION postgis` and PostGIS functions read. */
const KEPT = [
  /^lib\/postgresql\/postgis-3\.so$/,
  /^share\/postgresql\/extension\/postgis\.control$/,
  /^share\/postgresql\/extension\/postgis--\d+\.\d+\.\d+\.sql$/,
  /^share\/proj\//,
];

const BLOCK = 512;
const field = (header: Uint8Array, start: number, length: number): string => {
  const bytes = header.subarray(start, start + length);
  const end = bytes.indexOf(0);
  return Buffer.from(end < 0 ? bytes : bytes.subarray(0, end)).toString('utf8');
};

/**
 * The tar archive without the entries `keep` refuses, headers and data copied as they are. Folders stay
 * (a few bytes each). Only plain ustar entries: anything else (long names, pax headers) throws, and the
 * caller falls back to the full bundle.
 */
export function filterTar(tar: Uint8Array, keep: (name: string) => boolean): Uint8Array {
  const parts: Uint8Array[] = [];
  let at = 0;
  while (at + BLOCK <= tar.length) {
    const header = tar.subarray(at, at + BLOCK);
    if (header.every((b) => b === 0)) break;
    const type = String.fromCharCode(header[156] ?? 0);
    // Files, links, folders; not the entries that rename the next one (GNU long names, pax headers).
    if (!['0', '\0', '1', '2', '5'].includes(type)) throw new Error(`tar entry of type ${type} not handled`);
    const prefix = field(header, 345, 155);
    const name = (prefix ? `${prefix}/` : '') + field(header, 0, 100);
    const size = Number.parseInt(field(header, 124, 12).trim() || '0', 8);
    const end = at + BLOCK + Math.ceil(size / BLOCK) * BLOCK;
    if (type === '5' || keep(name)) parts.push(tar.subarray(at, end));
    at = end;
  }
  parts.push(new Uint8Array(2 * BLOCK));
  return Buffer.concat(parts);
}

export const slimBundleFile = (): string => join(tmpdir(), `suivi-postgis-${version()}-slim.tar.gz`);

/** The slim bundle's path, cut from the package's bundle when missing; undefined when it cannot be. */
export function slimBundle(): string | undefined {
  const file = slimBundleFile();
  if (existsSync(file)) return file;
  try {
    const tar = filterTar(gunzipSync(readFileSync(BUNDLE)), (name) => KEPT.some((k) => k.test(name)));
    // Parallel processes may race: each writes its own file, the rename is atomic.
    const partial = `${file}.${process.pid}`;
    writeFileSync(partial, gzipSync(tar, { level: 1 }));
    renameSync(partial, file);
    return file;
  } catch (error) {
    console.warn(`suivi: the full PostGIS bundle is used (${(error as Error).message})`);
    return undefined;
  }
}

/** The PostGIS extension for `PGlite.create`, reading the slim bundle when there is one. */
export const slimPostgis: typeof postgis = {
  name: 'postgis',
  async setup(pg, emscriptenOpts) {
    const result = await postgis.setup(pg, emscriptenOpts);
    const file = slimBundle();
    return file ? { ...result, bundlePath: pathToFileURL(file) } : result;
  },
};
