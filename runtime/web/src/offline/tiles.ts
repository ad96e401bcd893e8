/**
 * Map tiles of an area (Web Mercator XYZ, as Leaflet asks for them): which tiles cover a bounding box
 * from zoom 0 up to a chosen zoom, how many and roughly how heavy, and their URLs from a template
 * (`{z}/{x}/{y}`, `{s}` as "a"). The limits keep a download within what a phone can hold.
 */
export type Bbox = readonly [minLon: number, minLat: number, maxLon: number, maxLat: number];

export const TILE_LIMIT = 5_000;
export const BYTES_LIMIT = 100 * 1024 * 1024;
/** An average OpenStreetMap raster tile; the estimate shown before download (the download measures). */
export const TILE_BYTES_ESTIMATE = 20 * 1024;

const clampLat = (lat: number) => Math.max(-85.0511, Math.min(85.0511, lat));

export function tileX(lon: number, zoom: number): number {
  const n = 2 ** zoom;
  return Math.min(n - 1, Math.max(0, Math.floor(((lon + 180) / 360) * n)));
}

export function tileY(lat: number, zoom: number): number {
  const n = 2 ** zoom;
  const r = (clampLat(lat) * Math.PI) / 180;
  return Math.min(
    n - 1,
    Math.max(0, Math.floor(((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2) * n)),
  );
}

export interface TileRange {
  readonly z: number;
  readonly minX: number;
  readonly maxX: number;
  readonly minY: number;
  readonly maxY: number;
}

export function tileRanges(bbox: Bbox, maxZoom: number, minZoom = 0): TileRange[] {
  const [w, s, e, n] = bbox;
  const ranges: TileRange[] = [];
  for (let z = minZoom; z <= maxZoom; z++)
    ranges.push({ z, minX: tileX(w, z), maxX: tileX(e, z), minY: tileY(n, z), maxY: tileY(s, z) });
  return ranges;
}

export function tileCount(bbox: Bbox, maxZoom: number, minZoom = 0): number {
  return tileRanges(bbox, maxZoom, minZoom).reduce(
    (sum, r) => sum + (r.maxX - r.minX + 1) * (r.maxY - r.minY + 1),
    0,
  );
}

/** The highest zoom whose tiles stay within the limits (at least 0). */
export function maxZoomWithin(bbox: Bbox, ceiling = 19): number {
  let zoom = 0;
  while (zoom < ceiling && withinLimits(tileCount(bbox, zoom + 1))) zoom++;
  return zoom;
}

export const withinLimits = (count: number) =>
  count <= TILE_LIMIT && count * TILE_BYTES_ESTIMATE <= BYTES_LIMIT;

export function tileUrls(template: string, bbox: Bbox, maxZoom: number, minZoom = 0): string[] {
  const urls: string[] = [];
  for (const r of tileRanges(bbox, maxZoom, minZoom))
    for (let x = r.minX; x <= r.maxX; x++)
      for (let y = r.minY; y <= r.maxY; y++)
        urls.push(
          template
            .replace('{s}', 'a')
            .replace('{z}', String(r.z))
            .replace('{x}', String(x))
            .replace('{y}', String(y)),
        );
  return urls;
}
