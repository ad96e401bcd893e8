/**
 * nomenclature.json from the protocol's own vocabularies (GeoNature installs them as nomenclature types),
 * plus the TYPE_SITE values naming the site types. English labels go in `label_en`/`definition_en`,
 * columns GeoNature's nomenclature table has; a broader value in `cd_nomenclature_broader`.
 */
import type { ResolvedVocabulary } from '../../../protocol-specs/index.ts';
import type { SiteTypeFile } from './export-level.ts';

type Def = Record<string, unknown>;

export function nomenclatureFile(
  vocabularies: readonly ResolvedVocabulary[],
  siteTypes: readonly SiteTypeFile[],
): Def | undefined {
  if (vocabularies.length === 0 && siteTypes.length === 0) return undefined;
  const types = vocabularies.map((v) => ({
    mnemonique: v.code,
    label_default: v.label.fr,
    ...(v.label.en ? { label_en: v.label.en } : {}),
    definition_default: v.description?.fr ?? v.label.fr,
    ...(v.description?.en ? { definition_en: v.description.en } : {}),
  }));
  const values = vocabularies.flatMap((v) =>
    v.values.map((value) => ({
      type: v.code,
      cd_nomenclature: value.code,
      mnemonique: value.code,
      label_default: value.label.fr,
      ...(value.label.en ? { label_en: value.label.en } : {}),
      definition_default: value.definition?.fr ?? value.label.fr,
      ...(value.definition?.en ? { definition_en: value.definition.en } : {}),
      ...(value.broader ? { cd_nomenclature_broader: value.broader } : {}),
    })),
  );
  const siteTypeValues = siteTypes.map((t) => ({
    type: 'TYPE_SITE',
    cd_nomenclature: t.code,
    mnemonique: t.code,
    label_default: t.label,
    definition_default: t.label,
  }));
  return { types, nomenclatures: [...values, ...siteTypeValues] };
}
