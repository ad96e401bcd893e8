/**
 * The provider's conventions read from the values: the date format (ISO, dd/mm/yyyy, mm/dd/yyyy,
 * dd.mm.yyyy; a first part above 12 settles day-first, a second above 12 month-first, French files
 * being day-first when nothing settles it), the decimal separator, and the texts used for "no value".
 */
import type { ImportConventions } from '../template.ts';

type DateFormat = NonNullable<ImportConventions['date_format']>;

const ISO = /^\d{4}-\d{2}-\d{2}([T ].*)?$/;
const SLASHED = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(\s.*)?$/;
const DOTTED = /^\d{1,2}\.\d{1,2}\.\d{4}(\s.*)?$/;
/** Excel's serial day numbers (1950–2100): always understood, they decide nothing. */
const SERIAL = /^\d{5}(\.\d+)?$/;

/** The date format of `values` (cells of date columns), undefined when none is recognised. */
export function guessDateFormat(values: readonly string[]): DateFormat | undefined {
  const cells = values.map((v) => v.trim()).filter((v) => v !== '' && !SERIAL.test(v));
  if (cells.length === 0) return undefined;
  if (cells.every((v) => ISO.test(v))) return 'yyyy-mm-dd';
  if (cells.every((v) => DOTTED.test(v))) return 'dd.mm.yyyy';
  const slashed = cells.map((v) => SLASHED.exec(v));
  if (!slashed.every((m) => m !== null)) return undefined;
  const first = slashed.some((m) => Number(m?.[1]) > 12);
  const second = slashed.some((m) => Number(m?.[2]) > 12);
  if (second && !first) return 'mm/dd/yyyy';
  return 'dd/mm/yyyy';
}

const COMMA_DECIMAL = /^-?\d+,\d+$/;
const DOT_DECIMAL = /^-?\d+\.\d+$/;

/** ',' when the numbers are written with a decimal comma, '.' when with a point, undefined when neither shows. */
export function guessDecimalSeparator(values: readonly string[]): '.' | ',' | undefined {
  const cells = values.map((v) => v.trim().replace(/\s/g, ''));
  if (cells.some((v) => COMMA_DECIMAL.test(v))) return ',';
  if (cells.some((v) => DOT_DECIMAL.test(v))) return '.';
  return undefined;
}

const NULL_WORDS = ['NA', 'N/A', 'NULL', 'null', '-', 'nd', 'n.d.', '?', 'NC', '#N/A'];

/** The "no value" words the file uses (the empty cell always means no value). */
export function guessNullValues(values: readonly string[]): string[] {
  const seen = new Set(values.map((v) => v.trim()));
  return NULL_WORDS.filter((w) => seen.has(w));
}

export const isNullText = (value: string, nulls: readonly string[]): boolean =>
  value.trim() === '' || nulls.some((n) => n.toLowerCase() === value.trim().toLowerCase());
