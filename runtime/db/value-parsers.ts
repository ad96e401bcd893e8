/**
 * How column values become JavaScript values, the same on PGlite and PostgreSQL. The two drivers disagree
 * by default (int8 is a string in pg and a number in PGlite; a `date` is local midnight in pg and UTC in
 * PGlite), so both get this one table, keyed by type OID.
 *
 * - date → 'YYYY-MM-DD', time → 'HH:MM:SS', timestamp → as printed: calendar values, no time zone games.
 * - timestamptz → ISO 8601 in UTC, microseconds kept ('2024-05-01T08:30:00.123456Z'): a Date would drop
 *   them, and a sync cursor read back from the API must compare equal to the stored value.
 * - int8 and numeric → number. Counts and measures stay far below 2^53 and 15 significant digits; a
 *   column that needed more would need its own type here.
 * - json / jsonb → parsed (both drivers' default, stated so it cannot drift).
 */

export type ValueParser = (text: string) => unknown;

const asText: ValueParser = (text) => text;
const asNumber: ValueParser = (text) => Number(text);
const asJson: ValueParser = (text) => JSON.parse(text);

const TIMESTAMPTZ =
  /^(\d{4,})-(\d\d)-(\d\d) (\d\d):(\d\d):(\d\d)(\.\d+)?([+-])(\d\d)(?::(\d\d))?(?::(\d\d))?$/;

/** '2024-05-01 10:30:00.5+02' → '2024-05-01T08:30:00.5Z'; 'infinity' and BC dates are returned as printed. */
export function timestamptzToIso(text: string): string {
  const m = TIMESTAMPTZ.exec(text);
  if (!m) return text;
  const [, year, month, day, hour, minute, second, fraction = '', sign, oh, om = '0', os = '0'] = m;
  const offsetSeconds = (sign === '-' ? -1 : 1) * (Number(oh) * 3600 + Number(om) * 60 + Number(os));
  if (offsetSeconds === 0) return `${year}-${month}-${day}T${hour}:${minute}:${second}${fraction}Z`;
  const utc = new Date(
    Date.UTC(Number(year), Number(month) - 1, Number(day), Number(hour), Number(minute), Number(second)) -
      offsetSeconds * 1000,
  );
  return `${utc.toISOString().slice(0, 19)}${fraction}Z`;
}

/** Scalar types, by OID (pg_type.oid; fixed for built-in types). */
export const SCALAR_PARSERS: Readonly<Record<number, ValueParser>> = {
  20: asNumber, // int8
  114: asJson, // json
  1082: asText, // date
  1083: asText, // time
  1114: asText, // timestamp
  1184: timestamptzToIso, // timestamptz
  1700: asNumber, // numeric
  3802: asJson, // jsonb
};

/** Array type OID → element type OID, for the scalars above whose arrays pg would otherwise parse its own way. */
export const ARRAY_ELEMENTS: Readonly<Record<number, number>> = {
  1016: 20, // int8[]
  1182: 1082, // date[]
  1183: 1083, // time[]
  1115: 1114, // timestamp[]
  1185: 1184, // timestamptz[]
  1231: 1700, // numeric[]
};
