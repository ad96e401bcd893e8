/**
 * Builds the web app with Vite when its `dist` is missing or older than its sources, so that a fresh
 * clone's `npm start` and `npm test` serve the current app without a separate build step. Vite is
 * imported only when a build is due: a normal start does not pay for loading it.
 */
import { existsSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const WEB_ROOT = dirname(fileURLToPath(import.meta.url));
export const WEB_DIST = join(WEB_ROOT, 'dist');

function newestMtime(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const name of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, name)));
  return newest;
}

/** Sources whose change makes the build stale (the shared rule evaluator is bundled too). */
const SOURCES = [
  join(WEB_ROOT, 'src'),
  join(WEB_ROOT, 'index.html'),
  join(WEB_ROOT, 'vite.config.ts'),
  join(WEB_ROOT, 'precompress.ts'),
  join(WEB_ROOT, 'sw-plugin.ts'),
  join(WEB_ROOT, 'app-manifest.ts'),
  join(WEB_ROOT, '..', '..', 'protocol-specs', 'rules'),
];

export function webBuildIsStale(): boolean {
  const built = join(WEB_DIST, 'index.html');
  if (!existsSync(built)) return true;
  const builtAt = statSync(built).mtimeMs;
  return SOURCES.some((source) => existsSync(source) && newestMtime(source) > builtAt);
}

/** Returns the seconds spent building (0 when the build was current). */
export async function ensureWebBuild(options: { force?: boolean } = {}): Promise<number> {
  if (!options.force && !webBuildIsStale()) return 0;
  const started = performance.now();
  const { build } = await import('vite');
  // Built aside then swapped in: two processes (npm start and the browser test) may build at once, and
  // neither must empty a dist the other is writing or serving.
  const aside = `${WEB_DIST}.${process.pid}`;
  const old = `${WEB_DIST}.old.${process.pid}`;
  // Vite builds React's development files when NODE_ENV says so, as vitest's does ('test'): the app is
  // always built for production. Restored after: test files share this process.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({
      configFile: join(WEB_ROOT, 'vite.config.ts'),
      logLevel: 'warn',
      build: { outDir: aside, emptyOutDir: true },
    });
    if (existsSync(WEB_DIST)) renameSync(WEB_DIST, old);
    renameSync(aside, WEB_DIST);
  } finally {
    if (nodeEnv === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = nodeEnv;
    rmSync(aside, { recursive: true, force: true });
    rmSync(old, { recursive: true, force: true });
  }
  return (performance.now() - started) / 1000;
}
