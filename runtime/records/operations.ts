/**
 * The record operations, generic over every level of every module (typed per module by the contract's
 * `Operations`, contract.ts): build them per request (who acts, what they may see) over the module plans
 * prepared once at start; mount.ts calls them from each module's route table. Responses are web
 * `Response`s; failures are thrown as `HttpError` for the server's error handler (`errorResponse`).
 */
import { TOTAL_COUNT_CAP } from '../../generators/model/index.ts';
import type { Database } from '../db/database.ts';
import type { WritePath } from '../history/write-path.ts';
import { type AccessScope, type Actor, ANONYMOUS, UNRESTRICTED } from './access.ts';
import { readError } from './db-errors.ts';
import type { RecordHooks } from './hooks.ts';
import type { ModulePlan } from './model/module-plan.ts';
import { levelOf, moduleOf, type RequestContext, type Target } from './operations/context.ts';
import { csvStream } from './operations/csv.ts';
import { featureCollection } from './operations/geojson.ts';
import { mapView } from './operations/map.ts';
import { childPage, getRecord, listPage } from './operations/read.ts';
import { createOrReplay } from './operations/replay.ts';
import { jsonResponse, noContent } from './operations/responses.ts';
import { setValidation } from './operations/validation.ts';
import { removeRecord, updateRecord } from './operations/write.ts';
import type { ExportQuery, ListQuery } from './query/list-sql.ts';
import type { MapQuery } from './query/parse-map-query.ts';
import { clockAt } from './validate/rule-context.ts';
import { type ValidatedRecord, validateRecord } from './validate/validate-record.ts';

export interface RecordOperationsOptions {
  readonly db: Database;
  /** Installed modules by code, prepared once (prepareModule / loadModulePlan). */
  readonly modules: ReadonlyMap<string, ModulePlan>;
  readonly actor?: Actor;
  readonly access?: AccessScope;
  /** The request's time, for today() and now() (default: now). */
  readonly now?: Date;
  /** Time zone of today() (default: the process's). */
  readonly timeZone?: string;
  /** Most features a GeoJSON export returns (default 50 000). */
  readonly geojsonLimit?: number;
  /** Most records a map view answers one by one before it clusters them (default MAP_FEATURE_LIMIT, 500). */
  readonly mapFeatureLimit?: number;
  /** Rows per query while a CSV streams (default 1 000). */
  readonly csvChunkSize?: number;
  /** Most records a list's `total` counts (default TOTAL_COUNT_CAP, 10 000). */
  readonly totalCap?: number;
  /** Lifecycle hooks run inside each write's transaction (hooks.ts: a module's extension). */
  readonly hooks?: RecordHooks;
  /** What the record history says wrote these records (default 'api'). */
  readonly writePath?: WritePath;
}

type Mode = 'create' | 'update';
interface Body {
  readonly [key: string]: unknown;
}

export interface RecordOperations {
  validate<B = Body>(args: Target & { readonly mode: Mode; readonly body: unknown }): Promise<B>;
  list(args: Target & { readonly query: ListQuery }): Promise<Response>;
  get(args: Target & { readonly id: string }): Promise<Response>;
  create(args: Target & { readonly body: object }): Promise<Response>;
  update(args: Target & { readonly id: string; readonly body: object }): Promise<Response>;
  remove(args: Target & { readonly id: string; readonly row_version?: number }): Promise<Response>;
  /** The Validate action: `{ status, comment? }` on a record of a validated level. */
  setValidation(args: Target & { readonly id: string; readonly body: unknown }): Promise<Response>;
  children(
    args: Target & { readonly id: string; readonly child: string; readonly query: ListQuery },
  ): Promise<Response>;
  geojson(args: Target & { readonly query: ExportQuery }): Promise<Response>;
  /** Clusters (or, when few, the records) of a map view with the list's filters (operations/map.ts). */
  map(args: Target & { readonly query: MapQuery }): Promise<Response>;
  csv(args: Target & { readonly query: ExportQuery }): Promise<Response>;
}

/** Runs a read; a value of the query the database refuses is the request's fault (400). */
async function reading<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw readError(error) ?? error;
  }
}

/** Bodies `validate` returned, with what it resolved: create and update skip validating them again. */
const validated = new WeakMap<object, ValidatedRecord & Target & { readonly mode: Mode }>();

export function recordOperations(options: RecordOperationsOptions): RecordOperations {
  const actor = options.actor ?? ANONYMOUS;
  const ctx: RequestContext = {
    db: options.db,
    modules: options.modules,
    access: options.access ?? UNRESTRICTED,
    actor,
    clock: clockAt(options.now ?? new Date(), options.timeZone, actor.userId),
    totalCap: options.totalCap ?? TOTAL_COUNT_CAP,
    ...(options.mapFeatureLimit ? { mapFeatureLimit: options.mapFeatureLimit } : {}),
    ...(options.hooks ? { hooks: options.hooks } : {}),
    ...(options.writePath ? { writePath: options.writePath } : {}),
  };
  const validation = (target: Target) => ({
    db: ctx.db,
    module: moduleOf(ctx, target.module),
    access: ctx.access,
    clock: ctx.clock,
  });

  async function resolved(target: Target, mode: Mode, body: object): Promise<ValidatedRecord> {
    const known = validated.get(body);
    if (known && known.module === target.module && known.level === target.level && known.mode === mode)
      return known;
    return validateRecord(validation(target), levelOf(ctx, target), mode, body);
  }

  return {
    async validate<B = Body>(args: Target & { readonly mode: Mode; readonly body: unknown }): Promise<B> {
      const record = await validateRecord(validation(args), levelOf(ctx, args), args.mode, args.body);
      const { write } = record;
      const body = {
        ...(write.id ? { id: write.id } : {}),
        ...write.links,
        ...(levelOf(ctx, args).hasGeometry ? { geometry: write.geometry } : {}),
        ...write.values,
        ...(record.rowVersion === undefined ? {} : { row_version: record.rowVersion }),
      };
      validated.set(body, { ...record, module: args.module, level: args.level, mode: args.mode });
      return body as B;
    },
    list: async (args) => jsonResponse(await reading(() => listPage(ctx, levelOf(ctx, args), args.query))),
    get: async (args) => jsonResponse(await getRecord(ctx, levelOf(ctx, args), args.id)),
    async create(args) {
      const plan = levelOf(ctx, args);
      const { record, replayed } = await createOrReplay(ctx, plan, await resolved(args, 'create', args.body));
      // A replay of a create (same client id, same body) answers 200 with the stored record.
      return jsonResponse(record, replayed ? 200 : 201, {
        location: `/api/modules/${plan.module}/${plan.level.key}/${record.id}`,
      });
    },
    async update(args) {
      const plan = levelOf(ctx, args);
      return jsonResponse(await updateRecord(ctx, plan, args.id, await resolved(args, 'update', args.body)));
    },
    async remove(args) {
      await removeRecord(ctx, levelOf(ctx, args), args.id, args.row_version);
      return noContent();
    },
    setValidation: async (args) =>
      jsonResponse(await setValidation(ctx, levelOf(ctx, args), args.id, args.body)),
    async children(args) {
      const child = levelOf(ctx, { module: args.module, level: args.child });
      return jsonResponse(
        await reading(() => childPage(ctx, levelOf(ctx, args), args.id, child, args.query)),
      );
    },
    async geojson(args) {
      const plan = levelOf(ctx, args);
      const limit = options.geojsonLimit ?? 50_000;
      const text = await reading(() => featureCollection(ctx, plan, args.query, limit));
      return new Response(text, { headers: { 'content-type': 'application/geo+json; charset=utf-8' } });
    },
    map: async (args) => jsonResponse(await reading(() => mapView(ctx, levelOf(ctx, args), args.query))),
    async csv(args) {
      const plan = levelOf(ctx, args);
      const stream = await reading(() => csvStream(ctx, plan, args.query, options.csvChunkSize));
      return new Response(stream, {
        headers: {
          'content-type': 'text/csv; charset=utf-8; header=present',
          'content-disposition': `attachment; filename="${plan.module}_${plan.level.key}.csv"`,
        },
      });
    },
  };
}
