/**
 * round(x, digits): half away from zero, computed in double precision with operations IEEE 754 rounds
 * exactly (×, ÷, +, floor), so PostgreSQL's float8 gives the same bits as JavaScript. Like JavaScript's
 * own arithmetic it is binary: round(1.005, 2) is 1, because 1.005 is stored as 1.00499999999999989…
 * Both halves live here so they change together.
 */
import { asFloat, type SqlExpr, sqlLiteral, typedNull, unsupported } from './sql-expr.ts';
import { finiteOrNull } from './values.ts';

/** Powers of ten as literals: exact doubles, where `10 ** n` depends on the engine's pow(). */
export const POWERS_OF_TEN: readonly number[] = [
  1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
];

export const MAX_ROUND_DIGITS = 15;

/** From 2^52 on every double is a whole number and `+ 0.5` would round to even: such values are kept as they are. */
export const TWO_POW_52 = 2 ** 52;

/** null when `digits` is not a whole number between -15 and 15. */
export function roundNumber(x: number, digits: number): number | null {
  if (!Number.isInteger(digits) || Math.abs(digits) > MAX_ROUND_DIGITS) return null;
  const p = POWERS_OF_TEN[Math.abs(digits)]!;
  const a = Math.abs(x);
  let r: number;
  if (digits >= 0) {
    if (a >= TWO_POW_52 / p) return finiteOrNull(x);
    r = Math.floor(a * p + 0.5) / p;
  } else {
    if (a / p >= TWO_POW_52) return finiteOrNull(x);
    r = Math.floor(a / p + 0.5) * p;
  }
  return finiteOrNull(x < 0 ? -r : r);
}

/** The PostgreSQL half of round(); `digits` must be a literal (it picks the constants below). */
export function roundSql(x: SqlExpr, digits: SqlExpr | undefined): SqlExpr {
  const float = (sql: string): SqlExpr => ({ sql, base: 'float', list: false });
  const d = digits === undefined ? 0 : digits.base === 'null' ? null : digits.literal;
  if (d === null || x.base === 'null' || x.list || (x.base !== 'int' && x.base !== 'float')) {
    return float(typedNull('float', false));
  }
  if (typeof d !== 'number') return unsupported('round() with digits that are not a literal number');
  if (!Number.isInteger(d) || Math.abs(d) > MAX_ROUND_DIGITS) return float(typedNull('float', false));
  // The same operations, in the same order, as round.ts; the limits are printed from the same doubles.
  const v = asFloat(x);
  const p = `${sqlLiteral(POWERS_OF_TEN[Math.abs(d)]!)}::float8`;
  const kept =
    d >= 0
      ? `abs(${v}) >= ${sqlLiteral(TWO_POW_52 / POWERS_OF_TEN[d]!)}::float8`
      : `abs(${v}) / ${p} >= ${sqlLiteral(TWO_POW_52)}::float8`;
  const rounded =
    d >= 0 ? `floor(abs(${v}) * ${p} + 0.5::float8) / ${p}` : `floor(abs(${v}) / ${p} + 0.5::float8) * ${p}`;
  return float(`CASE WHEN ${kept} THEN ${v} ELSE sign(${v}) * (${rounded}) END`);
}
