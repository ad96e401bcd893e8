/**
 * The import's own words, French and English: problems the record API has no code for (a row's shape,
 * a name not found, a coordinate PostGIS cannot read), template mistakes, job errors. Problems the
 * record API finds keep its code and French message; their English comes from `apiEnglish`.
 */
export interface Words {
  readonly fr: string;
  readonly en: string;
}

export const IMPORT_WORDS = {
  cellCount: (expected: number, found: number): Words => ({
    fr: `La ligne a ${found} cellules au lieu de ${expected}.`,
    en: `The row has ${found} cells instead of ${expected}.`,
  }),
  taxonNotFound: (name: string): Words => ({
    fr: `Taxon introuvable dans le référentiel : « ${name} ».`,
    en: `Taxon not found in the reference list: “${name}”.`,
  }),
  geometryUnreadable: (value: string): Words => ({
    fr: `Géométrie illisible ou non transformable : « ${value} ».`,
    en: `Unreadable or untransformable geometry: “${value}”.`,
  }),
  parentRejected: (level: string): Words => ({
    fr: `Le parent (${level}) de cette ligne a été refusé.`,
    en: `This row's parent (${level}) was refused.`,
  }),
  parentAmbiguous: (level: string, n: number): Words => ({
    fr: `${n} enregistrements (${level}) correspondent à la clé de cette ligne : impossible de choisir.`,
    en: `${n} records (${level}) match this row's key: cannot choose.`,
  }),
  matchAmbiguous: (n: number): Words => ({
    fr: `${n} enregistrements correspondent à la clé de cette ligne : impossible de choisir lequel mettre à jour.`,
    en: `${n} records match this row's key: cannot choose which one to update.`,
  }),
  notMappable: (field: string): Words => ({
    fr: `Le champ « ${field} » ne peut pas être importé depuis une colonne.`,
    en: `Field “${field}” cannot be imported from a column.`,
  }),
  allOrNothing: (rejected: number): Words => ({
    fr: `${rejected} ligne(s) refusée(s) : rien n’a été importé (mode tout ou rien).`,
    en: `${rejected} row(s) refused: nothing was imported (all-or-nothing mode).`,
  }),
  databaseRefused: (detail: string): Words => ({
    fr: `Refusé par la base de données : ${detail}`,
    en: `Refused by the database: ${detail}`,
  }),
} as const;

/** English of the record API's codes (its messages are French): the field's label, then the reason. */
const API_ENGLISH: Readonly<Record<string, (label: string) => string>> = {
  required: (l) => `${l} is required.`,
  unknown_field: (l) => `${l} is not a field of this level.`,
  type: (l) => `${l} has the wrong type.`,
  format: (l) => `${l} is not in the expected format.`,
  min: (l) => `${l} is below its minimum.`,
  max: (l) => `${l} is above its maximum.`,
  minLength: (l) => `${l} is too short.`,
  maxLength: (l) => `${l} is too long.`,
  pattern: (l) => `${l} does not have the expected form.`,
  choice: (l) => `${l} is not one of the allowed values.`,
  enum: (l) => `${l} is not one of the allowed values.`,
  parent_missing: (l) => `${l}: the parent record is missing or not visible.`,
  reference_missing: (l) => `${l}: the referenced record is missing or not visible.`,
  not_unique: (l) => `${l}: this value is already used.`,
  taxon_scope: (l) => `${l}: this taxon is outside the protocol's scope.`,
};

export function apiEnglish(code: string, label: string, french: string): string {
  const word = API_ENGLISH[code];
  return word ? word(label) : `${label}: refused (${code}). ${french}`;
}
