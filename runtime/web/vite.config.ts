/** Vite build of the partner web app: runtime/web → runtime/web/dist, served at `/` by the runtime. */
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { precompress } from './precompress.ts';
import { serviceWorker } from './sw-plugin.ts';

const root = dirname(fileURLToPath(import.meta.url));

export default defineConfig({
  root,
  base: '/',
  plugins: [precompress(), serviceWorker(root)],
  // No React plugin: Vite transpiles TSX itself; the automatic runtime avoids importing React everywhere.
  oxc: { jsx: { runtime: 'automatic' } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 2000,
    rollupOptions: {
      // RJSF marks files 'use client' for React Server Components; irrelevant in a client-only bundle.
      onwarn(warning, warn) {
        // The precompress plugin is slow by design (best-quality brotli, once per build).
        if (warning.code !== 'MODULE_LEVEL_DIRECTIVE' && warning.code !== 'PLUGIN_TIMINGS') warn(warning);
      },
    },
  },
});
