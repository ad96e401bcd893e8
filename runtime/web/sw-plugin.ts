/**
 * A Vite plugin making the app installable: the manifest and icons (app-manifest.ts) join the build,
 * and once the app's files are written, src/sw.ts is built on its own as dist/sw.js (one classic script,
 * no shared chunks) with the list of files to precache: every file of the app's build (hashed names,
 * so no revision) and index.html with a hash of its content (its name never changes).
 */
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import type { Plugin } from 'vite';
import { ICON_SIZES, iconPath, iconPng, webManifest } from './app-manifest.ts';

export function serviceWorker(root: string): Plugin {
  return {
    name: 'suivi-service-worker',
    apply: 'build',
    generateBundle() {
      this.emitFile({ type: 'asset', fileName: 'manifest.webmanifest', source: webManifest() });
      for (const size of ICON_SIZES)
        this.emitFile({ type: 'asset', fileName: iconPath(size), source: iconPng(size) });
    },
    // The final list: index.html joins the bundle late (Vite's own HTML plugin emits it).
    async writeBundle(options, bundle) {
      const precache = Object.values(bundle)
        .filter((f) => !f.fileName.endsWith('.map'))
        .map((f) => {
          const url = `/${f.fileName}`;
          if (!f.fileName.endsWith('.html') && !f.fileName.endsWith('.webmanifest'))
            return { url, revision: null };
          const text = f.type === 'chunk' ? f.code : f.source;
          return { url, revision: createHash('sha256').update(text).digest('hex').slice(0, 16) };
        });
      const { build } = await import('vite');
      await build({
        configFile: false,
        logLevel: 'warn',
        root,
        // Workbox reads NODE_ENV to drop its development logging.
        define: { __PRECACHE__: JSON.stringify(precache), 'process.env.NODE_ENV': '"production"' },
        build: {
          outDir: options.dir ?? join(root, 'dist'),
          emptyOutDir: false,
          copyPublicDir: false,
          minify: true,
          lib: {
            entry: join(root, 'src', 'sw.ts'),
            formats: ['iife'],
            name: 'suiviServiceWorker',
            fileName: () => 'sw.js',
          },
        },
      });
    },
  };
}
