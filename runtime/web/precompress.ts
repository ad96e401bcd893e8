/**
 * A Vite plugin writing `<file>.br` (brotli, best quality) and `<file>.gz` beside each text file of the
 * build, so the server sends compressed assets without compressing on request (server/web-static.ts).
 * It runs once the files are written (`writeBundle`): earlier, Vite's own plugins still rewrite the
 * chunks (preload markers), and a copy compressed then would differ from the file it stands for.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import type { Plugin } from 'vite';

const brotli = promisify(brotliCompress);
const gz = promisify(gzip);

const TEXT = /\.(js|css|html|svg|json)$/;
/** Smaller files gain nothing worth a second request path. */
const MIN_BYTES = 1024;

export function precompress(): Plugin {
  return {
    name: 'suivi-precompress',
    apply: 'build',
    // Files are compressed in parallel (zlib's thread pool): best-quality brotli takes a few seconds.
    async writeBundle(options, bundle) {
      const dir = options.dir ?? '';
      const jobs = Object.values(bundle).map(async (output) => {
        if (!TEXT.test(output.fileName)) return;
        const bytes = Buffer.from(output.type === 'chunk' ? output.code : output.source);
        if (bytes.length < MIN_BYTES) return;
        const [br, gzipped] = await Promise.all([
          brotli(bytes, {
            params: {
              [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
              [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
            },
          }),
          gz(bytes, { level: 9 }),
        ]);
        const file = join(dir, output.fileName);
        await Promise.all([writeFile(`${file}.br`, br), writeFile(`${file}.gz`, gzipped)]);
      });
      await Promise.all(jobs);
    },
  };
}
