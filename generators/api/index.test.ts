/**
 * The generated routes module, checked by its consumers: strict tsc (with the generated types and a
 * runtime-shaped consumer), then imported and mounted on a fake router over fake operations.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isValidatedLevel } from '../../protocol-specs/index.ts';
import { EXAMPLE_CODES, exampleProtocol } from '../../test/helpers/examples.ts';
import { filterParamName, levelQuery, querySpec } from '../model/list-query.ts';
import { colonPath, routeTable } from '../model/route-table.ts';
import { apiGenerator } from './index.ts';
import { SERVER_COLUMNS } from './record-shape.ts';
import {
  apiModuleFiles,
  mount,
  type RoutesModule,
  runTsc,
  strictProject,
  UUID,
  writeFiles,
} from './testing.ts';

/** What a runtime writes against the generated file: generic operations, a router adapter. */
const consumer = `import { moduleDescriptor } from './api/module.ts';
import type { ApiError, CreateBody, LevelKey, Operations, Router, UpdateBody } from './api/routes.ts';
import { mountRoutes } from './api/routes.ts';
import type { RecordEnvelope } from './types/__CODE__.ts';

interface Generic { readonly module: string; readonly level: string }
const reply = async (args: Generic): Promise<string> => \`\${args.module}/\${args.level}\`;
const operations: Operations<string> = {
  validate: async (args: Generic & { readonly body: unknown }) => args.body as never,
  list: reply, get: reply, create: reply, update: reply, remove: reply, setValidation: reply, children: reply, geojson: reply, csv: reply,
  readListQuery: (args) => ({ sort: args.spec.defaultSort, filters: [], page: 1, page_size: 50 }),
  readExportQuery: (args) => ({ sort: args.spec.defaultSort, filters: [] }),
  readId: (request) => request.params.id ?? '',
  readRowVersion: () => ({}),
};
export const problem: ApiError = { path: '/query/page', code: 'query-value-invalid', message: 'page' };
const paths: string[] = [];
const router: Router<string> = { on: (method, path, route) => void paths.push(\`\${method} \${path} \${route.operationId}\`) };
mountRoutes(router, operations);
export const firstLevel: string | undefined = moduleDescriptor.levels[0]?.key;

// The envelope of the types generator is exactly the server columns the OpenAPI document declares.
export const envelope: Record<keyof RecordEnvelope, true> = __ENVELOPE__;
// Bodies never carry the envelope (bar a client-made id on create); updates carry row_version.
type Keys<L, B extends 'create' | 'update'> = L extends LevelKey ? keyof (B extends 'create' ? CreateBody<L> : UpdateBody<L>) : never;
export const noEnvelopeInBodies: [Extract<Keys<LevelKey, 'create'>, Exclude<keyof RecordEnvelope, 'id'>>] extends [never] ? true : false = true;
export const rowVersionInUpdates: [Exclude<LevelKey, { [L in LevelKey]: 'row_version' extends Keys<L, 'update'> ? L : never }[LevelKey]>] extends [never] ? true : false = true;
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
  it('compiles under strict tsc with the generated types and a runtime-shaped consumer', {
    timeout: 60_000,
  }, async () => {
    const result = await runTsc(root);
    expect(result.output).toBe('');
    expect(result.code).toBe(0);
  });
});

describe.each(EXAMPLE_CODES)('generated api module of %s', (code) => {
  const protocol = exampleProtocol(code);
  const load = async () => (await import(join(root, code, 'api/routes.ts'))) as RoutesModule;

  it('is deterministic and leaves the protocol as it was', async () => {
    const before = JSON.stringify(protocol);
    const context = { specPath: `examples/${code}/protocol.json` };
    expect(await apiGenerator.generate(protocol, context)).toEqual(
      await apiGenerator.generate(protocol, context),
    );
    expect(JSON.stringify(protocol)).toBe(before);
  });

  it('mounts exactly the route table, each route once', async () => {
    const { mounted } = mount(await load());
    expect(mounted.map((m) => [m.method, m.path, m.route.operationId])).toEqual(
      routeTable(protocol).map((r) => [r.method, colonPath(r.path), r.operationId]),
    );
    for (const level of protocol.levels) {
      const paths = mounted.filter((m) => m.route.level === level.key).map((m) => `${m.method} ${m.path}`);
      const base = `/api/modules/${code}/${level.key}`;
      expect(paths).toEqual(
        expect.arrayContaining([
          `GET ${base}`,
          `GET ${base}/:id`,
          `POST ${base}`,
          `PUT ${base}/:id`,
          `DELETE ${base}/:id`,
          `GET ${base}.csv`,
        ]),
      );
      expect(paths.includes(`GET ${base}.geojson`)).toBe(level.geometry.kind !== 'none');
      expect(paths.includes(`POST ${base}/:id/validation`)).toBe(isValidatedLevel(protocol, level.key));
      for (const child of protocol.levels.filter((l) => l.parents.includes(level.key))) {
        expect(paths).toContain(`GET ${base}/:id/${child.key}`);
      }
    }
  });

  it('delegates every route to its operation, with the module, level, id and validated body', async () => {
    const { mounted, calls, request } = mount(await load());
    for (const { route, handler } of mounted) {
      calls.length = 0;
      await handler(request());
      const last = calls.at(-1)!;
      expect(last.operation).toBe(route.operation);
      expect(last.args).toMatchObject({ module: code, level: route.level });
      if (['get', 'update', 'remove', 'validate', 'children'].includes(route.operation))
        expect(last.args.id).toBe(`id:${UUID}`);
      // The validation body is checked by the runtime's operation itself: passed on as posted.
      if (route.operation === 'validate') expect(calls).toEqual([{ operation: 'validate', args: last.args }]);
      if (route.operation === 'validate') expect(last.args.body).toEqual({ posted: true });
      if (route.operation === 'children')
        expect(last.args).toMatchObject({ child: route.child, query: { read: 'list', level: route.child } });
      if (route.operation === 'create' || route.operation === 'update') {
        expect(calls[0]).toEqual({
          operation: 'validate',
          args: { module: code, level: route.level, mode: route.operation, body: { posted: true } },
        });
        expect(last.args.body).toEqual({ posted: true });
      }
      if (route.operation === 'remove') expect(last.args.row_version).toBe('row_version:undefined');
    }
  });

  it('hands the runtime each level’s query spec, the derivation the OpenAPI parameters come from', async () => {
    const { mounted, calls, request } = mount(await load());
    const raw = { page: '2', sort: '-x', anything: 'y' };
    for (const { route, handler } of mounted) {
      if (!['list', 'children', 'geojson', 'csv'].includes(route.operation)) continue;
      await handler(request(raw));
      const level = route.child ?? route.level;
      const spec = querySpec(levelQuery(protocol.levels.find((l) => l.key === level)!, protocol));
      expect(calls.at(-1)!.args.query).toEqual({
        read: route.operation === 'list' || route.operation === 'children' ? 'list' : 'export',
        level,
        spec,
        query: raw,
      });
    }
  });

  it('describes the level tree in module.ts', async () => {
    const { moduleDescriptor } = (await import(join(root, code, 'api/module.ts'))) as {
      moduleDescriptor: { code: string; levels: Array<Record<string, unknown>> };
    };
    expect(moduleDescriptor.code).toBe(code);
    expect(moduleDescriptor.levels.map((l) => [l.key, l.parents, l.geometry, l.list, l.sort])).toEqual(
      protocol.levels.map((l) => [l.key, l.parents, l.geometry, l.list, l.sort]),
    );
    for (const level of moduleDescriptor.levels) {
      const children = protocol.levels.filter((l) => l.parents.includes(String(level.key))).map((l) => l.key);
      expect(level.children).toEqual(children);
    }
  });
});
