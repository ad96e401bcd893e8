/**
 * How a taxon column names its taxa: TAXREF codes (whole numbers: cd_nom), vernacular names (the
 * header says so, or the names are not Latin binomials) or scientific names (a capitalised genus and
 * a lower-case epithet, with or without the authority); 'auto' when the cells mix them.
 */
import { fold } from './fold.ts';

type TaxonBy = 'cd_nom' | 'scientific_name' | 'vernacular_name' | 'auto';

const CODE = /^\d+$/;
/**
 * "Pipistrellus pipistrellus", "Myotis myotis (Borkhausen, 1797)", "Rana dalmatina Fitzinger in Bonaparte, 1838":
 * a capitalised genus, then a lower-case epithet with a Latin ending (no accents; "Grand murin" and
 * "Crapaud commun" end otherwise).
 */
const LATIN = /^[A-Z][a-z]+ [a-z-]*[aeiouysxm](\s.*)?$/;
const VERNACULAR_HEADERS = ['nomvern', 'nomvernaculaire', 'nomfrancais', 'vernacularname', 'nomcommun'].map(
  fold,
);
const CODE_HEADERS = ['cdnom', 'cdref', 'codetaxon', 'taxrefid'];

export function guessTaxonBy(column: string, values: readonly string[]): TaxonBy {
  const header = fold(column);
  const cells = values.map((v) => v.trim()).filter((v) => v !== '');
  if (CODE_HEADERS.includes(header) || (cells.length > 0 && cells.every((v) => CODE.test(v))))
    return 'cd_nom';
  if (VERNACULAR_HEADERS.includes(header)) return 'vernacular_name';
  if (cells.length === 0) return 'auto';
  if (cells.every((v) => LATIN.test(v))) return 'scientific_name';
  if (cells.every((v) => !CODE.test(v) && !LATIN.test(v))) return 'vernacular_name';
  return 'auto';
}
