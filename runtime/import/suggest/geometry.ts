/**
 * Where a row's geometry is and in which coordinate system: X/Y in degrees (WGS 84, EPSG:4326) or in
 * Lambert-93 metres (EPSG:2154, the French mainland's), told apart by their ranges; WKT told by its
 * first word, its system by its numbers; GeoJSON by its opening brace.
 */

export interface SridGuess {
  readonly srid: number;
  /** false when the numbers fit no known range (4326 is then only a default to check). */
  readonly recognised: boolean;
}

const number = (text: string): number => Number(text.trim().replace(',', '.'));

/** Lambert-93 covers mainland France and Corsica: X 100–1 300 km, Y 6 000–7 200 km. */
const inLambert93 = (x: number, y: number) =>
  x >= 100_000 && x <= 1_300_000 && y >= 6_000_000 && y <= 7_200_000;
const inDegrees = (x: number, y: number) => Math.abs(x) <= 180 && Math.abs(y) <= 90;

export function guessSrid(pairs: readonly (readonly [string, string])[]): SridGuess {
  // Blank cells (a blank row, a point not given) say nothing about the system: Number('') would be 0.
  const points = pairs
    .filter(([x, y]) => x.trim() !== '' && y.trim() !== '')
    .map(([x, y]) => [number(x), number(y)] as const)
    .filter(([x, y]) => Number.isFinite(x) && Number.isFinite(y));
  if (points.length === 0) return { srid: 4326, recognised: false };
  if (points.every(([x, y]) => inDegrees(x, y))) return { srid: 4326, recognised: true };
  if (points.every(([x, y]) => inLambert93(x, y))) return { srid: 2154, recognised: true };
  return { srid: 4326, recognised: false };
}

const WKT = /^\s*(SRID=\d+;)?\s*(MULTI)?(POINT|LINESTRING|POLYGON)|^\s*GEOMETRYCOLLECTION/i;

export const looksLikeWkt = (values: readonly string[]): boolean =>
  values.length > 0 && values.every((v) => WKT.test(v));

export const looksLikeGeoJson = (values: readonly string[]): boolean =>
  values.length > 0 && values.every((v) => /^\s*\{/.test(v) && /"coordinates"|"geometries"/.test(v));

/** The WKT's system: its SRID= prefix, else the range of its first coordinates. */
export function guessWktSrid(values: readonly string[]): SridGuess {
  const prefixed = /^\s*SRID=(\d+);/i.exec(values[0] ?? '');
  if (prefixed) return { srid: Number(prefixed[1]), recognised: true };
  const pairs = values.flatMap((v) => {
    const m = /(-?\d+(?:\.\d+)?)\s+(-?\d+(?:\.\d+)?)/.exec(v);
    return m ? [[m[1] as string, m[2] as string] as const] : [];
  });
  return guessSrid(pairs);
}
