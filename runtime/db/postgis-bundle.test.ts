/**
 * The slim PostGIS bundle: the library, control file and install script of `postgis` and PROJ's data,
 * without raster, topology and TIGER; the tar filter keeps entries byte for byte. That PostGIS is created
 * and used from it is what every PGlite test does (runtime/db/open.test.ts creates it from scratch).
 */
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { filterTar, slimBundle } from './postgis-bundle.ts';

const BLOCK = 512;

/** One ustar entry: header (name, size, type, checksum) and data padded to blocks. */
function entry(name: string, data: string, type = '0'): Uint8Array {
  const header = Buffer.alloc(BLOCK);
  header.write(name, 0, 'utf8');
  header.write('0000644\0', 100);
  header.write(`${Buffer.byteLength(data).toString(8).padStart(11, '0')}\0`, 124);
  header.write(type, 156);
  header.write('ustar\u000000', 257);
  header.fill(' ', 148, 156);
  const sum = header.reduce((a, b) => a + b, 0);
  header.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148);
  const body = Buffer.alloc(Math.ceil(Buffer.byteLength(data) / BLOCK) * BLOCK);
  body.write(data);
  return Buffer.concat([header, body]);
}

/** The names of a tar archive's files and links (folders aside), in order. */
function names(tar: Uint8Array): string[] {
  const out: string[] = [];
  filterTar(tar, (name) => {
    out.push(name);
    return true;
  });
  return out;
}

describe('the slim PostGIS bundle', () => {
  it('keeps postgis itself and PROJ, not raster, topology or TIGER', () => {
    const file = slimBundle();
    expect(file).toBeDefined();
    const kept = names(gunzipSync(readFileSync(file!)));
    expect(kept).toContain('lib/postgresql/postgis-3.so');
    expect(kept).toContain('share/postgresql/extension/postgis.control');
    expect(kept.some((n) => /^share\/postgresql\/extension\/postgis--\d+\.\d+\.\d+\.sql$/.test(n))).toBe(
      true,
    );
    expect(kept).toContain('share/proj/proj.db');
    expect(kept.filter((n) => /raster|topology|tiger/.test(n))).toEqual([]);
  });

  it('filters a tar archive entry by entry, copying what it keeps byte for byte', () => {
    const a = entry('a/keep.txt', 'kept');
    const folder = entry('a/', '', '5');
    const b = entry('a/drop.txt', 'x'.repeat(700));
    const link = entry('a/link.sql', '', '2');
    const tar = Buffer.concat([folder, a, b, link, Buffer.alloc(2 * BLOCK)]);
    const filtered = filterTar(tar, (name) => name.endsWith('keep.txt'));
    expect(Buffer.from(filtered)).toEqual(Buffer.concat([folder, a, Buffer.alloc(2 * BLOCK)]));
    expect(names(filtered)).toEqual(['a/keep.txt']);
  });

  it('refuses entries that rename the next one, rather than misread it', () => {
    const tar = Buffer.concat([entry('././@LongLink', 'a/very/long/name', 'L'), Buffer.alloc(2 * BLOCK)]);
    expect(() => filterTar(tar, () => true)).toThrow(/type L/);
  });
});
