/**
 * What the columns can hold, checked before the database is asked: 32-bit integers, no NUL character in
 * texts, GeoJSON positions in 2D (no altitude: every geometry column is 2D) and WGS 84 ranges, with
 * closed rings. A typed number with more decimals than the field keeps is refused, naming how many
 * it allows (12.55 is never stored as 12.6 behind the user's back); a computed one is rounded to them
 * (the `__decimals` CHECK refuses more).
 */
import type { ResolvedField } from '../../../protocol-specs/index.ts';
import type { Violation } from './violation.ts';

const INT4 = { min: -2_147_483_648, max: 2_147_483_647 };

const hasNul = (v: unknown): boolean => {
  if (typeof v === 'string') return v.includes('\u0000');
  if (Array.isArray(v)) return v.some(hasNul);
  if (typeof v === 'object' && v !== null)
    return Object.entries(v).some(([k, x]) => k.includes('\u0000') || hasNul(x));
  return false;
};

type Position = readonly number[];

/** Why a GeoJSON geometry cannot be stored in its 2D WGS 84 column, as a problem at `path`, or undefined. */
export function geometryProblem(geometry: unknown, path: string): Violation | undefined {
  if (typeof geometry !== 'object' || geometry === null) return undefined;
  const { type, coordinates } = geometry as { type?: unknown; coordinates?: unknown };
  const positions: Position[] = [];
  const rings: Position[][] = [];
  const collect = (c: unknown, depth: number, ring: boolean) => {
    if (!Array.isArray(c)) return;
    if (depth === 0) positions.push(c as Position);
    else {
      if (ring && depth === 1) rings.push(c as Position[]);
      for (const x of c) collect(x, depth - 1, ring);
    }
  };
  const depth: Readonly<Record<string, number>> = {
    Point: 0,
    LineString: 1,
    MultiPoint: 1,
    Polygon: 2,
    MultiLineString: 2,
    MultiPolygon: 3,
  };
  if (typeof type !== 'string' || depth[type] === undefined) return undefined;
  collect(coordinates, depth[type], type === 'Polygon' || type === 'MultiPolygon');
  // The generated columns are geometry(<type>, 4326), 2D: an altitude would be lost, so it is refused.
  const withZ = positions.find((p) => p.length > 2);
  if (withZ) return { path, code: 'geometry_z', detail: `[${withZ.join(', ')}]` };
  const problem = (detail: string): Violation => ({ path, code: 'geometry', detail });
  for (const [x, y] of positions) {
    if (typeof x !== 'number' || typeof y !== 'number') continue;
    if (x < -180 || x > 180 || y < -90 || y > 90)
      return problem(
        `coordonnées hors du WGS 84 : [${x}, ${y}] (longitude de −180 à 180, latitude de −90 à 90)`,
      );
  }
  for (const ring of rings) {
    const first = ring[0];
    const last = ring.at(-1);
    if (first && last && (first[0] !== last[0] || first[1] !== last[1]))
      return problem('un anneau de polygone n’est pas fermé');
  }
  return undefined;
}

/** Checks `values` of `fields` (a record's or a row's) and rounds computed decimals in place. */
export function storageViolations(
  fields: readonly ResolvedField[],
  values: Record<string, unknown>,
  path: string,
): Violation[] {
  const out: Violation[] = [];
  for (const field of fields) {
    const value = values[field.key];
    const at = `${path}/${field.key}`;
    if (value === null || value === undefined) continue;
    if (hasNul(value)) out.push({ path: at, code: 'invalid_character' });
    if ((field.kind === 'integer' || field.kind === 'taxon') && typeof value === 'number') {
      if (value > INT4.max) out.push({ path: at, code: 'max', expected: INT4.max });
      if (value < INT4.min) out.push({ path: at, code: 'min', expected: INT4.min });
    }
    if (field.kind === 'decimal' && field.decimals !== undefined && typeof value === 'number') {
      const kept = Number(value.toFixed(field.decimals));
      if (field.computed) values[field.key] = kept;
      else if (kept !== value) out.push({ path: at, code: 'decimals', expected: field.decimals });
    }
    if (field.kind === 'geometry') {
      const problem = geometryProblem(value, at);
      if (problem) out.push(problem);
    }
    if (field.kind === 'group' && Array.isArray(value))
      value.forEach((row, i) => {
        if (typeof row === 'object' && row !== null && !Array.isArray(row))
          out.push(...storageViolations(field.fields, row as Record<string, unknown>, `${at}/${i}`));
      });
  }
  return out;
}
