/**
 * English names of vocabulary values the protocol names in French only (the SINP nomenclatures a spec
 * uses as they are): ref.vocabulary's `label_en`, where the loaded nomenclature has one, so an English
 * form shows "Seen" rather than "Vu". The protocol's own English always wins.
 */
import type { ResolvedField } from '../../protocol-specs/index.ts';
import { coreDb } from '../db/core-database.ts';
import type { Database } from '../db/database.ts';
import type { FieldTexts } from './form-texts.ts';

/** type → code → English label. */
export type EnglishLabels = ReadonlyMap<string, ReadonlyMap<string, string>>;

/** Vocabulary types of `fields` and of their groups' rows. */
export function vocabularyTypes(fields: readonly ResolvedField[]): string[] {
  return [
    ...new Set(
      fields.flatMap((f) =>
        f.kind === 'vocabulary' ? [f.vocabulary] : f.kind === 'group' ? vocabularyTypes(f.fields) : [],
      ),
    ),
  ];
}

export async function englishLabels(db: Database, types: readonly string[]): Promise<EnglishLabels> {
  const out = new Map<string, Map<string, string>>();
  if (types.length === 0) return out;
  const rows = await coreDb(db)
    .selectFrom('ref.vocabulary')
    .select(['type', 'code', 'label_en'])
    .where((eb) => eb('type', '=', eb.fn.any(eb.val([...types]))))
    .where('label_en', 'is not', null)
    .execute();
  for (const r of rows) {
    if (!r.label_en) continue;
    const codes = out.get(r.type) ?? new Map<string, string>();
    codes.set(r.code, r.label_en);
    out.set(r.type, codes);
  }
  return out;
}

/** `texts` with the English of `english` given to vocabulary values that had none (a new object). */
export function withEnglish(
  fields: readonly ResolvedField[],
  texts: Readonly<Record<string, FieldTexts>>,
  english: EnglishLabels,
): Record<string, FieldTexts> {
  const out: Record<string, FieldTexts> = { ...texts };
  for (const f of fields) {
    const t = texts[f.key];
    if (!t) continue;
    if (f.kind === 'group' && t.fields)
      out[f.key] = { ...t, fields: withEnglish(f.fields, t.fields, english) };
    if (f.kind !== 'vocabulary' || !t.choices) continue;
    const names = english.get(f.vocabulary);
    if (!names) continue;
    const choices = Object.fromEntries(
      Object.entries(t.choices).map(([code, label]) => {
        const en = label.en ?? names.get(code);
        return [code, en ? { ...label, en } : label];
      }),
    );
    out[f.key] = { ...t, choices };
  }
  return out;
}
