/** Reference data: SINP vocabularies and TAXREF, and the search form of names. */
export { importNomenclatures, nomenclaturesFromJson } from './nomenclatures.ts';
export { createProgress, type Progress, type ProgressSink } from './progress.ts';
export { RefdataError } from './refdata-error.ts';
export { searchText } from './search-text.ts';
export { importTaxrefFile, loadTaxrefLines, type TaxrefImport, type TaxrefLoad } from './taxref.ts';
export {
  upsertVocabularies,
  type VocabularyInput,
  type VocabularyLoad,
  type VocabularyMode,
} from './vocabularies.ts';
