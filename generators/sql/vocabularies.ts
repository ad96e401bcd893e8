/**
 * The protocol's own vocabularies, upserted into ref.vocabulary_type and ref.vocabulary so the foreign
 * keys of vocabulary fields find their codes. SINP types are reference data loaded by the runtime, never
 * written here; a protocol row never overwrites a SINP one (`WHERE … source = 'protocol'`).
 */
import { type ResolvedVocabulary, sqlLiteral } from '../../protocol-specs/index.ts';

const row = (values: ReadonlyArray<string | null | undefined>): string =>
  `  (${values.map((v) => sqlLiteral(v ?? null)).join(', ')})`;

export function renderVocabularies(vocabularies: readonly ResolvedVocabulary[]): string[] {
  if (vocabularies.length === 0) return [];
  const types = vocabularies.map((v) => row([v.code, v.label.fr, v.label.en, 'protocol']));
  const values = vocabularies.flatMap((v) =>
    v.values.map((x) =>
      row([
        v.code,
        x.code,
        x.label.fr,
        x.label.en,
        x.definition?.fr,
        x.definition?.en,
        x.broader,
        'protocol',
      ]),
    ),
  );
  return [
    [
      '-- Protocol vocabularies (reference data the foreign keys need).',
      'INSERT INTO ref.vocabulary_type (type, label_fr, label_en, source) VALUES',
      `${types.join(',\n')}`,
      'ON CONFLICT (type) DO UPDATE SET label_fr = EXCLUDED.label_fr, label_en = EXCLUDED.label_en',
      "  WHERE ref.vocabulary_type.source = 'protocol';",
      'INSERT INTO ref.vocabulary (type, code, label_fr, label_en, definition_fr, definition_en, broader_code, source) VALUES',
      `${values.join(',\n')}`,
      'ON CONFLICT (type, code) DO UPDATE SET label_fr = EXCLUDED.label_fr, label_en = EXCLUDED.label_en,',
      '  definition_fr = EXCLUDED.definition_fr, definition_en = EXCLUDED.definition_en,',
      '  broader_code = EXCLUDED.broader_code',
      "  WHERE ref.vocabulary.source = 'protocol';",
      '',
    ].join('\n'),
  ];
}
