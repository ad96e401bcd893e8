/**
 * Mounting a module's routes on a Hono app: the route table of its module model (`model/model.json`),
 * each route answered by the handler of its operation (route-handlers.ts) over the record operations
 * built for the request (who acts, what they may see). They are built before anything of the request is
 * read, so an actor without the permission gets 401/403 whatever else is wrong with the request.
 */
import type { Context, Hono } from 'hono';
import { colonPath, type ModuleModel, type Route } from '../../generators/model/index.ts';
import { readJsonBody } from './json-body.ts';
import type { RecordOperations } from './operations.ts';
import { ROUTE_HANDLERS } from './route-handlers.ts';

/** The operations of one request: build them from the request's session (actor, access scope). */
export type OperationsFor = (c: Context, route: Route) => RecordOperations | Promise<RecordOperations>;

export function mountModuleRoutes(app: Hono, model: ModuleModel, operationsFor: OperationsFor): void {
  const specs = new Map(model.levels.map((level) => [level.key, level.querySpec]));
  const spec = (level: string) => {
    const found = specs.get(level);
    if (!found) throw new Error(`${model.code}: no query spec for level ${level}`);
    return found;
  };
  for (const route of model.routes) {
    const handle = ROUTE_HANDLERS[route.operation];
    app.on(route.method, colonPath(route.path), async (c) => {
      const operations = await operationsFor(c, route);
      const request = { params: c.req.param(), query: c.req.query(), json: () => readJsonBody(c) };
      return handle({ module: model.code, route, request, operations, spec });
    });
  }
}
