/**
 * What each route operation does with a request, written once for every module: read the path id, the
 * query string (against the level's query spec from the module model) and the body, then call the
 * record operation. Exhaustive, so a new route operation does not compile until it has a handler.
 * Reading order is the old generated handlers': the id before the body, the body before the write.
 */
import type { QuerySpecData, Route, RouteOperation } from '../../generators/model/index.ts';
import type { RecordOperations } from './operations.ts';
import {
  parseExportQuery,
  parseListQuery,
  parseRecordId,
  parseRowVersion,
  type QueryString,
} from './query/parse-list-query.ts';
import { parseMapQuery } from './query/parse-map-query.ts';

/** What a handler reads of a request; mount.ts builds it from Hono's. */
export interface RouteRequest {
  /** Path parameters (`id`). */
  readonly params: Readonly<Record<string, string | undefined>>;
  /** Query parameters, one value each. */
  readonly query: QueryString;
  /** The parsed JSON body, not yet validated (a 400 when it is not JSON). */
  json(): Promise<unknown>;
}

export interface RouteCall {
  readonly module: string;
  readonly route: Route;
  readonly request: RouteRequest;
  readonly operations: RecordOperations;
  /** The query spec of a level of the module. */
  readonly spec: (level: string) => QuerySpecData;
}

type Handler = (call: RouteCall) => Promise<Response>;

const target = ({ module, route }: RouteCall) => ({ module, level: route.level });
const id = ({ request }: RouteCall) => parseRecordId(request.params);
const listQuery = (call: RouteCall, level: string) =>
  parseListQuery(level, call.spec(level), call.request.query);
const exportQuery = (call: RouteCall) =>
  parseExportQuery(call.route.level, call.spec(call.route.level), call.request.query);

export const ROUTE_HANDLERS = {
  list: (call) => call.operations.list({ ...target(call), query: listQuery(call, call.route.level) }),
  get: (call) => call.operations.get({ ...target(call), id: id(call) }),
  async create(call) {
    const body = await call.operations.validate({
      ...target(call),
      mode: 'create',
      body: await call.request.json(),
    });
    return call.operations.create({ ...target(call), body });
  },
  async update(call) {
    const record = id(call);
    const body = await call.operations.validate({
      ...target(call),
      mode: 'update',
      body: await call.request.json(),
    });
    return call.operations.update({ ...target(call), id: record, body });
  },
  remove: (call) =>
    call.operations.remove({ ...target(call), id: id(call), ...parseRowVersion(call.request.query) }),
  async validate(call) {
    const record = id(call);
    return call.operations.setValidation({ ...target(call), id: record, body: await call.request.json() });
  },
  children(call) {
    const child = call.route.child;
    if (child === undefined) throw new Error(`route ${call.route.operationId} lists children of no level`);
    return call.operations.children({ ...target(call), id: id(call), child, query: listQuery(call, child) });
  },
  geojson: (call) => call.operations.geojson({ ...target(call), query: exportQuery(call) }),
  map: (call) =>
    call.operations.map({
      ...target(call),
      query: parseMapQuery(call.route.level, call.spec(call.route.level), call.request.query),
    }),
  csv: (call) => call.operations.csv({ ...target(call), query: exportQuery(call) }),
} as const satisfies Record<RouteOperation, Handler>;
