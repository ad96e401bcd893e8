/**
 * One cell's text → the value the record API takes for a field, following the provider's conventions.
 * A text that does not convert is passed on as it is: the record API then refuses it with its own code
 * and message (`type`, `format`, `choice`…), so an import never says anything the form would not.
 * Pure functions: no database (taxa, observers and geometries are looked up set-wise elsewhere).
 */
import type {
  ChoiceField,
  ResolvedField,
  ResolvedProtocol,
  VocabularyField,
} from '../../../protocol-specs/index.ts';
import type { ImportConventions } from '../template.ts';

const pad = (n: number) => String(n).padStart(2, '0');

/** Days from 1899-12-30 (Excel's day 0, after its 1900 leap-year bug) to the date. */
export function excelSerialDate(serial: number): string {
  const ms = Math.round((serial - 25569) * 86_400_000);
  const d = new Date(ms);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

const SERIAL = /^\d{4,5}(\.\d+)?$/;
const ISO = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ].*)?$/;
const DMY = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?:\s.*)?$/;

export function dateValue(text: string, format: ImportConventions['date_format']): string {
  if (SERIAL.test(text)) {
    const n = Number(text);
    // 1 Jan 1910 … 31 Dec 2199: a number in a date column is a serial, not a year.
    if (n >= 3654 && n <= 109_574) return excelSerialDate(n);
  }
  const iso = ISO.exec(text);
  if (iso) return `${iso[1]}-${pad(Number(iso[2]))}-${pad(Number(iso[3]))}`;
  const dmy = DMY.exec(text);
  if (dmy && format !== 'yyyy-mm-dd') {
    const [a, b] = [Number(dmy[1]), Number(dmy[2])];
    const [day, month] = format === 'mm/dd/yyyy' ? [b, a] : [a, b];
    return `${dmy[3]}-${pad(month)}-${pad(day)}`;
  }
  return text;
}

const TIME = /^(\d{1,2})\s*[:hH]\s*(\d{2})(?:\s*:\s*(\d{2}))?$/;

export function timeValue(text: string): string {
  const m = TIME.exec(text);
  if (!m) {
    // An Excel time is a fraction of a day.
    if (/^0?\.\d+$/.test(text)) {
      const minutes = Math.round(Number(text) * 1440);
      return `${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`;
    }
    return text;
  }
  return `${pad(Number(m[1]))}:${m[2]}${m[3] ? `:${m[3]}` : ''}`;
}

export function numberValue(text: string, decimal: ImportConventions['decimal_separator']): number | string {
  let t = text.replace(/[\s\u00a0\u202f]/g, '');
  if (decimal === ',') t = t.replace(',', '.');
  if (!/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(t)) return text;
  return Number(t);
}

const TRUE = new Set(['true', 'vrai', 'oui', 'yes', 'o', 'y', '1', 'x']);
const FALSE = new Set(['false', 'faux', 'non', 'no', 'n', '0']);

export function booleanValue(text: string): boolean | string {
  const t = text.trim().toLowerCase();
  if (TRUE.has(t)) return true;
  if (FALSE.has(t)) return false;
  return text;
}

/** Lower case, accents dropped: how cell texts are compared with codes and labels. */
export const folded = (s: string) =>
  s
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .trim()
    .toLowerCase();

/** The code a cell text means: the template's value map, then a code, then a label (fr, en). */
export function codeOf(
  text: string,
  options: readonly { readonly code: string; readonly label: { fr: string; en?: string } }[],
  values: Readonly<Record<string, string | null>> | undefined,
): string | null {
  if (values) {
    const key = folded(text);
    for (const [from, to] of Object.entries(values)) if (folded(from) === key) return to;
  }
  const exact = options.find((o) => o.code === text);
  if (exact) return exact.code;
  const key = folded(text);
  const found =
    options.find((o) => folded(o.code) === key) ??
    options.find(
      (o) => folded(o.label.fr) === key || (o.label.en !== undefined && folded(o.label.en) === key),
    );
  return found ? found.code : text;
}

export function optionsOf(
  field: ChoiceField | VocabularyField,
  protocol: ResolvedProtocol,
): { code: string; label: { fr: string; en?: string } }[] {
  if (field.kind === 'choice') return field.choices.map((c) => ({ code: c.value, label: c.label }));
  const vocabulary = protocol.vocabularies.find((v) => v.code === field.vocabulary);
  const allowed = new Set(field.codes);
  return (vocabulary?.values ?? []).filter((v) => allowed.size === 0 || allowed.has(v.code));
}

const split = (text: string, separator: string) =>
  text
    .split(separator)
    .map((s) => s.trim())
    .filter((s) => s !== '');

export interface CellContext {
  readonly protocol: ResolvedProtocol;
  readonly conventions: ImportConventions;
  readonly values?: Readonly<Record<string, string | null>>;
  readonly separator?: string;
}

/**
 * The API value of a non-empty cell for a field of a kind a column maps directly (taxa, observers and
 * geometries have their own lookups). `undefined` for kinds a cell cannot fill (media, groups, sections).
 */
export function cellValue(field: ResolvedField, text: string, ctx: CellContext): unknown {
  const list = (one: (s: string) => unknown) => split(text, ctx.separator ?? ',').map(one);
  switch (field.kind) {
    case 'text':
    case 'long_text':
      return text;
    case 'integer':
    case 'decimal':
      return numberValue(text, ctx.conventions.decimal_separator);
    case 'boolean':
      return booleanValue(text);
    case 'date':
      return dateValue(text, ctx.conventions.date_format);
    case 'time':
      return timeValue(text);
    case 'datetime':
      return text.replace(' ', 'T');
    case 'choice':
    case 'vocabulary': {
      const options = optionsOf(field, ctx.protocol);
      const one = (s: string) => codeOf(s, options, ctx.values);
      if (!field.multiple) return one(text);
      const codes = list(one).filter((c) => c !== null);
      return codes.length === 0 ? null : codes;
    }
    case 'habitat':
      return field.multiple ? list((s) => s) : text;
    case 'dataset':
      return text;
    case 'reference':
      return field.multiple ? list((s) => s) : text;
    case 'taxon':
      return numberValue(text, '.');
    case 'observers':
    case 'geometry':
    case 'media':
    case 'group':
    case 'section':
      return undefined;
  }
}

/** True when the cell means "no value": empty, or one of the template's null texts. */
export function isNullText(text: string, conventions: ImportConventions): boolean {
  const t = text.trim().toLowerCase();
  return t === '' || (conventions.null_values ?? []).some((n) => n.trim().toLowerCase() === t);
}
