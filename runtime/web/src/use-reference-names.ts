/** The hook that re-renders a table or record page once the names its records reference are known. */
import { useEffect, useState } from 'react';
import type { Json, LevelForms } from './api.ts';
import { loadRecords } from './record-names.ts';
import { loadNames, referencesOf } from './reference-names.ts';

/** Re-renders its caller once the names its records reference are known; returns a changing version. */
export function useReferenceNames(
  records: readonly Json[] | null,
  forms: LevelForms | null,
  module?: string,
): number {
  const [version, setVersion] = useState(0);
  useEffect(() => {
    if (!records || !forms) return;
    let live = true;
    const { taxonCodes, userIds, datasetIds, recordIds } = referencesOf(records, forms);
    const withRecords = module && recordIds.size > 0 ? loadRecords(module, recordIds) : false;
    Promise.all([loadNames(taxonCodes, userIds, datasetIds), withRecords]).then((changed) => {
      if (changed.some(Boolean) && live) setVersion((v) => v + 1);
    });
    return () => {
      live = false;
    };
  }, [records, forms, module]);
  return version;
}
