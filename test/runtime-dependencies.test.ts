/**
 * Every package that `npx suivi`, `npm start` or the install script imports when it runs is a runtime
 * dependency: `npm ci --omit=dev` leaves devDependencies out, and a command importing one fails at load.
 * The imports are walked from the entries package.json names (static and dynamic; `import type` is erased
 * and skipped), and from the web app that `npm start` builds with Vite when its build is missing.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { isBuiltin } from 'node:module';
import { dirname, extname, join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(dirname(new URL(import.meta.url).pathname), '..');
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  bin: Record<string, string>;
  scripts: Record<string, string>;
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};

/** `node --import <package> <file>` in the scripts a user or npm runs outside development. */
const RUN_SCRIPTS = ['start', 'postinstall'] as const;
const scriptParts = RUN_SCRIPTS.map((name) => {
  const match = /^node (?:--import (\S+) )?(\S+\.[mc]?[jt]sx?)\b/.exec(pkg.scripts[name] ?? '');
  if (!match)
    throw new Error(`script ${name} is not \`node [--import <package>] <file>\`: ${pkg.scripts[name]}`);
  return { preload: match[1], file: match[2] as string };
});

const ENTRIES = [
  ...Object.values(pkg.bin),
  ...scriptParts.map((s) => s.file),
  // Built by runtime/web/build.ts at start when the build is missing or stale: Vite needs its config's and
  // the app's imports installed.
  'runtime/web/vite.config.ts',
  'runtime/web/src/main.tsx',
  // Imported by the runtime from each installed module folder (runtime/records/mount.ts).
  ...readdirSync(join(ROOT, 'examples'))
    .map((code) => `examples/${code}/generated/api/routes.ts`)
    .filter((file) => existsSync(join(ROOT, file))),
].map((file) => join(ROOT, file));

const FOLLOWED = new Set(['.ts', '.tsx', '.mts', '.js', '.mjs']);

/** The module specifiers a file loads at run time. */
function runtimeImports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, false);
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    if (
      (ts.isImportDeclaration(node) && !node.importClause?.isTypeOnly) ||
      (ts.isExportDeclaration(node) && !node.isTypeOnly)
    ) {
      if (node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier))
        found.push(node.moduleSpecifier.text);
    } else if (
      ts.isCallExpression(node) &&
      node.expression.kind === ts.SyntaxKind.ImportKeyword &&
      node.arguments[0] &&
      ts.isStringLiteralLike(node.arguments[0])
    ) {
      found.push(node.arguments[0].text);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

const packageName = (specifier: string) =>
  specifier
    .split('/')
    .slice(0, specifier.startsWith('@') ? 2 : 1)
    .join('/');

/** Each package imported at run time, with one file that imports it. */
function runtimePackages(): Map<string, string> {
  const packages = new Map<string, string>(
    scriptParts.flatMap((s) => (s.preload ? [[s.preload, 'package.json']] : [])),
  );
  const seen = new Set<string>();
  const queue = [...ENTRIES];
  for (let file = queue.pop(); file !== undefined; file = queue.pop()) {
    if (seen.has(file)) continue;
    seen.add(file);
    for (const specifier of runtimeImports(file)) {
      if (specifier.startsWith('.')) {
        const target = resolve(dirname(file), specifier);
        if (!existsSync(target)) throw new Error(`${relative(ROOT, file)}: cannot resolve ${specifier}`);
        if (FOLLOWED.has(extname(target))) queue.push(target);
      } else if (!isBuiltin(specifier) && !packages.has(packageName(specifier))) {
        packages.set(packageName(specifier), relative(ROOT, file));
      }
    }
  }
  return packages;
}

describe('runtime dependencies', () => {
  it('every package the commands, the server and the install script import is a dependency', () => {
    const packages = runtimePackages();
    // The walk reaches the known corners: the generators (from the CLI) and the server's lazy web build.
    expect(packages.get('json-schema-to-typescript')).toBe('generators/types/index.ts');
    expect(packages.has('vite')).toBe(true);
    const missing = [...packages]
      .filter(([name]) => !(name in pkg.dependencies))
      .map(
        ([name, importer]) =>
          `${name} (imported by ${importer}${name in pkg.devDependencies ? ', a devDependency' : ''})`,
      );
    expect(missing).toEqual([]);
  });
});
