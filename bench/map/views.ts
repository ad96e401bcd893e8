/**
 * The map bench's views: random map windows over France at a zoom, and the Web Mercator tiles covering
 * each, as the web app asks for them (one request per 256-pixel tile). Deterministic (a seeded LCG).
 */
import { EXTENT } from '../api/seed.ts';

export interface Tile {
  readonly x: number;
  readonly y: number;
  readonly zoom: number;
}

/** A window of `width`×`height` pixels: its bbox and the tiles covering it. */
export interface View {
  readonly bbox: readonly [number, number, number, number];
  readonly tiles: readonly Tile[];
}

const TILE = 256;

/** Pixel coordinates of a longitude/latitude at `zoom` (Web Mercator, 256-pixel tiles). */
function project(lon: number, lat: number, zoom: number): [number, number] {
  const size = TILE * 2 ** zoom;
  const rad = (lat * Math.PI) / 180;
  return [((lon + 180) / 360) * size, ((1 - Math.asinh(Math.tan(rad)) / Math.PI) / 2) * size];
}

function unproject(px: number, py: number, zoom: number): [number, number] {
  const size = TILE * 2 ** zoom;
  const lat = (Math.atan(Math.sinh(Math.PI * (1 - (2 * py) / size))) * 180) / Math.PI;
  return [(px / size) * 360 - 180, lat];
}

/** The bbox of a tile: minx,miny,maxx,maxy. */
export function tileBbox(tile: Tile): [number, number, number, number] {
  const [minx, maxy] = unproject(tile.x * TILE, tile.y * TILE, tile.zoom);
  const [maxx, miny] = unproject((tile.x + 1) * TILE, (tile.y + 1) * TILE, tile.zoom);
  return [minx, miny, maxx, maxy];
}

/** A seeded generator of numbers in [0, 1). */
export function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

/** `count` windows of width×height pixels at `zoom`, centred on random points of France. */
export function randomViews(
  count: number,
  zoom: number,
  next: () => number,
  width = 1400,
  height = 900,
): View[] {
  return Array.from({ length: count }, () => {
    const lon = EXTENT.minx + (EXTENT.maxx - EXTENT.minx) * next();
    const lat = EXTENT.miny + (EXTENT.maxy - EXTENT.miny) * next();
    const [cx, cy] = project(lon, lat, zoom);
    const [x0, y0, x1, y1] = [cx - width / 2, cy - height / 2, cx + width / 2, cy + height / 2];
    const [minx, maxy] = unproject(x0, y0, zoom);
    const [maxx, miny] = unproject(x1, y1, zoom);
    const tiles: Tile[] = [];
    for (let x = Math.floor(x0 / TILE); x <= Math.floor(x1 / TILE); x++)
      for (let y = Math.floor(y0 / TILE); y <= Math.floor(y1 / TILE); y++) tiles.push({ x, y, zoom });
    return { bbox: [minx, miny, maxx, maxy], tiles };
  });
}
