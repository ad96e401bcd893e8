/**
 * What can be wrong with an import template, each in French and English, with the JSON pointer of the
 * culprit (`/levels/observation/fields/sex/values/M`). One table keyed by code, so every code has both
 * messages and a new code fails to compile until it has them.
 */

export interface TemplateProblem {
  /** JSON pointer into the template: '' for the whole, `/source/delimiter`, `/levels/visit/match`. */
  readonly path: string;
  readonly code: TemplateProblemCode;
  readonly message: { readonly fr: string; readonly en: string };
}

type Say = (a: Readonly<Record<string, string>>) => { readonly fr: string; readonly en: string };

export const TEMPLATE_PROBLEMS = {
  not_object: () => ({ fr: 'Un objet JSON est attendu ici.', en: 'A JSON object is expected here.' }),
  unknown_key: (a) => ({
    fr: `Clé inconnue « ${a.key} ».`,
    en: `Unknown key "${a.key}".`,
  }),
  required: (a) => ({ fr: `« ${a.key} » est obligatoire.`, en: `"${a.key}" is required.` }),
  format: (a) => ({
    fr: `Format de modèle ${a.found} non pris en charge : ${a.expected} attendu.`,
    en: `Template format ${a.found} is not supported: ${a.expected} expected.`,
  }),
  blank: () => ({ fr: 'Un texte non vide est attendu.', en: 'A non-empty text is expected.' }),
  too_long: (a) => ({ fr: `${a.max} caractères au plus.`, en: `At most ${a.max} characters.` }),
  not_one_of: (a) => ({
    fr: `Valeur « ${a.value} » inattendue : ${a.allowed}.`,
    en: `Unexpected value "${a.value}": ${a.allowed}.`,
  }),
  wrong_type: (a) => ({ fr: `${a.expected_fr} attendu.`, en: `${a.expected_en} expected.` }),
  unknown_module: (a) => ({
    fr: `Le module « ${a.module} » n’est pas installé.`,
    en: `Module "${a.module}" is not installed.`,
  }),
  other_module: (a) => ({
    fr: `Ce modèle est celui du module « ${a.found} », pas de « ${a.expected} ».`,
    en: `This template belongs to module "${a.found}", not "${a.expected}".`,
  }),
  unknown_level: (a) => ({
    fr: `Le module ${a.module} n’a pas de niveau « ${a.level} ».`,
    en: `Module ${a.module} has no level "${a.level}".`,
  }),
  not_an_ancestor: (a) => ({
    fr: `« ${a.level} » n’est ni le niveau importé (${a.target}) ni l’un de ses parents.`,
    en: `"${a.level}" is neither the imported level (${a.target}) nor one of its ancestors.`,
  }),
  missing_level: (a) => ({
    fr: `Le niveau importé « ${a.level} » doit avoir sa correspondance.`,
    en: `The imported level "${a.level}" must have its mapping.`,
  }),
  level_gap: (a) => ({
    fr: `« ${a.level} » est rempli mais aucun de ses niveaux enfants jusqu’à ${a.target} ne l’est.`,
    en: `"${a.level}" is mapped but none of its child levels down to ${a.target} is.`,
  }),
  match_required: (a) => ({
    fr: `Le niveau parent « ${a.level} » a besoin d’une clé (match) pour retrouver ou créer ses enregistrements.`,
    en: `Ancestor level "${a.level}" needs a key (match) to find or create its records.`,
  }),
  unknown_field: (a) => ({
    fr: `Le niveau ${a.level} n’a pas de champ « ${a.field} ».`,
    en: `Level ${a.level} has no field "${a.field}".`,
  }),
  not_importable: (a) => ({
    fr: `Le champ ${a.field} (${a.kind}) ne peut pas être importé d’un fichier.`,
    en: `Field ${a.field} (${a.kind}) cannot be imported from a file.`,
  }),
  computed_field: (a) => ({
    fr: `Le champ ${a.field} est calculé par le protocole : il ne s’importe pas.`,
    en: `Field ${a.field} is computed by the protocol: it is not imported.`,
  }),
  mapping_kind: (a) => ({
    fr: `Une correspondance « ${a.mapping} » ne convient pas au champ ${a.field} (${a.kind}) : ${a.allowed}.`,
    en: `A "${a.mapping}" mapping does not fit field ${a.field} (${a.kind}): ${a.allowed}.`,
  }),
  unknown_mapping: () => ({
    fr: 'Correspondance non reconnue : column, constant, taxon_column, x_column/y_column, wkt_column, geojson_column ou feature_geometry.',
    en: 'Unrecognised mapping: column, constant, taxon_column, x_column/y_column, wkt_column, geojson_column or feature_geometry.',
  }),
  unknown_column: (a) => ({
    fr: `Le fichier n’a pas de colonne « ${a.column} ».`,
    en: `The file has no column "${a.column}".`,
  }),
  unknown_code: (a) => ({
    fr: `« ${a.code} » n’est pas un code du champ ${a.field} (${a.codes}).`,
    en: `"${a.code}" is not a code of field ${a.field} (${a.codes}).`,
  }),
  not_multiple: (a) => ({
    fr: `Le champ ${a.field} ne prend qu’une valeur : pas de séparateur.`,
    en: `Field ${a.field} takes one value: no separator.`,
  }),
  bad_constant: (a) => ({
    fr: `Constante invalide pour le champ ${a.field} (${a.kind}) : ${a.expected_fr}.`,
    en: `Invalid constant for field ${a.field} (${a.kind}): ${a.expected_en}.`,
  }),
  geojson_only: () => ({
    fr: 'La géométrie des entités n’existe que dans un fichier GeoJSON (source.format = geojson).',
    en: 'Feature geometry only exists in a GeoJSON file (source.format = geojson).',
  }),
  bad_srid: () => ({
    fr: 'Un code EPSG entier positif est attendu (2154 pour le Lambert-93, 4326 pour le WGS 84).',
    en: 'A positive integer EPSG code is expected (2154 for Lambert-93, 4326 for WGS 84).',
  }),
  empty_list: () => ({ fr: 'Une liste non vide est attendue.', en: 'A non-empty list is expected.' }),
  duplicate: (a) => ({ fr: `« ${a.value} » apparaît deux fois.`, en: `"${a.value}" appears twice.` }),
} as const satisfies Record<string, Say>;

export type TemplateProblemCode = keyof typeof TEMPLATE_PROBLEMS;

/** JSON pointer segment: `~` and `/` escaped as RFC 6901 says. */
export const pointer = (...segments: readonly (string | number)[]): string =>
  segments.map((s) => `/${String(s).replaceAll('~', '~0').replaceAll('/', '~1')}`).join('');

export const problem = (
  path: string,
  code: TemplateProblemCode,
  args: Readonly<Record<string, string>> = {},
): TemplateProblem => ({ path, code, message: TEMPLATE_PROBLEMS[code](args) });
