/**
 * The contract of every module's API, written once: what a record body, a list query, a route and the
 * record operations are, generic over one module's types. Each generated `api/routes.ts` declares those
 * types in one interface (`ModuleApi`: its levels, records, sortable and filterable fields, child
 * levels…) beside its data (route table, query specs); `CreateBody<ModuleApi, 'site'>` is then exactly
 * what a client sends to create a site of that module, and `Operations<ModuleApi, Response>` the record
 * operations typed for it. Types only: the runtime itself is generic over every module.
 */
import type { FilterOp, HttpMethod, RouteOperation } from '../../generators/model/index.ts';

export type { ApiError } from '../http/errors.ts';

/** One module's types, as its generated `api/routes.ts` declares them (`ModuleApi`). */
export interface ModuleTypes {
  readonly code: string;
  /** Level keys. */
  readonly levels: string;
  /** The record of each level, as the API returns it (types/<code>.ts). */
  readonly records: object;
  /** Columns the server keeps on every record (id, audit, row_version). */
  readonly envelope: object;
  /** Per level: computed and read-only fields, returned but never accepted. */
  readonly readOnly: object;
  /** Per level: the fields its lists sort on. */
  readonly sortFields: object;
  /** Per level: the fields its lists filter on. */
  readonly filterFields: object;
  /** Per level: the child levels listed under a record. */
  readonly children: object;
  /** Levels with a geometry of their own (GeoJSON export, `bbox`). */
  readonly geometryLevels: string;
  /** Levels whose records carry a validation status. */
  readonly validatedLevels: string;
}

type At<T, K> = K extends keyof T ? T[K] : never;
type Names<T> = Extract<T, string>;

export type Level<M extends ModuleTypes> = M['levels'];

/** A record as the API returns it: its data, its `<parent>_id` links and the envelope. */
export type StoredRecord<M extends ModuleTypes, L extends Level<M>> = At<M['records'], L>;

/** What a client sends: the record without the envelope the server keeps or what it computes. */
type Editable<M extends ModuleTypes, L extends Level<M>> = Omit<
  At<M['records'], L>,
  keyof M['envelope'] | Names<At<M['readOnly'], L>>
>;
/** POST body. `id` may be given so that records entered offline keep the UUID they were created with. */
export type CreateBody<M extends ModuleTypes, L extends Level<M>> = Editable<M, L> & { readonly id?: string };
/** PUT body: the whole record, with the row_version it was read at (409 when it changed since). */
export type UpdateBody<M extends ModuleTypes, L extends Level<M>> = Editable<M, L> & {
  readonly row_version: number;
};
export interface Bodies<M extends ModuleTypes, L extends Level<M>> {
  readonly create: CreateBody<M, L>;
  readonly update: UpdateBody<M, L>;
}

export type FilterValue = string | number | boolean | readonly (string | number)[];
export interface Filter<M extends ModuleTypes, L extends Level<M>> {
  readonly field: Names<At<M['filterFields'], L>>;
  /** On a column holding a list, `eq` and `in` mean "holds that value / one of those values". */
  readonly op: FilterOp;
  readonly value: FilterValue;
}
export interface SortTerm<M extends ModuleTypes, L extends Level<M>> {
  readonly field: Names<At<M['sortFields'], L>>;
  readonly direction: 'asc' | 'desc';
}
/** WGS84 longitude/latitude: minx, miny, maxx, maxy. */
export type BBox = readonly [number, number, number, number];

/** What an export reads: every matching record, in order, without paging. */
export interface ExportQuery<M extends ModuleTypes, L extends Level<M>> {
  /** The level's default order when the request gives none. */
  readonly sort: readonly SortTerm<M, L>[];
  readonly filters: readonly Filter<M, L>[];
  readonly bbox?: BBox;
  /** Free text, searched in the level's text list columns. */
  readonly q?: string;
}
/** What a map view reads: the view (required) and the list's filters; no order, no pages. */
export interface MapQuery<M extends ModuleTypes, L extends Level<M>> {
  readonly filters: readonly Filter<M, L>[];
  readonly q?: string;
  readonly bbox: BBox;
  /** 0 to 22: sets the clusters' grid. */
  readonly zoom: number;
}
export interface ListQuery<M extends ModuleTypes, L extends Level<M>> extends ExportQuery<M, L> {
  /** From 1. */
  readonly page: number;
  readonly page_size: number;
}

/** What a level's lists accept (`QUERY_SPECS`, and each level's `querySpec` in model/model.json). */
export interface QuerySpec<M extends ModuleTypes, L extends Level<M>> {
  readonly sort: readonly Names<At<M['sortFields'], L>>[];
  readonly defaultSort: readonly SortTerm<M, L>[];
  /** Query parameter name → filter. */
  readonly filters: Readonly<
    Record<
      string,
      { readonly field: Names<At<M['filterFields'], L>>; readonly op: FilterOp; readonly type: string }
    >
  >;
  /** The codes a `code` filter accepts, by field. */
  readonly codes: { readonly [F in Names<At<M['filterFields'], L>>]?: readonly string[] };
  readonly bbox: boolean;
  readonly search: boolean;
}

/** One route of the module (`ROUTES`, and the route table of model/model.json). */
export interface Route<M extends ModuleTypes> {
  readonly operation: RouteOperation;
  readonly method: HttpMethod;
  /** OpenAPI template syntax: `/api/modules/chiro_gites/site/{id}`. */
  readonly path: string;
  readonly level: Level<M>;
  /** For `children`: the child level listed. */
  readonly child?: Level<M>;
  readonly operationId: string;
}

interface Target<M extends ModuleTypes, L extends Level<M>> {
  readonly module: M['code'];
  readonly level: L;
}

/** The record operations typed for one module (runtime/records/operations.ts implements them for all). */
export interface Operations<M extends ModuleTypes, R> {
  /** Checks a body against the level's schema and rules; throws the 422 HttpError when it fails. */
  validate<L extends Level<M>, K extends keyof Bodies<M, L>>(
    args: Target<M, L> & { readonly mode: K; readonly body: unknown },
  ): Promise<Bodies<M, L>[K]>;
  list<L extends Level<M>>(args: Target<M, L> & { readonly query: ListQuery<M, L> }): Promise<R>;
  get<L extends Level<M>>(args: Target<M, L> & { readonly id: string }): Promise<R>;
  create<L extends Level<M>>(args: Target<M, L> & { readonly body: CreateBody<M, L> }): Promise<R>;
  update<L extends Level<M>>(
    args: Target<M, L> & { readonly id: string; readonly body: UpdateBody<M, L> },
  ): Promise<R>;
  /** With `row_version`, the delete fails (409) when the record changed since it was read. */
  remove<L extends Level<M>>(
    args: Target<M, L> & { readonly id: string; readonly row_version?: number },
  ): Promise<R>;
  /** Sets the record's validation status (`{ status, comment? }`, checked by the runtime); needs Validate. */
  setValidation<L extends M['validatedLevels'] & Level<M>>(
    args: Target<M, L> & { readonly id: string; readonly body: unknown },
  ): Promise<R>;
  children<L extends Level<M>, C extends At<M['children'], L> & Level<M>>(
    args: Target<M, L> & { readonly id: string; readonly child: C; readonly query: ListQuery<M, C> },
  ): Promise<R>;
  geojson<L extends M['geometryLevels'] & Level<M>>(
    args: Target<M, L> & { readonly query: ExportQuery<M, L> },
  ): Promise<R>;
  /** A map view: `bbox` and `zoom` with the list's filters; clusters, or the records when few. */
  map<L extends M['geometryLevels'] & Level<M>>(
    args: Target<M, L> & { readonly query: MapQuery<M, L> },
  ): Promise<R>;
  csv<L extends Level<M>>(args: Target<M, L> & { readonly query: ExportQuery<M, L> }): Promise<R>;
}
