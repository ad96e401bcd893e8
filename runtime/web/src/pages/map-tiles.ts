/**
 * The cluster map asks the server one request per 256-pixel Web Mercator tile of the view: a tile's
 * answer can be kept and reused while the user pans, and each request reads only that tile's records.
 * The server's cluster grid is global (MAP_CELL_PIXELS a cell, so 256/64 = 4 cells a tile side): a tile
 * keeps only the clusters whose cell is its own, so a record on a tile edge is never counted twice.
 * Features (few records) are merged by id: a polygon over two tiles is drawn once.
 */

export const TILE_SIZE = 256;
/** Cells per tile side: 256 / MAP_CELL_PIXELS (generators/model/map-query.ts). */
export const CELLS_PER_TILE = 4;

export interface Tile {
  readonly x: number;
  readonly y: number;
  readonly zoom: number;
}

export interface MapCluster {
  readonly count: number;
  readonly lon: number;
  readonly lat: number;
  readonly bbox: readonly [number, number, number, number];
  readonly cell: readonly [number, number];
  readonly id?: string;
}

export interface MapFeature {
  readonly id: string;
  readonly label: string | null;
  readonly geometry: GeoJSON.Geometry;
}

export interface MapAnswer {
  readonly zoom: number;
  readonly total: number;
  readonly clusters: readonly MapCluster[];
  readonly features: readonly MapFeature[];
}

/** The tiles covering the pixel bounds [x0, y0]–[x1, y1] of the map at `zoom`, within the world. */
export function tilesOf(x0: number, y0: number, x1: number, y1: number, zoom: number): Tile[] {
  const last = 2 ** zoom - 1;
  const clamp = (n: number) => Math.max(0, Math.min(last, Math.floor(n / TILE_SIZE)));
  const tiles: Tile[] = [];
  for (let x = clamp(x0); x <= clamp(x1); x++)
    for (let y = clamp(y0); y <= clamp(y1); y++) tiles.push({ x, y, zoom });
  return tiles;
}

/** A tile's bbox, minx,miny,maxx,maxy in degrees. */
export function tileBbox(tile: Tile): [number, number, number, number] {
  const n = 2 ** tile.zoom;
  const lat = (row: number) => (Math.atan(Math.sinh(Math.PI * (1 - (2 * row) / n))) * 180) / Math.PI;
  return [(tile.x / n) * 360 - 180, lat(tile.y + 1), ((tile.x + 1) / n) * 360 - 180, lat(tile.y)];
}

/** Longitude and latitude of a geometry's representative point: a point's own, else its box's centre. */
export function representativePoint(geometry: GeoJSON.Geometry): [number, number] {
  if (geometry.type === 'Point') return [geometry.coordinates[0] ?? 0, geometry.coordinates[1] ?? 0];
  const box = [Infinity, Infinity, -Infinity, -Infinity];
  const walk = (value: unknown): void => {
    if (!Array.isArray(value)) return;
    if (typeof value[0] === 'number') {
      const [x, y] = value as number[];
      box[0] = Math.min(box[0]!, x!);
      box[1] = Math.min(box[1]!, y!);
      box[2] = Math.max(box[2]!, x!);
      box[3] = Math.max(box[3]!, y!);
    } else for (const part of value) walk(part);
  };
  if (geometry.type === 'GeometryCollection')
    for (const g of geometry.geometries) walk(representativePoint(g));
  else walk(geometry.coordinates);
  return [(box[0]! + box[2]!) / 2, (box[1]! + box[3]!) / 2];
}

/** The cell of the world grid at `zoom` holding a point, as the server computes it (operations/map.ts). */
export function cellOf(lon: number, lat: number, zoom: number): [number, number] {
  const cells = 2 ** zoom * CELLS_PER_TILE;
  const clamped = (Math.max(-85.0511, Math.min(85.0511, lat)) * Math.PI) / 180;
  return [
    Math.floor(((lon + 180) / 360) * cells),
    Math.floor(((1 - Math.asinh(Math.tan(clamped)) / Math.PI) / 2) * cells),
  ];
}

/**
 * Features of sparse tiles grouped by the same grid as the server's clusters: a feature alone in its
 * cell stays a feature, several become a cluster. So a view mixing dense and sparse tiles reads the same
 * everywhere (no heap of dots beside counted circles).
 */
function fold(
  features: readonly MapFeature[],
  zoom: number,
): { clusters: MapCluster[]; features: MapFeature[] } {
  const cells = new Map<
    string,
    { cell: [number, number]; members: { f: MapFeature; at: [number, number] }[] }
  >();
  for (const f of features) {
    const at = representativePoint(f.geometry);
    const cell = cellOf(at[0], at[1], zoom);
    const key = cell.join('/');
    const entry = cells.get(key) ?? { cell, members: [] };
    entry.members.push({ f, at });
    cells.set(key, entry);
  }
  const clusters: MapCluster[] = [];
  const alone: MapFeature[] = [];
  for (const { cell, members } of cells.values()) {
    if (members.length === 1) {
      alone.push(members[0]!.f);
      continue;
    }
    const xs = members.map((m) => m.at[0]);
    const ys = members.map((m) => m.at[1]);
    clusters.push({
      count: members.length,
      lon: xs.reduce((a, b) => a + b, 0) / xs.length,
      lat: ys.reduce((a, b) => a + b, 0) / ys.length,
      bbox: [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)],
      cell,
    });
  }
  return { clusters, features: alone };
}

/**
 * What a set of tile answers shows: each tile's own clusters, the features once each (grouped by cell
 * unless `unfold`: at the deepest zoom, where nothing can be zoomed into), and their total.
 */
export function mergeTiles(
  answers: readonly { tile: Tile; answer: MapAnswer }[],
  options: { readonly unfold?: boolean } = {},
): {
  clusters: MapCluster[];
  features: MapFeature[];
  total: number;
} {
  const clusters: MapCluster[] = [];
  const features = new Map<string, MapFeature>();
  let zoom = 0;
  for (const { tile, answer } of answers) {
    zoom = tile.zoom;
    for (const c of answer.clusters)
      if (
        Math.floor(c.cell[0] / CELLS_PER_TILE) === tile.x &&
        Math.floor(c.cell[1] / CELLS_PER_TILE) === tile.y
      )
        clusters.push(c);
    for (const f of answer.features) features.set(f.id, f);
  }
  const folded = options.unfold
    ? { clusters: [], features: [...features.values()] }
    : fold([...features.values()], zoom);
  const all = [...clusters, ...folded.clusters];
  const total = all.reduce((sum, c) => sum + c.count, 0) + folded.features.length;
  return { clusters: all, features: folded.features, total };
}
