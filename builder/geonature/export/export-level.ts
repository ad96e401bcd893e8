/**
 * One resolved level → its GeoNature object file (`<object>.json`): label, display settings, `specific`
 * fields (standard ones written in full, omitted ones as `hidden: true`), computed fields as one `change`
 * handler, and site-type field sets as `type_site/<code>.json` files.
 */
import {
  type ResolvedCheck,
  type ResolvedField,
  type ResolvedLevel,
  type ResolvedVocabulary,
  STANDARD_FIELDS,
} from '../../../protocol-specs/index.ts';
import { GENERIC_OBJECTS } from '../import/generic-objects.ts';
import { SITE_TYPE_FIELD, SITE_TYPE_VOCABULARY } from '../import/site-types.ts';
import { type ExportFieldContext, exportField } from './export-field.ts';
import { helperDeclarations, ruleToJs } from './render-js.ts';

type Def = Record<string, unknown>;

export interface SiteTypeFile {
  readonly code: string;
  readonly label: string;
  readonly content: Def;
}

export interface ExportedLevel {
  readonly content: Def;
  readonly siteTypes: readonly SiteTypeFile[];
}

const GEOMETRY_TYPES: Readonly<Record<string, string | string[]>> = {
  point: 'Point',
  line: 'LineString',
  polygon: 'Polygon',
  any: ['Point', 'LineString', 'Polygon'],
};

/** Site-type field sets: on the site level, applying to one code of the `types_site` field. */
export const isSiteTypeSet = (level: ResolvedLevel, set: ResolvedLevel['fieldSets'][number]) =>
  level.type === 'site' && set.field === SITE_TYPE_FIELD && set.codes.length === 1;

/**
 * The site types, when this level has them the way GeoNature does: a `types_site` field of the
 * site-type vocabulary, and only field sets on one of its codes. Else undefined (field sets then travel
 * in the `suivi` keys).
 */
export function siteTypeValues(
  level: ResolvedLevel,
  vocabularies: readonly ResolvedVocabulary[],
): Array<{ code: string; label: string }> | undefined {
  const field = level.fields.find((f) => f.key === SITE_TYPE_FIELD);
  if (level.type !== 'site' || field?.kind !== 'vocabulary' || field.vocabulary !== SITE_TYPE_VOCABULARY)
    return undefined;
  if (level.fieldSets.some((s) => s.field === SITE_TYPE_FIELD && !isSiteTypeSet(level, s))) return undefined;
  const vocabulary = vocabularies.find((v) => v.code === SITE_TYPE_VOCABULARY);
  return vocabulary?.values.map((v) => ({ code: v.code, label: v.label.fr }));
}

/**
 * @param siteTypes the values of the site-type vocabulary when the level's types are written as
 * type_site files (see {@link siteTypeValues}), else undefined.
 */
export function exportLevel(
  level: ResolvedLevel,
  object: string,
  ctx: ExportFieldContext,
  warnings: string[],
  siteTypes?: ReadonlyArray<{ code: string; label: string }>,
): ExportedLevel {
  const generic = GENERIC_OBJECTS[object]?.fields ?? {};
  const siteSets = new Set(
    siteTypes ? level.fieldSets.filter((s) => isSiteTypeSet(level, s)).map((s) => s.id) : [],
  );
  const gnKeyOf = new Map<string, string>();
  const specific: Def = {};
  const setFields = new Map<string, Def>();
  for (const f of level.fields) {
    if (siteTypes && f.key === SITE_TYPE_FIELD) continue; // rebuilt from the type files on import
    const inSiteType = f.fieldSet !== undefined && siteSets.has(f.fieldSet);
    // In a site-type file the type is the file itself: the field keeps only its own visibility.
    const own: ResolvedField = inSiteType ? omitSet(f) : f;
    const def = exportField(own, ctx);
    // A key GeoNature reserves for something else at this level (a link, a statistic): renamed, the Suivi key kept.
    const role = generic[f.key]?.role;
    const gnKey = role && role !== 'standard' && role !== 'own' ? `${f.key}_suivi` : f.key;
    if (gnKey !== f.key) def.suivi = { ...(def.suivi as Def | undefined), key: f.key };
    // Explicit, so that a generic definition of the same key (hidden in GeoNature) cannot leak in.
    if (!f.visibleIf && !f.computed) def.hidden = false;
    gnKeyOf.set(f.key, gnKey);
    if (inSiteType)
      setFields.set(f.fieldSet as string, { ...(setFields.get(f.fieldSet as string) ?? {}), [gnKey]: def });
    else specific[gnKey] = def;
    if (f.kind === 'geometry' || f.kind === 'group')
      warnings.push(
        `${level.key}.${f.key}: GeoNature has no ${f.kind} field; written for the round trip only`,
      );
  }
  const kept = new Set(level.fields.map((f) => f.key));
  for (const s of STANDARD_FIELDS[level.type])
    if (!kept.has(s.key) && generic[s.key]) specific[s.key] = { hidden: true };
  const names = (keys: readonly string[]) => keys.map((k) => gnKeyOf.get(k) ?? k);
  const change = changeHandler(level.fields, level.checks ?? [], gnKeyOf, ctx);
  const geometry = level.geometry.kind === 'none' ? undefined : GEOMETRY_TYPES[level.geometry.kind];
  const extension: Def = {
    id: level.id,
    ...(level.key !== object ? { key: level.key } : {}),
    ...(level.type !== (STANDARD_FIELDS[object as keyof typeof STANDARD_FIELDS] ? object : 'custom')
      ? { type: level.type }
      : {}),
    ...(level.label.en !== undefined ? { label: level.label } : {}),
    ...(level.plural.en !== undefined ? { plural: level.plural } : {}),
    geometry: level.geometry,
    fieldSets: level.fieldSets
      .filter((s) => !siteSets.has(s.id))
      .map((s) => ({
        id: s.id,
        label: s.label.en ? s.label : s.label.fr,
        appliesTo: { field: s.field, codes: [...s.codes] },
      })),
    // The checks as written (GeoNature's setErrors carries no id nor message): import-gn takes these.
    ...(level.checks && level.checks.length > 0
      ? {
          checks: level.checks.map((c) => ({
            id: c.id,
            rule: c.rule.source,
            message: c.message.en ? c.message : c.message.fr,
            ...(c.fields.length > 0 ? { fields: [...c.fields] } : {}),
          })),
        }
      : {}),
  };
  const content: Def = {
    label: level.label.fr,
    label_list: level.plural.fr,
    ...(geometry ? { geometry_type: geometry } : {}),
    display_properties: names(level.detail),
    display_list: names(level.list),
    ...(level.sort.length > 0
      ? { sorts: level.sort.map((s) => ({ prop: gnKeyOf.get(s.field) ?? s.field, dir: s.direction })) }
      : {}),
    ...(level.keep.length > 0 ? { keep: names(level.keep) } : {}),
    ...(level.mapLabel ? { map_label_field_name: gnKeyOf.get(level.mapLabel) ?? level.mapLabel } : {}),
    specific,
    ...(change ? { change } : {}),
    suivi: extension,
  };
  const files = (siteTypes ?? []).map(({ code, label }) => {
    const set = level.fieldSets.find((x) => siteSets.has(x.id) && x.codes[0] === code);
    const ext = set ? { suivi: { id: set.id, label: set.label.en ? set.label : set.label.fr } } : {};
    return { code, label, content: { ...ext, specific: set ? (setFields.get(set.id) ?? {}) : {} } };
  });
  return { content, siteTypes: files };
}

function omitSet(f: ResolvedField): ResolvedField {
  const { fieldSet: _set, ownVisibleIf, visibleIf: _folded, ...rest } = f;
  return { ...rest, ...(ownVisibleIf ? { visibleIf: ownVisibleIf } : {}) } as ResolvedField;
}

/**
 * Computed fields → `({objForm, meta}) => { …; objForm.patchValue({ key: expression }) }`, in form order;
 * then each record check shown on a field → `if (!(rule)) objForm.controls.<field>.setErrors({ <id>: true })`,
 * so that GeoNature refuses the record too (a check on the whole record has no control to mark).
 */
function changeHandler(
  fields: readonly ResolvedField[],
  checks: readonly ResolvedCheck[],
  gnKeyOf: ReadonlyMap<string, string>,
  ctx: ExportFieldContext,
): string | undefined {
  const computed = fields.filter((f) => f.computed);
  const marked = checks.filter((c) => c.fields.length > 0);
  if (computed.length === 0 && marked.length === 0) return undefined;
  const helpers = new Set<string>();
  const patches = computed.map((f) => {
    const js = ruleToJs((f.computed as NonNullable<ResolvedField['computed']>).ast, {
      ...ctx,
      record: 'objForm.value',
    });
    for (const h of js.helpers) helpers.add(h);
    return `objForm.patchValue({ ${gnKeyOf.get(f.key) ?? f.key}: ${js.expression} }, { emitEvent: false });`;
  });
  const errors = marked.map((c) => {
    const js = ruleToJs(c.rule.ast, { ...ctx, record: 'objForm.value' });
    for (const h of js.helpers) helpers.add(h);
    const control = `objForm.controls[${JSON.stringify(gnKeyOf.get(c.fields[0] as string) ?? c.fields[0])}]`;
    return `if (!(${js.expression})) { ${control}.setErrors({ ${JSON.stringify(c.id)}: true }); }`;
  });
  return [
    '({objForm, meta}) => {',
    ...helperDeclarations([...helpers].sort()),
    ...patches,
    ...errors,
    '}',
  ].join('\n');
}
