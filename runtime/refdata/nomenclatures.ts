/**
 * `suivi refdata nomenclatures <file.json>`: the SINP / GeoNature nomenclatures in the shape of
 * ../shared/refdata/nomenclatures.json — `{ types: [{ mnemonique, label, sinp_attribute,
 * values: [{ cd, label, definition, hierarchy }] }] }` — upserted in one transaction.
 *
 * A value's broader value is read from `hierarchy`: '116.001.003' is under the value whose hierarchy is
 * '116.001', when the type has one ('010.002' has none: '010' is the type itself).
 */
import { readFile } from 'node:fs/promises';
import type { Database } from '../db/database.ts';
import { RefdataError } from './refdata-error.ts';
import { upsertVocabularies, type VocabularyInput, type VocabularyLoad } from './vocabularies.ts';

interface FileValue {
  readonly cd?: unknown;
  readonly label?: unknown;
  readonly definition?: unknown;
  readonly hierarchy?: unknown;
}
interface FileType {
  readonly mnemonique?: unknown;
  readonly label?: unknown;
  readonly sinp_attribute?: unknown;
  readonly values?: readonly FileValue[];
}

const text = (value: unknown): string | undefined =>
  typeof value === 'string' && value.trim() !== '' ? value : undefined;

/** The vocabularies of a parsed file, or a RefdataError naming the first entry that does not fit. */
export function nomenclaturesFromJson(file: string, document: unknown): VocabularyInput[] {
  const types = (document as { types?: unknown } | null)?.types;
  if (!Array.isArray(types))
    throw new RefdataError(file, undefined, 'expected an object with a "types" array');
  return (types as FileType[]).map((t, i) => {
    const type = text(t?.mnemonique);
    const labelFr = text(t?.label);
    if (!type || !labelFr || !Array.isArray(t.values)) {
      throw new RefdataError(file, undefined, `types[${i}] needs a mnemonique, a label and a values array`);
    }
    const byHierarchy = new Map<string, string>();
    for (const v of t.values) {
      const code = text(v?.cd);
      const hierarchy = text(v?.hierarchy);
      if (code && hierarchy) byHierarchy.set(hierarchy, code);
    }
    const values = t.values.map((v, j) => {
      const code = text(v?.cd);
      const label = text(v?.label);
      if (!code || !label)
        throw new RefdataError(file, undefined, `${type}: values[${j}] needs a cd and a label`);
      const hierarchy = text(v.hierarchy);
      const parent = hierarchy?.includes('.')
        ? byHierarchy.get(hierarchy.slice(0, hierarchy.lastIndexOf('.')))
        : undefined;
      const definition = text(v.definition);
      return {
        code,
        labelFr: label,
        ...(definition ? { definitionFr: definition } : {}),
        ...(parent ? { broader: parent } : {}),
      };
    });
    const sinpAttribute = text(t.sinp_attribute);
    return { type, labelFr, ...(sinpAttribute ? { sinpAttribute } : {}), values };
  });
}

export async function importNomenclatures(db: Database, file: string): Promise<VocabularyLoad> {
  let document: unknown;
  try {
    document = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    throw new RefdataError(file, undefined, `cannot read it as JSON (${(error as Error).message})`);
  }
  const vocabularies = nomenclaturesFromJson(file, document);
  return db.transaction((tx) => upsertVocabularies(tx, vocabularies, 'upsert'));
}
