/**
 * A column's type change (a field's kind changed, or it became multiple): the `USING` expression of
 * `ALTER COLUMN … TYPE`, and the rows whose value would not convert, counted before anything runs so a
 * failed cast is a report, not an aborted statement. Pairs not listed cannot be planned: the author
 * removes the field and adds a new one (its old values archived).
 */
import type { ColumnType, ScalarType } from '../sql/model.ts';
import { renderType } from '../sql/render-tables.ts';

export interface Cast {
  /** The new value from the old column `c` (a quoted identifier). */
  readonly using: (c: string) => string;
  /** The rows whose value would not convert (NULL converts to NULL); absent when every value does. */
  readonly failing?: (c: string) => string;
}

const INT_RANGE = (n: string) => `${n} NOT BETWEEN -2147483648 AND 2147483647`;
const INTEGER_TEXT = '^[+-]?[0-9]{1,12}$';
const NUMERIC_TEXT = '^[+-]?([0-9]+([.][0-9]*)?|[.][0-9]+)([eE][+-]?[0-9]{1,3})?$';
const BOOLEAN_TEXT = "('true', 'false', 't', 'f', 'yes', 'no', 'y', 'n', 'on', 'off', '1', '0')";

type ScalarCasts = Partial<Record<ScalarType, Partial<Record<ScalarType, Cast>>>>;

const toText: Cast = { using: (c) => `${c}::text` };

const SCALAR_CASTS: ScalarCasts = {
  integer: { numeric: { using: (c) => `${c}::numeric` }, text: toText },
  numeric: {
    integer: {
      using: (c) => `${c}::integer`,
      failing: (c) => `${c} <> trunc(${c}) OR ${INT_RANGE(c)}`,
    },
    text: toText,
  },
  text: {
    integer: {
      using: (c) => `btrim(${c})::integer`,
      failing: (c) =>
        `CASE WHEN btrim(${c}) ~ '${INTEGER_TEXT}' THEN ${INT_RANGE(`btrim(${c})::numeric`)} ELSE TRUE END`,
    },
    numeric: {
      using: (c) => `btrim(${c})::numeric`,
      failing: (c) => `btrim(${c}) !~ '${NUMERIC_TEXT}'`,
    },
    boolean: {
      using: (c) => `lower(btrim(${c}))::boolean`,
      failing: (c) => `lower(btrim(${c})) NOT IN ${BOOLEAN_TEXT}`,
    },
    text_list: { using: (c) => `CASE WHEN ${c} IS NULL THEN NULL ELSE ARRAY[${c}] END` },
  },
  text_list: {
    text: { using: (c) => `${c}[1]`, failing: (c) => `cardinality(${c}) > 1` },
  },
  boolean: { text: toText },
  date: { text: toText, timestamptz: { using: (c) => `${c}::timestamptz` } },
  time: { text: toText },
  timestamptz: { text: toText },
  uuid: { text: toText },
};

const GEOMETRY_NAMES = { point: 'POINT', line: 'LINESTRING', polygon: 'POLYGON' } as const;

export function castBetween(from: ColumnType, to: ColumnType): Cast | undefined {
  if (typeof from === 'string' && typeof to === 'string') return SCALAR_CASTS[from]?.[to];
  if (typeof from === 'string' || typeof to === 'string') return undefined;
  const target = renderType(to);
  if (to.geometry === 'any') return { using: (c) => `${c}::${target}` };
  // PostGIS' GeometryType names the multi types MULTIPOINT…: a single-type column refuses them too.
  const name = GEOMETRY_NAMES[to.geometry];
  return { using: (c) => `${c}::${target}`, failing: (c) => `GeometryType(${c}) <> '${name}'` };
}

export const sameType = (a: ColumnType, b: ColumnType): boolean => renderType(a) === renderType(b);
