/**
 * Test support: a database with the example modules (and the edge-case module of test/db), every fixture
 * record created through the API, and helpers to call the API and read its problems. Registers its own
 * beforeAll/afterAll: call it inside a `describe` per engine.
 */
import type { Hono } from 'hono';
import { afterAll, beforeAll } from 'vitest';
import { amphibiensMares } from '../../test/db/fixtures/amphibiens-mares.ts';
import { chiroGites } from '../../test/db/fixtures/chiro-gites.ts';
import { floreQuadrats } from '../../test/db/fixtures/flore-quadrats.ts';
import { oiseauxPointsEcoute } from '../../test/db/fixtures/oiseaux-points-ecoute.ts';
import { ORGANISATION, USER } from '../../test/db/module-fixture.ts';
import { EDGE } from '../../test/helpers/database-templates.ts';
import type { RuntimeEngine } from '../../test/helpers/engines.ts';
import type { Database } from '../db/database.ts';
import { isHttpError } from '../http/errors.ts';
import { type FixtureBody, fixtureBodies } from './fixture-bodies.test-helpers.ts';
import type { ModulePlan } from './model/module-plan.ts';
import type { RecordOperations } from './operations.ts';
import { openSetUpDatabase, testApp } from './records.test-helpers.ts';

export type Json = Record<string, unknown>;
export interface Answer {
  readonly status: number;
  readonly json: Json & Json[];
  readonly text: string;
}

export interface SeededApi {
  readonly db: Database;
  readonly modules: Map<string, ModulePlan>;
  readonly app: Hono;
  readonly operations: RecordOperations;
  readonly bodies: ReadonlyMap<string, FixtureBody>;
  call(method: string, path: string, body?: unknown, on?: Hono): Promise<Answer>;
  /** A fixture record's body, without its id (so it creates a new record), with changes. */
  like(recordId: string, changes?: Json): Json;
  /** The first fixture body of `level` matching `test`. */
  find(level: string, test: (body: Json) => unknown): FixtureBody;
  /** The edge-case module has no generated routes: its records go straight through the operations. */
  direct(level: string, body: unknown): Promise<Answer>;
}

/** `path code` of each problem of an error answer. */
export const problems = (res: { json: unknown }) =>
  (res.json as { path: string; code: string }[]).map((e) => `${e.path} ${e.code}`);

export function seededApi(engine: RuntimeEngine): SeededApi {
  const state = {} as {
    db: Database;
    modules: Map<string, ModulePlan>;
    app: Hono;
    operations: RecordOperations;
  };
  const bodies = new Map<string, FixtureBody>();
  const api: SeededApi = {
    get db() {
      return state.db;
    },
    get modules() {
      return state.modules;
    },
    get app() {
      return state.app;
    },
    get operations() {
      return state.operations;
    },
    bodies,
    async call(method, path, body, on = state.app) {
      const res = await on.request(path, {
        method,
        ...(body === undefined
          ? {}
          : { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }),
      });
      const text = await res.text();
      const json = text && res.headers.get('content-type')?.includes('json') ? JSON.parse(text) : text;
      return { status: res.status, json, text };
    },
    like(recordId, changes = {}) {
      const { id: _id, ...rest } = (bodies.get(recordId) as FixtureBody).body;
      return { ...rest, ...changes };
    },
    find(level, test) {
      const found = [...bodies.values()].find((b) => b.level === level && test(b.body));
      if (!found) throw new Error(`no fixture ${level} matches`);
      return found;
    },
    async direct(level, body) {
      const target = { module: 'edge_cases', level };
      try {
        const valid = await state.operations.validate({ ...target, mode: 'create', body });
        const res = await state.operations.create({ ...target, body: valid });
        return { status: res.status, json: (await res.json()) as Json & Json[], text: '' };
      } catch (error) {
        if (!isHttpError(error)) throw error;
        return { status: error.status, json: error.details as unknown as Json & Json[], text: error.message };
      }
    },
  };

  beforeAll(async () => {
    ({ db: state.db, modules: state.modules } = await openSetUpDatabase(engine, [EDGE]));
    const actor = { userId: USER, organisationId: ORGANISATION };
    ({ app: state.app, operations: state.operations } = testApp(state.db, state.modules, { actor }));
    for (const fixture of [amphibiensMares, chiroGites, floreQuadrats, oiseauxPointsEcoute]) {
      for (const b of await fixtureBodies(state.db, state.modules.get(fixture.code) as ModulePlan, fixture)) {
        bodies.set(b.id, b);
        const res = await api.call('POST', `/api/modules/${fixture.code}/${b.level}`, b.body);
        if (res.status !== 201) throw new Error(`${fixture.code} ${b.level}: ${res.text}`);
      }
    }
  });

  afterAll(async () => {
    await state.db?.close();
  });

  return api;
}
