/**
 * The generated `api/routes.ts`, checked by its consumers: strict tsc (with the generated types and a
 * consumer checking the data against the types it declares), then imported back and compared with the
 * module model the runtime serves. The runtime's contract over these types is checked in
 * runtime/records/contract.test.ts.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXAMPLE_CODES, exampleProtocol } from '../../test/helpers/examples.ts';
import { moduleModel } from '../model/build.ts';
import { filterParamName } from '../model/list-query.ts';
import { apiGenerator } from './index.ts';
import { SERVER_COLUMNS } from './record-shape.ts';
import { apiModuleFiles, runTsc, strictProject, writeFiles } from './testing.ts';

/** What a client writes against the generated file: its data must fit the types it declares. */
const consumer = `import type { ChildLevels, FilterFields, LevelKey, ModuleApi, SortFields } from './api/routes.ts';
import { MODULE, QUERY_SPECS, ROUTES } from './api/routes.ts';
import type { RecordEnvelope } from './types/__CODE__.ts';

export const code: ModuleApi['code'] = MODULE;
// Every route serves a level of the module, and lists children that are that level's.
type Child<L> = L extends LevelKey ? ChildLevels[L] : never;
export const routes: readonly { readonly level: LevelKey; readonly child?: Child<LevelKey> }[] = ROUTES;
// Every query spec sorts and filters on the fields the types name, and names every level once.
export const specs: { readonly [L in LevelKey]: {
  readonly sort: readonly SortFields[L][];
  readonly defaultSort: readonly { readonly field: SortFields[L]; readonly direction: 'asc' | 'desc' }[];
  readonly filters: { readonly [name: string]: { readonly field: FilterFields[L] } };
} } = QUERY_SPECS;

// The envelope of the types generator is exactly the server columns the OpenAPI document declares.
export const envelope: Record<keyof RecordEnvelope, true> = __ENVELOPE__;
`;

const root = strictProject('suivi-api-');
afterAll(() => rmSync(root, { recursive: true, force: true }));
beforeAll(async () => {
  for (const code of EXAMPLE_CODES) {
    const envelope = `{ ${SERVER_COLUMNS.map((c) => `${c}: true`).join(', ')} }`;
    const contents = consumer.replace('__CODE__', code).replace('__ENVELOPE__', envelope);
    writeFiles(join(root, code), [
      ...(await apiModuleFiles(exampleProtocol(code))),
      { path: 'consumer.ts', contents },
    ]);
  }
});

describe('filterParamName', () => {
  it.each([
    ['visit_date_min', 'eq', 'visit_date_min'],
    ['visit_date_min', 'gte', 'visit_date_min[gte]'],
    ['page', 'eq', 'page[eq]'],
    ['q', 'eq', 'q[eq]'],
  ] as const)('%s %s → %s', (field, op, name) => {
    expect(filterParamName(field, op)).toBe(name);
  });
});

describe('generated api module', () => {
  it('compiles under strict tsc with the generated types and a consumer of its data', {
    timeout: 60_000,
  }, async () => {
    const result = await runTsc(root);
    expect(result.output).toBe('');
    expect(result.code).toBe(0);
  });

  it('refuses a route table that does not fit its types (the consumer does check)', {
    timeout: 60_000,
  }, async () => {
    const broken = strictProject('suivi-api-broken-');
    try {
      const code = EXAMPLE_CODES[0]!;
      const files = await apiModuleFiles(exampleProtocol(code));
      const routes = files.find((f) => f.path === 'api/routes.ts')!;
      const renamed = routes.contents.replace(
        /level: '(\w+)', operationId/,
        "level: 'no_such_level', operationId",
      );
      expect(renamed).not.toBe(routes.contents);
      const envelope = `{ ${SERVER_COLUMNS.map((c) => `${c}: true`).join(', ')} }`;
      writeFiles(broken, [
        ...files.map((f) => (f === routes ? { ...f, contents: renamed } : f)),
        {
          path: 'consumer.ts',
          contents: consumer.replace('__CODE__', code).replace('__ENVELOPE__', envelope),
        },
      ]);
      const result = await runTsc(broken);
      expect(result.code).not.toBe(0);
      expect(result.output).toContain('no_such_level');
    } finally {
      rmSync(broken, { recursive: true, force: true });
    }
  });
});

describe.each(EXAMPLE_CODES)('generated api module of %s', (code) => {
  const protocol = exampleProtocol(code);
  const load = async () =>
    (await import(join(root, code, 'api/routes.ts'))) as {
      MODULE: string;
      ROUTES: readonly Record<string, unknown>[];
      QUERY_SPECS: Record<string, unknown>;
    };

  it('is deterministic, one file, and leaves the protocol as it was', async () => {
    const before = JSON.stringify(protocol);
    const context = { specPath: `examples/${code}/protocol.json` };
    const files = await apiGenerator.generate(protocol, context);
    expect(files.map((f) => f.path)).toEqual(['routes.ts']);
    expect(await apiGenerator.generate(protocol, context)).toEqual(files);
    expect(JSON.stringify(protocol)).toBe(before);
  });

  it('holds the route table and the query specs of the module model, as data', async () => {
    const { MODULE, ROUTES, QUERY_SPECS } = await load();
    const model = moduleModel(protocol);
    expect(MODULE).toBe(code);
    expect(ROUTES).toEqual(model.routes.map(({ summary: _summary, ...route }) => route));
    expect(QUERY_SPECS).toEqual(Object.fromEntries(model.levels.map((l) => [l.key, l.querySpec])));
  });
});
