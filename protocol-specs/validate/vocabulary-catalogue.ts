/**
 * Where a vocabulary code resolves: a protocol vocabulary first, else a SINP nomenclature type — from the
 * reference data the caller passes (a runtime with its installed nomenclatures) or the built-in catalogue.
 */
import { findStandardVocabulary } from '../standard/sinp-nomenclatures.ts';
import { asArray, asString, prop } from '../util/lenient.ts';
import type { SpecModel } from './model.ts';

export interface CatalogueValue {
  readonly code: string;
  readonly label?: string;
  readonly broader?: string;
}

export interface CatalogueEntry {
  readonly code: string;
  readonly source: 'protocol' | 'sinp';
  readonly values: readonly CatalogueValue[];
}

/** Reference vocabularies known to an installation, e.g. loaded from a nomenclatures file. */
export type ReferenceVocabularies = (code: string) => CatalogueEntry | undefined;

export interface VocabularyCatalogue {
  find(code: string): CatalogueEntry | undefined;
}

export function buildCatalogue(model: SpecModel, reference?: ReferenceVocabularies): VocabularyCatalogue {
  const own = new Map<string, CatalogueEntry>();
  for (const vocabulary of model.vocabularies) {
    if (vocabulary.code === undefined || own.has(vocabulary.code)) continue;
    const values = asArray(prop(vocabulary.raw, 'values')).flatMap((v) => {
      const code = asString(prop(v, 'code'));
      const broader = asString(prop(v, 'broader'));
      return code === undefined ? [] : [{ code, ...(broader === undefined ? {} : { broader }) }];
    });
    own.set(vocabulary.code, { code: vocabulary.code, source: 'protocol', values });
  }
  return {
    find(code) {
      const protocol = own.get(code);
      if (protocol) return protocol;
      const fromReference = reference?.(code);
      if (fromReference) return fromReference;
      const builtIn = findStandardVocabulary(code);
      return builtIn ? { code, source: 'sinp', values: builtIn.values } : undefined;
    },
  };
}
