/**
 * Mounting a module's generated routes (`<module folder>/api/routes.ts`) on a Hono app over the record
 * operations. The generated `Operations` carry no request, so the object given to `mountRoutes`
 * delegates each call to the operations built for the current request (who acts, what they may see),
 * held in an AsyncLocalStorage while the handler runs.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Context, Hono } from 'hono';
import { readJsonBody } from './json-body.ts';
import type { RecordOperations } from './operations.ts';
import { requestReaders } from './query/parse-list-query.ts';

/** What a handler of the generated routes is told about its route. */
export interface RouteInfo {
  readonly operationId: string;
  readonly operation: string;
  readonly level: string;
  readonly child?: string;
}

type Handler = (request: {
  readonly params: Readonly<Record<string, string | undefined>>;
  readonly query: Readonly<Record<string, string | undefined>>;
  json(): Promise<unknown>;
}) => Promise<Response>;

interface Router {
  on(method: 'GET' | 'POST' | 'PUT' | 'DELETE', path: string, route: RouteInfo, handler: Handler): void;
}

/** A generated `api/routes.ts`, as imported. */
export interface GeneratedRoutes {
  // The generated signature is typed for its own module; every module's accepts a Router and RecordOperations.
  mountRoutes(router: never, operations: never): void;
}

/** The operations of one request: build them from the request's session (actor, access scope). */
export type OperationsFor = (c: Context, route: RouteInfo) => RecordOperations | Promise<RecordOperations>;

/** Imports the routes module of a generated module folder (TypeScript: the runtime runs under tsx). */
export async function importRoutes(folder: string): Promise<GeneratedRoutes> {
  const routes = (await import(
    pathToFileURL(join(folder, 'api', 'routes.ts')).href
  )) as Partial<GeneratedRoutes>;
  if (typeof routes.mountRoutes !== 'function')
    throw new Error(`${folder}/api/routes.ts exports no mountRoutes`);
  return routes as GeneratedRoutes;
}

export function mountModuleRoutes(app: Hono, routes: GeneratedRoutes, operationsFor: OperationsFor): void {
  const current = new AsyncLocalStorage<RecordOperations>();
  const use = (): RecordOperations => {
    const operations = current.getStore();
    if (!operations) throw new Error('record operations called outside a request');
    return operations;
  };
  const delegate: RecordOperations = {
    validate: (args) => use().validate(args),
    list: (args) => use().list(args),
    get: (args) => use().get(args),
    create: (args) => use().create(args),
    update: (args) => use().update(args),
    remove: (args) => use().remove(args),
    setValidation: (args) => use().setValidation(args),
    children: (args) => use().children(args),
    geojson: (args) => use().geojson(args),
    csv: (args) => use().csv(args),
    ...requestReaders,
  };
  const router: Router = {
    on(method, path, route, handler) {
      app.on(method, path, async (c) => {
        const operations = await operationsFor(c, route);
        return current.run(operations, () =>
          handler({ params: c.req.param(), query: c.req.query(), json: () => readJsonBody(c) }),
        );
      });
    },
  };
  (routes.mountRoutes as (router: Router, operations: RecordOperations) => void)(router, delegate);
}
