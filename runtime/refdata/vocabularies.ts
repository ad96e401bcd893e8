/**
 * SINP vocabularies into ref.vocabulary_type / ref.vocabulary (source 'sinp'). Rows a protocol owns
 * (source 'protocol') are never touched: a type of that name is skipped and reported. Values missing
 * from the input are kept, since records may use them.
 */
import { coreDb } from '../db/core-database.ts';
import type { Queryable } from '../db/database.ts';

export interface VocabularyValueInput {
  readonly code: string;
  readonly labelFr: string;
  readonly labelEn?: string;
  readonly definitionFr?: string;
  /** Code of the broader value in the same type. */
  readonly broader?: string;
}

export interface VocabularyInput {
  readonly type: string;
  readonly labelFr: string;
  readonly labelEn?: string;
  readonly sinpAttribute?: string;
  readonly values: readonly VocabularyValueInput[];
}

export interface VocabularyLoad {
  readonly types: number;
  readonly values: number;
  /** Types left alone because a protocol defines a vocabulary with that code. */
  readonly skipped: readonly string[];
}

/**
 * `upsert` (a reference file: its labels win) or `missing` (a seed: adds what is absent, so it never
 * overwrites labels an administrator loaded from a fuller file).
 */
export type VocabularyMode = 'upsert' | 'missing';

// Three statements whatever the number of types (a start seeds ~40 of them): types, the owner check,
// then every value at once. One statement for the values also lets a broader value come after its
// narrower ones: the foreign key is checked at the end of the statement.
const TYPES_INSERT = `INSERT INTO ref.vocabulary_type AS t (type, label_fr, label_en, sinp_attribute, source)
  SELECT u.type, u.label_fr, u.label_en, u.sinp_attribute, 'sinp'
  FROM unnest($1::text[], $2::text[], $3::text[], $4::text[]) AS u (type, label_fr, label_en, sinp_attribute)`;
const TYPES_SQL: Record<VocabularyMode, string> = {
  upsert: `${TYPES_INSERT}
  ON CONFLICT (type) DO UPDATE SET label_fr = EXCLUDED.label_fr,
    label_en = COALESCE(EXCLUDED.label_en, t.label_en),
    sinp_attribute = COALESCE(EXCLUDED.sinp_attribute, t.sinp_attribute)
  WHERE t.source = 'sinp'`,
  missing: `${TYPES_INSERT} ON CONFLICT (type) DO NOTHING`,
};

const VALUES_INSERT = `INSERT INTO ref.vocabulary AS v (type, code, label_fr, label_en, definition_fr, broader_code, source)
  SELECT u.type, u.code, u.label_fr, u.label_en, u.definition_fr, u.broader_code, 'sinp'
  FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[])
    AS u (type, code, label_fr, label_en, definition_fr, broader_code)`;
const VALUES_SQL: Record<VocabularyMode, string> = {
  upsert: `${VALUES_INSERT}
  ON CONFLICT (type, code) DO UPDATE SET label_fr = EXCLUDED.label_fr,
    label_en = COALESCE(EXCLUDED.label_en, v.label_en),
    definition_fr = COALESCE(EXCLUDED.definition_fr, v.definition_fr),
    broader_code = EXCLUDED.broader_code
  WHERE v.source = 'sinp'`,
  missing: `${VALUES_INSERT} ON CONFLICT (type, code) DO NOTHING`,
};

/** One entry per type and per (type, code), the later one winning: ON CONFLICT cannot touch a row twice. */
function deduplicate(vocabularies: readonly VocabularyInput[]): VocabularyInput[] {
  const byType = new Map<string, VocabularyInput>();
  for (const v of vocabularies) {
    const values = new Map((byType.get(v.type)?.values ?? []).map((x) => [x.code, x]));
    for (const x of v.values) values.set(x.code, x);
    byType.set(v.type, { ...v, values: [...values.values()] });
  }
  return [...byType.values()];
}

export async function upsertVocabularies(
  tx: Queryable,
  vocabularies: readonly VocabularyInput[],
  mode: VocabularyMode = 'upsert',
): Promise<VocabularyLoad> {
  const all = deduplicate(vocabularies);
  const types = all.map((v) => v.type);
  await tx.query(TYPES_SQL[mode], [
    types,
    all.map((v) => v.labelFr),
    all.map((v) => v.labelEn ?? null),
    all.map((v) => v.sinpAttribute ?? null),
  ]);
  const owned = await coreDb(tx)
    .selectFrom('ref.vocabulary_type')
    .select('type')
    .where((eb) => eb('type', '=', eb.fn.any(eb.val(types))))
    .where('source', '<>', 'sinp')
    .execute();
  const skipped = new Set(owned.map((r) => r.type));
  const loaded = all.filter((v) => !skipped.has(v.type));
  const rows = loaded.flatMap((v) => v.values.map((x) => [v.type, x] as const));
  await tx.query(VALUES_SQL[mode], [
    rows.map(([type]) => type),
    rows.map(([, x]) => x.code),
    rows.map(([, x]) => x.labelFr),
    rows.map(([, x]) => x.labelEn ?? null),
    rows.map(([, x]) => x.definitionFr ?? null),
    rows.map(([, x]) => x.broader ?? null),
  ]);
  return { types: loaded.length, values: rows.length, skipped: types.filter((t) => skipped.has(t)) };
}
