/**
 * Site types (`type_site/<name>.json`): in GeoNature a site of a type gets that type's extra fields. In
 * Suivi that is a field set: a `types_site` vocabulary field on the site level, and one field set per type
 * applying to its code. The code is the TYPE_SITE value of nomenclature.json the file name matches, else
 * the file name itself.
 */
import type { ProtocolSpec } from '../../../protocol-specs/index.ts';
import type { BuildContext } from './build-field.ts';
import { normaliseCode, normaliseKey, stableId } from './keys.ts';
import { draftSetEntries, type LevelDraft } from './level-draft.ts';
import { extensionOf, isObject, type JsonObject } from './read-files.ts';

type ProtocolVocabulary = NonNullable<ProtocolSpec['vocabularies']>[number];

export const SITE_TYPE_FIELD = 'types_site';
export const SITE_TYPE_VOCABULARY = 'SITE_TYPE';

export const isSiteTypeFile = (path: string): boolean => /^types?_sites?\/[^/]+\.json$/.test(path);

export function addSiteTypes(
  site: LevelDraft | undefined,
  files: ReadonlyMap<string, JsonObject>,
  ctx: BuildContext,
): ProtocolVocabulary | undefined {
  const typeFiles = [...files.keys()].filter(isSiteTypeFile).sort();
  if (typeFiles.length === 0) return undefined;
  if (!site) {
    for (const file of typeFiles)
      ctx.collector.warn(file, '', 'a site type, but the protocol has no site level: skipped');
    return undefined;
  }
  const known = siteTypeValues(files.get('nomenclature.json'));
  const values: ProtocolVocabulary['values'] = [];
  for (const file of typeFiles) {
    const stem = (file.split('/').pop() as string).replace(/\.json$/, '');
    const match = known.find((v) =>
      [v.code, v.mnemonique, v.label].some((n) => n && normaliseKey(n) === normaliseKey(stem)),
    );
    const code = match?.code ?? normaliseCode(stem);
    if (values.some((v) => v.code === code)) {
      ctx.collector.warn(file, '', `site type ${code} is given twice: skipped`);
      continue;
    }
    const label = match?.label ?? stem;
    values.push({ code, label });
    const ext = extensionOf(files.get(file));
    const set = {
      id: typeof ext?.id === 'string' ? ext.id : stableId(ctx.moduleCode, site.key, 'site_type', stem),
      label: (ext?.label as string | { fr: string; en?: string } | undefined) ?? label,
      appliesTo: { field: SITE_TYPE_FIELD, codes: [code] },
    };
    const before = site.entries.length;
    draftSetEntries(site, set, code, file, files.get(file) ?? {}, ctx);
    if (site.entries.length > before) site.sets.push(set);
  }
  const level = ctx.levels.get('site') ?? site.key;
  site.absent.delete(SITE_TYPE_FIELD);
  site.entries.unshift({
    d: {
      gnKey: SITE_TYPE_FIELD,
      role: 'own',
      def: { type_widget: 'datalist', attribut_label: 'Type(s) de site', multiple: true, required: true },
      file: site.file,
      path: `/specific/${SITE_TYPE_FIELD}`,
      origins: {},
    },
    key: SITE_TYPE_FIELD,
    standard: false,
    built: {
      field: {
        kind: 'vocabulary',
        id: stableId(ctx.moduleCode, level, SITE_TYPE_FIELD),
        key: SITE_TYPE_FIELD,
        label: 'Type(s) de site',
        vocabulary: SITE_TYPE_VOCABULARY,
        multiple: true,
        required: true,
      },
      kind: 'vocabulary',
      numericChoices: false,
      hasDefault: false,
    },
  });
  return {
    id: stableId(ctx.moduleCode, 'vocabulary', SITE_TYPE_VOCABULARY),
    code: SITE_TYPE_VOCABULARY,
    label: 'Type de site',
    values,
  };
}

interface SiteTypeValue {
  readonly code: string;
  readonly mnemonique?: string;
  readonly label?: string;
}

function siteTypeValues(nomenclature: JsonObject | undefined): SiteTypeValue[] {
  const values = Array.isArray(nomenclature?.nomenclatures) ? nomenclature.nomenclatures : [];
  return values.filter(isObject).flatMap((v) =>
    v.type === 'TYPE_SITE' && typeof v.cd_nomenclature === 'string'
      ? [
          {
            code: v.cd_nomenclature,
            ...(typeof v.mnemonique === 'string' ? { mnemonique: v.mnemonique } : {}),
            ...(typeof v.label_default === 'string' ? { label: v.label_default } : {}),
          },
        ]
      : [],
  );
}
