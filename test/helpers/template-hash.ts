/**
 * The content hash the prepared test databases (database-templates.ts) are keyed by, so that a template
 * built before a migration, a module or the seed changed is never used again. Kept apart from the recipes
 * so that computing it loads nothing but the file system (~0.1 s).
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const ROOT = new URL('../../', import.meta.url).pathname;
/**
 * What a template is built from: the code that migrates, installs and seeds, the module folders, the
 * recipes (database-templates.ts) and the locked package versions.
 */
const HASHED = [
  'generators',
  'protocol-specs',
  'runtime',
  'examples',
  'test/db',
  'test/helpers/database-templates.ts',
  'test/helpers/template-stores.ts',
  'package-lock.json',
];
const SKIPPED = new Set(['node_modules', 'dist', 'test-results']);
const skippedFile = (name: string) => /\.test(-helpers)?\.tsx?$/.test(name) || name.endsWith('.md');

function files(path: string): string[] {
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path, { withFileTypes: true })
    .filter((e) => !SKIPPED.has(e.name) && !e.name.startsWith('.'))
    .flatMap((e) =>
      e.isDirectory() ? files(join(path, e.name)) : skippedFile(e.name) ? [] : [join(path, e.name)],
    );
}

/**
 * The content hash templates are keyed by: every file of HASHED that could change what they hold (tests,
 * test helpers and docs aside). Any change rebuilds them.
 */
export function templatesHash(): string {
  const hash = createHash('sha256');
  const paths = HASHED.flatMap((p) => files(join(ROOT, p))).sort();
  for (const path of paths) {
    hash.update(`${relative(ROOT, path)}\0`);
    hash.update(readFileSync(path));
    hash.update('\0');
  }
  return hash.digest('hex').slice(0, 16);
}
