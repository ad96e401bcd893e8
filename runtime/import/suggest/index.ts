/** Suggested import templates from a module and an inspected file (pure, deterministic). */
export { guessDateFormat, guessDecimalSeparator, guessNullValues } from './conventions.ts';
export { fold } from './fold.ts';
export { guessSrid } from './geometry.ts';
export {
  type ColumnSuggestion,
  type InspectedFile,
  type SuggestInput,
  type SuggestionNote,
  suggestTemplate,
  type TemplateSuggestion,
  type UnmappedValues,
} from './suggest-template.ts';
export { guessTaxonBy } from './taxon.ts';
export { codeForText, suggestBooleanMap, suggestValueMap } from './value-maps.ts';
