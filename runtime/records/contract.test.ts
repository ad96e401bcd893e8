/**
 * The contract and the route table: each example's generated `api/routes.ts` types and data fit the
 * hand-written contract (checked by tsc, which compiles this file), its route table is the one the
 * runtime mounts from model/model.json, and each mounted route reads its request and calls its record
 * operation (recorded by operations that answer without a database).
 */
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import * as amphibiens from '../../examples/amphibiens_mares/generated/api/routes.ts';
import * as chiro from '../../examples/chiro_gites/generated/api/routes.ts';
import * as flore from '../../examples/flore_quadrats/generated/api/routes.ts';
import * as oiseaux from '../../examples/oiseaux_points_ecoute/generated/api/routes.ts';
import { colonPath, type Route as ModelRoute } from '../../generators/model/index.ts';
import { errorResponse, isHttpError } from '../http/errors.ts';
import type { CreateBody, Level, ModuleTypes, Operations, QuerySpec, Route, UpdateBody } from './contract.ts';
import { loadModulePlan } from './model/load-module.ts';
import { mountModuleRoutes } from './mount.ts';
import type { RecordOperations } from './operations.ts';
import { EXAMPLE_FOLDERS } from './records.test-helpers.ts';

// ---- Compile-time: the generated types and data fit the contract ------------------------------------

type Specs<M extends ModuleTypes> = { readonly [L in Level<M>]: QuerySpec<M, L> };
/** Bodies never carry the envelope (bar a client-made id on create); updates carry row_version. */
type BodyKeys<M extends ModuleTypes, L, B> =
  L extends Level<M> ? keyof (B extends 'create' ? CreateBody<M, L> : UpdateBody<M, L>) : never;
type NoEnvelope<M extends ModuleTypes> = [
  Extract<BodyKeys<M, Level<M>, 'create'>, Exclude<keyof M['envelope'], 'id'>>,
] extends [never]
  ? true
  : false;
type RowVersionInUpdates<M extends ModuleTypes> = [
  Exclude<
    Level<M>,
    { [L in Level<M>]: 'row_version' extends BodyKeys<M, L, 'update'> ? L : never }[Level<M>]
  >,
] extends [never]
  ? true
  : false;

/** Compiles only while the generated types and data fit the contract; returns what it typed. */
function typedByContract(operations: RecordOperations) {
  const typed: [
    Operations<amphibiens.ModuleApi, Response>,
    Operations<chiro.ModuleApi, Response>,
    Operations<flore.ModuleApi, Response>,
    Operations<oiseaux.ModuleApi, Response>,
  ] = [operations, operations, operations, operations];
  const routes: [
    readonly Route<amphibiens.ModuleApi>[],
    readonly Route<chiro.ModuleApi>[],
    readonly Route<flore.ModuleApi>[],
    readonly Route<oiseaux.ModuleApi>[],
  ] = [amphibiens.ROUTES, chiro.ROUTES, flore.ROUTES, oiseaux.ROUTES];
  const specs: [
    Specs<amphibiens.ModuleApi>,
    Specs<chiro.ModuleApi>,
    Specs<flore.ModuleApi>,
    Specs<oiseaux.ModuleApi>,
  ] = [amphibiens.QUERY_SPECS, chiro.QUERY_SPECS, flore.QUERY_SPECS, oiseaux.QUERY_SPECS];
  const bodies: [
    NoEnvelope<chiro.ModuleApi>,
    NoEnvelope<flore.ModuleApi>,
    RowVersionInUpdates<chiro.ModuleApi>,
    RowVersionInUpdates<flore.ModuleApi>,
  ] = [true, true, true, true];
  return { typed, routes, specs, bodies };
}

// ---- Run time ---------------------------------------------------------------------------------------

const GENERATED: Readonly<Record<string, { readonly ROUTES: readonly object[] }>> = {
  amphibiens_mares: amphibiens,
  chiro_gites: chiro,
  flore_quadrats: flore,
  oiseaux_points_ecoute: oiseaux,
};

const UUID = '0B7E9F7C-3C52-4D8E-9A51-2F1C6B0D4E11';

interface Call {
  readonly operation: string;
  readonly args: Record<string, unknown>;
}

/** Record operations that keep what they are given and answer 200 with the operation's name. */
function recording(calls: Call[]): RecordOperations {
  const record = (operation: string) => async (args: object) => {
    calls.push({ operation, args: args as Record<string, unknown> });
    return Response.json({ operation });
  };
  return {
    async validate<B>(args: object): Promise<B> {
      calls.push({ operation: 'validate', args: args as Record<string, unknown> });
      return { checked: true } as B;
    },
    list: record('list'),
    get: record('get'),
    create: record('create'),
    update: record('update'),
    remove: record('remove'),
    setValidation: record('setValidation'),
    children: record('children'),
    geojson: record('geojson'),
    map: record('map'),
    csv: record('csv'),
  };
}

/** The record operation each route operation ends with. */
const CALLS: Readonly<Record<ModelRoute['operation'], string>> = {
  list: 'list',
  get: 'get',
  create: 'create',
  update: 'update',
  remove: 'remove',
  validate: 'setValidation',
  children: 'children',
  geojson: 'geojson',
  map: 'map',
  csv: 'csv',
};

describe('the generated modules', () => {
  it('type their routes, query specs, bodies and operations with the contract', () => {
    const { typed, routes, specs, bodies } = typedByContract(recording([]));
    expect(typed.every((o) => typeof o.list === 'function')).toBe(true);
    expect(routes.map((r) => r.length)).toEqual(Object.values(GENERATED).map((m) => m.ROUTES.length));
    expect(specs[1].visit.defaultSort).toEqual([{ field: 'visit_date_min', direction: 'desc' }]);
    expect(bodies).toEqual([true, true, true, true]);
  });
});

describe.each(EXAMPLE_FOLDERS)('the routes of $code', ({ code, folder }) => {
  it('are the generated route table, mounted once each from model/model.json', async () => {
    const { model } = await loadModulePlan(folder);
    expect(GENERATED[code]?.ROUTES).toEqual(model.routes.map(({ summary: _summary, ...route }) => route));
    const app = new Hono();
    mountModuleRoutes(app, model, () => recording([]));
    expect(app.routes.map((r) => `${r.method} ${r.path}`)).toEqual(
      model.routes.map((r) => `${r.method} ${colonPath(r.path)}`),
    );
  });

  it('read the id, query and body of each request and call its operation', async () => {
    const { model } = await loadModulePlan(folder);
    const calls: Call[] = [];
    const seen: string[] = [];
    const app = new Hono();
    mountModuleRoutes(app, model, (_c, route) => {
      seen.push(route.operationId);
      return recording(calls);
    });
    for (const route of model.routes) {
      calls.length = 0;
      const path = route.path.replace('{id}', UUID);
      const hasBody = route.method === 'POST' || route.method === 'PUT';
      const query = { DELETE: '?row_version=3', map: '?bbox=1,43,2,44&zoom=7' } as Record<string, string>;
      const res = await app.request(path + (query[route.method] ?? query[route.operation] ?? ''), {
        method: route.method,
        ...(hasBody ? { body: '{"posted":true}', headers: { 'content-type': 'application/json' } } : {}),
      });
      expect(res.status, route.operationId).toBe(200);
      const last = calls.at(-1)!;
      expect(last.operation).toBe(CALLS[route.operation]);
      expect(last.args).toMatchObject({ module: code, level: route.level });
      if (route.path.includes('{id}')) expect(last.args.id).toBe(UUID.toLowerCase());
      if (route.operation === 'create' || route.operation === 'update') {
        expect(calls[0]).toEqual({
          operation: 'validate',
          args: { module: code, level: route.level, mode: route.operation, body: { posted: true } },
        });
        expect(last.args.body).toEqual({ checked: true });
      }
      // The validation body is checked by the operation itself: passed on as posted.
      if (route.operation === 'validate') expect(last.args.body).toEqual({ posted: true });
      if (route.operation === 'remove') expect(last.args.row_version).toBe(3);
      const listed = route.child ?? route.level;
      const spec = model.levels.find((l) => l.key === listed)!.querySpec;
      if (route.operation === 'children') expect(last.args.child).toBe(route.child);
      if (['list', 'children'].includes(route.operation))
        expect(last.args.query).toEqual({ sort: spec.defaultSort, filters: [], page: 1, page_size: 50 });
      if (['geojson', 'csv'].includes(route.operation))
        expect(last.args.query).toEqual({ sort: spec.defaultSort, filters: [] });
      if (route.operation === 'map')
        expect(last.args.query).toEqual({ filters: [], bbox: [1, 43, 2, 44], zoom: 7 });
    }
    expect(seen).toEqual(model.routes.map((r) => r.operationId));
  });

  it('answer a bad id, an unknown parameter or a body that is no JSON with 400, before any operation', async () => {
    const { model } = await loadModulePlan(folder);
    const calls: Call[] = [];
    const app = new Hono();
    mountModuleRoutes(app, model, () => recording(calls));
    app.onError((error) => (isHttpError(error) ? errorResponse(error) : new Response('', { status: 500 })));
    const level = model.levels[0]!.key;
    const base = `/api/modules/${code}/${level}`;
    const badId = await app.request(`${base}/not-a-uuid`);
    expect(await badId.json()).toEqual([
      { path: '/params/id', code: 'id-invalid', message: '"not-a-uuid" is not a UUID' },
    ]);
    expect((await app.request(`${base}?no_such_parameter=1`)).status).toBe(400);
    const notJson = await app.request(base, {
      method: 'POST',
      body: '{',
      headers: { 'content-type': 'application/json' },
    });
    expect(notJson.status).toBe(400);
    expect(calls).toEqual([]);
  });
});
