/**
 * Comparing a provider's words with a module's: accents, case, spaces, underscores, dashes and
 * punctuation ignored ("Date_Début " and "date debut" fold alike), so a header or a cell matches a
 * field's key, label or code whatever its typing.
 */

/** Lower case, accents and every non-alphanumeric character removed; œ and æ spelt out. */
export const fold = (text: string): string =>
  text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replaceAll('œ', 'oe')
    .replaceAll('æ', 'ae')
    .replace(/[^a-z0-9]+/g, '');

/** The words of a text, folded (for "contains" comparisons). */
export const foldedWords = (text: string): string[] =>
  text
    .split(/[^\p{L}\p{N}]+/u)
    .map(fold)
    .filter((w) => w.length > 0);
