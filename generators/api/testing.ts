/**
 * Test support shared by the api and openapi tests: a generated module folder on disk (api + types),
 * compiled by strict tsc and imported back. Not used by the generators themselves.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import type { ResolvedProtocol } from '../../protocol-specs/index.ts';
import type { GeneratedFile } from '../core/generated-file.ts';
import { typesGenerator } from '../types/index.ts';
import { apiGenerator } from './index.ts';

/** The files of the module folder the routes need: `api/*` and the types they import, `types/*`. */
export async function apiModuleFiles(protocol: ResolvedProtocol): Promise<GeneratedFile[]> {
  const context = { specPath: `examples/${protocol.code}/protocol.json` };
  const prefixed = (folder: string, files: readonly GeneratedFile[]) =>
    files.map((f) => ({ path: `${folder}/${f.path}`, contents: f.contents }));
  return [
    ...prefixed('types', await typesGenerator.generate(protocol, context)),
    ...prefixed('api', await apiGenerator.generate(protocol, context)),
  ];
}

export function writeFiles(root: string, files: readonly GeneratedFile[]): void {
  for (const file of files) {
    mkdirSync(dirname(join(root, file.path)), { recursive: true });
    writeFileSync(join(root, file.path), file.contents);
  }
}

/** A fresh temporary folder set up as a strict ESM TypeScript project with no Node or DOM typings. */
export function strictProject(prefix: string): string {
  const root = mkdtempSync(join(tmpdir(), prefix));
  const compilerOptions = {
    strict: true,
    noUncheckedIndexedAccess: true,
    noImplicitOverride: true,
    verbatimModuleSyntax: true,
    noEmit: true,
    skipLibCheck: true,
    module: 'NodeNext',
    moduleResolution: 'NodeNext',
    target: 'ES2022',
    lib: ['ES2022'],
    types: [],
    allowImportingTsExtensions: true,
  };
  writeFiles(root, [
    { path: 'package.json', contents: '{ "type": "module" }\n' },
    { path: 'tsconfig.json', contents: JSON.stringify({ compilerOptions, include: ['**/*.ts'] }, null, 2) },
  ]);
  return root;
}

const tscBin = createRequire(import.meta.url).resolve('typescript/bin/tsc');

/** `tsc -p root`: exit code and everything it printed. */
export async function runTsc(root: string): Promise<{ code: number; output: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [tscBin, '-p', root]);
    return { code: 0, output: stdout + stderr };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    return { code: e.code ?? 1, output: `${e.stdout ?? ''}${e.stderr ?? ''}` };
  }
}
