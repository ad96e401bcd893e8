/**
 * Runs every registered generator over one resolved protocol, adds the migration plans (from what the
 * folder held before, `context.previous`) and the manifest: a module folder, as values.
 */
import type { ResolvedProtocol } from '../protocol-specs/index.ts';
import type { GeneratedFile, Generator, GeneratorContext } from './core/generated-file.ts';
import { manifestFile } from './core/manifest.ts';
import { MIGRATIONS_FOLDER, migrationFiles } from './migrations/index.ts';
import { GENERATORS } from './registry.ts';

export async function generateModule(
  protocol: ResolvedProtocol,
  context: GeneratorContext,
  generators: Readonly<Record<string, Generator>> = GENERATORS,
): Promise<GeneratedFile[]> {
  const files: Array<GeneratedFile & { generator: string }> = [];
  for (const name of Object.keys(generators).sort()) {
    const generator = generators[name] as Generator;
    for (const file of await generator.generate(protocol, context)) {
      files.push({
        path: `${name}/${file.path}`,
        contents: file.contents,
        generator: name,
        ...(file.sql ? { sql: file.sql } : {}),
      });
    }
  }
  for (const file of migrationFiles(protocol, context))
    files.push({ ...file, path: `${MIGRATIONS_FOLDER}/${file.path}`, generator: 'migrations' });
  const seen = new Set<string>();
  for (const file of files) {
    if (seen.has(file.path)) throw new Error(`two generated files share the path ${file.path}`);
    seen.add(file.path);
  }
  files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return [...files.map(({ generator: _, ...file }) => file), manifestFile(protocol, context, files)];
}
