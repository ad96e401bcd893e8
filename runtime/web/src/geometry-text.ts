/**
 * A stored GeoJSON geometry in words people can check against a GPS: a point's latitude and longitude,
 * a line's or polygon's vertex count and centre (the mean of its vertices, enough to find it on a map).
 */
import type { Lang } from './i18n.tsx';

const WORDS = {
  Point: ['Point', 'Point'],
  MultiPoint: ['Points', 'Points'],
  LineString: ['Ligne', 'Line'],
  MultiLineString: ['Lignes', 'Lines'],
  Polygon: ['Polygone', 'Polygon'],
  MultiPolygon: ['Polygones', 'Polygons'],
  vertices: ['sommets', 'vertices'],
  centre: ['centre', 'centre'],
} as const satisfies Record<string, readonly [string, string]>;

type Position = readonly number[];

/** Every position of a geometry's nested coordinate arrays. */
function positions(coordinates: unknown): Position[] {
  if (!Array.isArray(coordinates)) return [];
  if (typeof coordinates[0] === 'number') return [coordinates as Position];
  return coordinates.flatMap(positions);
}

const degrees = (n: number, lang: Lang) =>
  new Intl.NumberFormat(lang === 'fr' ? 'fr-FR' : 'en-GB', {
    minimumFractionDigits: 5,
    maximumFractionDigits: 5,
  }).format(n);

/** « lat 45,18765, lon 5,72443 »: latitude first, as people read it (GeoJSON stores longitude first). */
export function latLonText(lon: number, lat: number, lang: Lang): string {
  return `lat ${degrees(lat, lang)}, lon ${degrees(lon, lang)}`;
}

/** The geometry's words, or null when the value is no geometry. */
export function geometryText(value: unknown, lang: Lang): string | null {
  if (!value || typeof value !== 'object') return null;
  const { type, coordinates } = value as { type?: unknown; coordinates?: unknown };
  if (typeof type !== 'string' || !(type in WORDS) || type === 'vertices' || type === 'centre') return null;
  const word = (k: keyof typeof WORDS) => WORDS[k][lang === 'fr' ? 0 : 1];
  const all = positions(coordinates).filter((p) => p.length >= 2);
  if (all.length === 0) return word(type as keyof typeof WORDS);
  if (type === 'Point') return latLonText(all[0]?.[0] ?? 0, all[0]?.[1] ?? 0, lang);
  // A polygon's ring repeats its first vertex last: count it once.
  const ring = type === 'Polygon' || type === 'MultiPolygon';
  const count = ring ? new Set(all.map((p) => `${p[0]},${p[1]}`)).size : all.length;
  const lon = all.reduce((s, p) => s + (p[0] ?? 0), 0) / all.length;
  const lat = all.reduce((s, p) => s + (p[1] ?? 0), 0) / all.length;
  return `${word(type as keyof typeof WORDS)}, ${count} ${word('vertices')}, ${word('centre')} ${latLonText(lon, lat, lang)}`;
}
