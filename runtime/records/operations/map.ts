/**
 * A level's records for a map view (`GET …/<level>/map`): when few match, the records themselves (id,
 * label, geometry); else clusters counted by the database on a grid of the Web Mercator map at the
 * view's zoom (MAP_CELL_PIXELS a cell), so the browser draws a few hundred circles whatever the volume.
 * The grid is global (cell `[cx, cy]` of the whole world at that zoom, 256/MAP_CELL_PIXELS cells per
 * tile side): a client asking tile by tile gets clusters that never straddle two tiles.
 *
 * The records are those of the level's list with the same filters and `q` (list-sql.ts), in the view,
 * within the actor's read scope: the clusters' counts add up to what the table counts. Lines and polygons
 * are clustered by a point on their surface (ST_PointOnSurface); cells are computed from longitude and
 * latitude with the Mercator formula, which costs far less per row than ST_Transform.
 */
import { type Expression, type RawBuilder, type SqlBool, sql } from 'kysely';
import { MAP_CELL_PIXELS, MAP_FEATURE_LIMIT } from '../../../generators/model/index.ts';
import type { Database } from '../../db/database.ts';
import type { LevelPlan } from '../model/module-plan.ts';
import { listConditions } from '../query/list-sql.ts';
import type { MapQuery } from '../query/parse-map-query.ts';
import { allOf, bound, columnOf, recordsDb, tableAs } from '../sql/dynamic.ts';
import { type RequestContext, scopeOf } from './context.ts';
import { cachedMapAnswer } from './map-cache.ts';

export interface MapCluster {
  readonly count: number;
  readonly lon: number;
  readonly lat: number;
  readonly bbox: readonly [number, number, number, number];
  /** The cell of the world grid at this zoom: column from the west, row from the north. */
  readonly cell: readonly [number, number];
  /** The record, when the cluster holds only one. */
  readonly id?: string;
}

export interface MapFeature {
  readonly id: string;
  readonly label: string | null;
  readonly geometry: unknown;
}

export interface MapView {
  readonly zoom: number;
  /** Records matching in the view: the clusters' counts (or the features) add up to it. */
  readonly total: number;
  readonly clusters: readonly MapCluster[];
  readonly features: readonly MapFeature[];
}

const r = (column: string) => columnOf('r', column);

/** Cells across the world at `zoom`: 256-pixel tiles, 2^zoom of them, MAP_CELL_PIXELS a cell. */
export const worldCells = (zoom: number) => (2 ** zoom * 256) / MAP_CELL_PIXELS;

/** The point a record is clustered by: its own for point levels, one on its surface for the others. */
const clusterPoint = (plan: LevelPlan) =>
  plan.level.geometry.kind === 'point' ? r('geom') : sql`ST_PointOnSurface(${r('geom')})`;

/** The map label's value as text, when the level names a field stored in a column. */
function labelOf(plan: LevelPlan): RawBuilder<string | null> {
  const key = plan.level.mapLabel;
  const store = key === undefined ? undefined : plan.shape.stores.find((s) => s.field.key === key);
  return store?.kind === 'column' ? sql`${r(store.column)}::text` : sql`NULL::text`;
}

interface ClusterRow {
  count: number;
  lon: number;
  lat: number;
  minx: number;
  miny: number;
  maxx: number;
  maxy: number;
  cx: number;
  cy: number;
  id: string | null;
}

export async function mapView(ctx: RequestContext, plan: LevelPlan, query: MapQuery): Promise<MapView> {
  const [minx, miny, maxx, maxy] = query.bbox.map((n) => bound(n, 'float8'));
  // The view by bounding boxes (`&&`, served by the GiST index): exact for points; a line or polygon
  // whose box meets the view counts in it. ST_Intersects, as lists use, is costed so high by PostGIS
  // that PostgreSQL compiles the query with JIT, seconds spent before the first row.
  const inView = sql<SqlBool>`${r('geom')} && ST_MakeEnvelope(${minx}, ${miny}, ${maxx}, ${maxy}, 4326)`;
  const where = allOf([
    ...listConditions(plan, { sort: [], filters: query.filters, q: query.q }),
    inView,
    scopeOf(ctx, plan, 'read'),
  ]);
  const limit = ctx.mapFeatureLimit ?? MAP_FEATURE_LIMIT;
  // The answer depends on the records, on what the query binds (view, filters, q, read scope) and on
  // the zoom and the feature limit: its cache key (map-cache.ts says why it is never stale).
  const compiled = recordsDb(ctx.db)
    .selectFrom(tableAs(plan.shape.table, 'r'))
    .where(where)
    .select(sql.lit(1).as('one'))
    .compile();
  const key = JSON.stringify([plan.level.key, query.zoom, limit, compiled.sql, compiled.parameters]);
  return cachedMapAnswer(ctx.db, plan, key, () => computeMapView(ctx.db, plan, query, where, limit));
}

async function computeMapView(
  database: Database,
  plan: LevelPlan,
  query: MapQuery,
  where: Expression<SqlBool>,
  limit: number,
): Promise<MapView> {
  const db = recordsDb(database);
  const matching = () => db.selectFrom(tableAs(plan.shape.table, 'r')).where(where);
  // Capped: deciding between features and clusters reads at most limit + 1 rows.
  const few = await db
    .selectFrom(
      matching()
        .select(sql.lit(1).as('one'))
        .limit(limit + 1)
        .as('capped'),
    )
    .select(sql<number>`count(*)::integer`.as('n'))
    .executeTakeFirstOrThrow();
  if (Number(few.n) <= limit) {
    const rows = await matching()
      .select([
        sql<string>`${r('id')}::text`.as('id'),
        labelOf(plan).as('label'),
        sql<string>`ST_AsGeoJSON(${r('geom')}, 6)`.as('geometry'),
      ])
      .orderBy(r('id'))
      .limit(limit)
      .execute();
    const features = rows.map((f) => ({ id: f.id, label: f.label, geometry: JSON.parse(f.geometry) }));
    return { zoom: query.zoom, total: features.length, clusters: [], features };
  }
  const cells = bound(worldCells(query.zoom), 'float8');
  // Latitude kept inside Web Mercator's square (±85.0511°), where the formula is defined.
  const points = matching().select([
    r('id').as('id'),
    sql<number>`ST_X(${clusterPoint(plan)})`.as('x'),
    sql<number>`LEAST(85.0511, GREATEST(-85.0511, ST_Y(${clusterPoint(plan)})))`.as('y'),
  ]);
  const p = (column: string) => columnOf('p', column);
  const celled = db
    .selectFrom(points.as('p'))
    .select([
      p('id').as('id'),
      p('x').as('x'),
      p('y').as('y'),
      sql<number>`floor((${p('x')} + 180) / 360 * ${cells})::integer`.as('cx'),
      sql<number>`floor((1 - asinh(tan(radians(${p('y')}))) / pi()) / 2 * ${cells})::integer`.as('cy'),
    ]);
  const c = (column: string) => columnOf('c', column);
  const rows = (await db
    .selectFrom(celled.as('c'))
    .select([
      sql<number>`count(*)::integer`.as('count'),
      sql<number>`avg(${c('x')})`.as('lon'),
      sql<number>`avg(${c('y')})`.as('lat'),
      sql<number>`min(${c('x')})`.as('minx'),
      sql<number>`min(${c('y')})`.as('miny'),
      sql<number>`max(${c('x')})`.as('maxx'),
      sql<number>`max(${c('y')})`.as('maxy'),
      c('cx').as('cx'),
      c('cy').as('cy'),
      sql<string | null>`CASE WHEN count(*) = 1 THEN min(${c('id')}::text) END`.as('id'),
    ])
    .groupBy([c('cx'), c('cy')])
    .orderBy(c('cx'))
    .orderBy(c('cy'))
    .execute()) as ClusterRow[];
  const clusters = rows.map(clusterOf);
  return { zoom: query.zoom, total: clusters.reduce((sum, k) => sum + k.count, 0), clusters, features: [] };
}

const round6 = (n: number) => Math.round(Number(n) * 1e6) / 1e6;

function clusterOf(row: ClusterRow): MapCluster {
  const box = [row.minx, row.miny, row.maxx, row.maxy].map(round6) as [number, number, number, number];
  return {
    count: Number(row.count),
    lon: round6(row.lon),
    lat: round6(row.lat),
    bbox: box,
    cell: [Number(row.cx), Number(row.cy)],
    ...(row.id === null ? {} : { id: row.id }),
  };
}
