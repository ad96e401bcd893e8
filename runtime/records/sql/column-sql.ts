/**
 * Column types as SQL: the cast of a bound value, and the expression that reads a column back as a value
 * both drivers return alike whatever their type parsers (texts, numbers, booleans, JSON text).
 */
import { type Expression, type RawBuilder, sql } from 'kysely';
import { type ColumnType, type ScalarType, SQL_SCALAR_TYPES } from '../../../generators/model/index.ts';
import { bound, castAs } from './dynamic.ts';

/** The same names the generated schema uses. */
export const SQL_TYPES = SQL_SCALAR_TYPES;

/** How a column is read back; `json` columns arrive as JSON text and are parsed by the reader. */
export interface ColumnRead {
  readonly sql: RawBuilder<unknown>;
  readonly json: boolean;
}

type Column = Expression<unknown>;

/** ISO 8601 with its offset (RFC 3339), as the forms' date-time format wants it. */
export const instantText = (c: Column): RawBuilder<string> => sql<string>`to_json(${c}) #>> '{}'`;

const READS = {
  uuid: (c) => ({ sql: sql`${c}`, json: false }),
  text: (c) => ({ sql: sql`${c}`, json: false }),
  text_list: (c) => ({ sql: sql`array_to_json(${c})::text`, json: true }),
  integer: (c) => ({ sql: sql`${c}`, json: false }),
  // float8: a JavaScript number on both drivers (numeric would be a string).
  numeric: (c) => ({ sql: castAs(c, 'float8'), json: false }),
  boolean: (c) => ({ sql: sql`${c}`, json: false }),
  date: (c) => ({ sql: sql`to_char(${c}, 'YYYY-MM-DD')`, json: false }),
  // HH:MM as entered when there are no seconds, HH:MM:SS otherwise.
  time: (c) => ({
    sql: sql`CASE WHEN extract(second FROM ${c}) = 0 THEN to_char(${c}, 'HH24:MI') ELSE to_char(${c}, 'HH24:MI:SS') END`,
    json: false,
  }),
  timestamptz: (c) => ({ sql: instantText(c), json: false }),
} as const satisfies Record<ScalarType, (column: Column) => ColumnRead>;

export function readColumn(column: Column, type: ColumnType): ColumnRead {
  if (typeof type === 'object') return { sql: sql`ST_AsGeoJSON(${column})`, json: true };
  return READS[type](column);
}

/**
 * A bound value cast to the column's type; geometries go through GeoJSON, in WGS 84. Not flattened to
 * 2D: the validation refuses an altitude, and one it let through is refused by the 2D column, not lost.
 */
export function writeCast(value: unknown, type: ColumnType): RawBuilder<unknown> {
  if (typeof type === 'object') return sql`ST_SetSRID(ST_GeomFromGeoJSON(${value}::text), 4326)`;
  return bound(value, SQL_TYPES[type]);
}

/** The bound value of a JSON value for a column: geometries as GeoJSON text, everything else as it is. */
export function writeValue(value: unknown, type: ColumnType): unknown {
  if (value === undefined || value === null) return null;
  if (typeof type === 'object') return JSON.stringify(value);
  return value;
}
