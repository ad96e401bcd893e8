/**
 * The search form of a name: accents and other diacritics removed, ligatures spelt out, lower case,
 * spaces collapsed. Stored by the TAXREF loader (ref.taxon.*_search) and applied by the API to what a
 * user types, so "ecureuil", "Écureuil" and "ÉCUREUIL" find the same names, as do "Oenanthe" and "Œnanthe".
 */
const LIGATURES: Readonly<Record<string, string>> = { œ: 'oe', æ: 'ae', ß: 'ss', ø: 'o', ł: 'l', đ: 'd' };

export function searchText(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[œæßøłđ]/g, (c) => LIGATURES[c] ?? c)
    .replace(/\s+/g, ' ')
    .trim();
}
