/**
 * A Vite plugin writing `<file>.br` (brotli, best quality) and `<file>.gz` beside each text file of the
 * build, so the server sends compressed assets without compressing on request (server/web-static.ts).
 */
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { Plugin } from 'vite';

const TEXT = /\.(js|css|html|svg|json)$/;
/** Smaller files gain nothing worth a second request path. */
const MIN_BYTES = 1024;

export function precompress(): Plugin {
  return {
    name: 'suivi-precompress',
    apply: 'build',
    generateBundle(_options, bundle) {
      for (const output of Object.values(bundle)) {
        if (!TEXT.test(output.fileName)) continue;
        const source = output.type === 'chunk' ? output.code : output.source;
        const bytes = typeof source === 'string' ? Buffer.from(source) : Buffer.from(source);
        if (bytes.length < MIN_BYTES) continue;
        const br = brotliCompressSync(bytes, {
          params: {
            [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
            [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
          },
        });
        this.emitFile({ type: 'asset', fileName: `${output.fileName}.br`, source: br });
        this.emitFile({
          type: 'asset',
          fileName: `${output.fileName}.gz`,
          source: gzipSync(bytes, { level: 9 }),
        });
      }
    },
  };
}
