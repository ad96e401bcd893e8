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
import { ROUTE_OPERATIONS } from '../model/route-table.ts';
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

// ---- A fake runtime: a router and operations that record what they are given -------------------

export const UUID = '0b7e9f7c-3c52-4d8e-9a51-2f1c6b0d4e11';

export type Call = { readonly operation: string; readonly args: Record<string, unknown> };
export interface FakeRequest {
  params: Record<string, string | undefined>;
  query: Record<string, string | undefined>;
  json(): Promise<unknown>;
}
export interface Mounted {
  method: string;
  path: string;
  route: { operationId: string; operation: string; level: string; child?: string };
  handler(request: FakeRequest): Promise<unknown>;
}
interface QueryRead {
  level: string;
  spec: unknown;
  query: FakeRequest['query'];
}
export type RoutesModule = { mountRoutes(router: unknown, operations: unknown): void; MODULE: string };

/** Mounts a generated routes module on a router and operations that record what they are given. */
export function mount(routes: RoutesModule) {
  const mounted: Mounted[] = [];
  const calls: Call[] = [];
  const record = (operation: string) => async (args: Record<string, unknown>) => {
    calls.push({ operation, args });
    return { operation };
  };
  const operations = {
    validate: async (args: Record<string, unknown>) => {
      calls.push({ operation: 'validate', args });
      return args.body;
    },
    // The route operation `validate` calls `setValidation`: `validate` checks create and update bodies.
    ...Object.fromEntries(ROUTE_OPERATIONS.filter((op) => op !== 'validate').map((op) => [op, record(op)])),
    setValidation: record('validate'),
    // The runtime reads query strings and ids; the fake shows what it was handed instead.
    readListQuery: ({ level, spec, query }: QueryRead) => ({ read: 'list', level, spec, query }),
    readExportQuery: ({ level, spec, query }: QueryRead) => ({ read: 'export', level, spec, query }),
    readId: (request: FakeRequest) => `id:${request.params.id}`,
    readRowVersion: (request: FakeRequest) => ({ row_version: `row_version:${request.query.row_version}` }),
  };
  routes.mountRoutes(
    {
      on: (method: string, path: string, route: Mounted['route'], handler: Mounted['handler']) =>
        mounted.push({ method, path, route, handler }),
    },
    operations,
  );
  const find = (operationId: string) => mounted.find((m) => m.route.operationId === operationId)!;
  const request = (
    query: FakeRequest['query'] = {},
    params: FakeRequest['params'] = { id: UUID },
  ): FakeRequest => ({
    params,
    query,
    json: async () => ({ posted: true }),
  });
  return { mounted, calls, find, request };
}
