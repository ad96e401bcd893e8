/**
 * Reading TAXREF lines. Two shapes are accepted, told apart by the header line:
 * - the official MNHN text file: tab-separated, UPPER-CASE header (CD_NOM, CD_REF, …, RANG), no quoting;
 * - the CSV extract shape (../shared/refdata/taxref_sample.csv, examples/demo-data/taxa.csv):
 *   comma-separated, lower-case header, fields double-quoted when they hold a comma.
 * Header names are matched case-insensitively; columns Suivi does not store are ignored, and columns
 * the file lacks are left untouched on existing rows. A record spans one line (TAXREF has no newline
 * inside a field).
 */
import { searchText } from './search-text.ts';

/** ref.taxon columns a file can fill, in table order. */
export const TAXON_COLUMNS = [
  'cd_nom',
  'cd_ref',
  'cd_sup',
  'regne',
  'phylum',
  'classe',
  'ordre',
  'famille',
  'group1_inpn',
  'group2_inpn',
  'lb_nom',
  'lb_auteur',
  'nom_complet',
  'nom_valide',
  'nom_vern',
  'id_rang',
] as const;
export type TaxonColumn = (typeof TAXON_COLUMNS)[number];

const INTEGER_COLUMNS: ReadonlySet<TaxonColumn> = new Set(['cd_nom', 'cd_ref', 'cd_sup']);
/** The official file calls the rank RANG; the table (and GeoNature) id_rang. */
const ALIASES: Readonly<Record<string, TaxonColumn>> = { rang: 'id_rang' };

/** Columns written for one file: those it has, plus the search forms of the names it has. */
export type WrittenColumn = TaxonColumn | 'lb_nom_search' | 'nom_vern_search';

export interface TaxrefLayout {
  readonly delimiter: '\t' | ',';
  readonly width: number;
  /** [column, index in a line], in table order. */
  readonly columns: readonly (readonly [TaxonColumn, number])[];
  readonly written: readonly WrittenColumn[];
  /** The file has vernacular names, so their search form is written too. */
  readonly vernacular: boolean;
}

export type TaxonValue = number | string | null;

/** Thrown with the reason; the loader adds the file and line. */
export class LineError extends Error {}
/**
 * A well-formed line naming no scientific name (extracts have some: a vernacular name only). ref.taxon
 * cannot hold it; the loader skips and counts it rather than refusing a whole file for it.
 */
export class IncompleteLine extends LineError {}

/** Splits one CSV line (RFC 4180 quoting within the line). */
export function splitCsvLine(line: string): string[] {
  const cells: string[] = [];
  let i = 0;
  for (;;) {
    if (line[i] === '"') {
      let value = '';
      i += 1;
      for (;;) {
        const quote = line.indexOf('"', i);
        if (quote === -1) throw new LineError('a quoted field is not closed');
        value += line.slice(i, quote);
        i = quote + 1;
        if (line[i] !== '"') break;
        value += '"';
        i += 1;
      }
      cells.push(value);
      if (i < line.length && line[i] !== ',') throw new LineError('text after a closing quote');
    } else {
      const comma = line.indexOf(',', i);
      cells.push(line.slice(i, comma === -1 ? line.length : comma));
      i = comma === -1 ? line.length : comma;
    }
    if (i >= line.length) return cells;
    i += 1; // the comma
  }
}

export function parseHeader(line: string): TaxrefLayout {
  const clean = line.replace(/^\uFEFF/, '');
  const delimiter = clean.includes('\t') ? '\t' : ',';
  const names = (delimiter === '\t' ? clean.split('\t') : splitCsvLine(clean)).map((n) =>
    n.trim().toLowerCase(),
  );
  const index = new Map<TaxonColumn, number>();
  names.forEach((name, i) => {
    const column = ALIASES[name] ?? TAXON_COLUMNS.find((c) => c === name);
    if (column && !index.has(column)) index.set(column, i);
  });
  for (const required of ['cd_nom', 'lb_nom'] as const) {
    if (!index.has(required)) throw new LineError(`the header has no ${required.toUpperCase()} column`);
  }
  const columns = TAXON_COLUMNS.filter((c) => index.has(c)).map((c) => [c, index.get(c)!] as const);
  const vernacular = index.has('nom_vern');
  const written: WrittenColumn[] = [...columns.map(([c]) => c), 'lb_nom_search'];
  if (vernacular) written.push('nom_vern_search');
  return { delimiter, width: names.length, columns, written, vernacular };
}

/** One data line → the values of `layout.written`, in order. */
export function parseLine(layout: TaxrefLayout, line: string): TaxonValue[] {
  const cells = layout.delimiter === '\t' ? line.split('\t') : splitCsvLine(line);
  if (cells.length !== layout.width) {
    throw new LineError(`${cells.length} fields where the header has ${layout.width}`);
  }
  const values: TaxonValue[] = [];
  let lbNom = '';
  let nomVern: string | null = null;
  for (const [column, at] of layout.columns) {
    const raw = cells[at]!.trim();
    if (raw === '') {
      if (column === 'cd_nom') throw new LineError('CD_NOM is empty');
      if (column === 'lb_nom') throw new IncompleteLine('LB_NOM is empty');
      values.push(null);
    } else if (INTEGER_COLUMNS.has(column)) {
      if (!/^\d{1,9}$/.test(raw))
        throw new LineError(`${column.toUpperCase()} "${raw}" is not a whole number`);
      values.push(Number(raw));
    } else {
      values.push(raw);
    }
    if (column === 'lb_nom') lbNom = raw;
    if (column === 'nom_vern') nomVern = raw === '' ? null : raw;
  }
  values.push(searchText(lbNom));
  if (layout.vernacular) values.push(nomVern === null ? null : searchText(nomVern));
  return values;
}
