/**
 * The content hash the prepared test databases (database-templates.ts) are keyed by, so that a template
 * built before a migration, a module or the seed changed is never used again, while a change elsewhere
 * (a route, the web app, a test) keeps them. Kept apart from the recipes so that computing it loads
 * nothing but the file system (~0.1 s).
 *
 * What is hashed: every source file the recipes import, followed import by import; the other files
 * under those files' folders (data they read beside them: the core migrations' .sql, the generators'
 * templates); the module folders and demo data under examples/; the locked package versions.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const ROOT = new URL('../../', import.meta.url).pathname;
const ENTRIES = ['test/helpers/database-templates.ts', 'test/helpers/template-stores.ts'];
const ALWAYS = ['examples', 'package-lock.json'];

const SKIPPED = new Set(['node_modules', 'dist', 'test-results']);
const skippedFile = (name: string) => /\.test(-helpers)?\.tsx?$/.test(name) || name.endsWith('.md');

/** A file, or every file under a folder (tests, docs and build output aside). */
function files(path: string): string[] {
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path, { withFileTypes: true })
    .filter((e) => !SKIPPED.has(e.name) && !e.name.startsWith('.'))
    .flatMap((e) =>
      e.isDirectory() ? files(join(path, e.name)) : skippedFile(e.name) ? [] : [join(path, e.name)],
    );
}

/** Relative imports and re-exports, static or dynamic: `from './x.ts'`, `import './x.ts'`, `import('./x.ts')`. */
const IMPORT = /(?:from|import)\s*\(?\s*'(\.{1,2}\/[^']+)'/g;

/** The source files `entries` reach through relative imports, themselves included. */
function reached(entries: readonly string[]): Set<string> {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file) || !existsSync(file)) return;
    seen.add(file);
    for (const [, specifier] of readFileSync(file, 'utf8').matchAll(IMPORT))
      visit(resolve(dirname(file), specifier!));
  };
  for (const entry of entries) visit(join(ROOT, entry));
  return seen;
}

const isSource = (path: string) => /\.tsx?$/.test(path);

export function templatesHash(): string {
  const sources = reached(ENTRIES);
  const folders = new Set([...sources].map((f) => dirname(f)));
  const paths = new Set([
    ...sources,
    ...[...folders].flatMap((d) => files(d).filter((f) => !isSource(f))),
    ...ALWAYS.flatMap((p) => files(join(ROOT, p))),
  ]);
  const hash = createHash('sha256');
  for (const path of [...paths].sort()) {
    hash.update(`${relative(ROOT, path)}\0`);
    hash.update(readFileSync(path));
    hash.update('\0');
  }
  return hash.digest('hex').slice(0, 16);
}

/** The source files hashed, for a reader wondering whether a change rebuilds the templates. */
export const hashedSources = (): string[] => [...reached(ENTRIES)].map((f) => relative(ROOT, f)).sort();
