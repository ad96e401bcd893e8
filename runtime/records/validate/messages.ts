/**
 * Violations worded in French, each naming its field by label: `« Nombre de joints » doit valoir au
 * plus 200.` The code stays the machine-readable part; the message is for people.
 */
import type { Labels, ResolvedField, ResolvedLevel } from '../../../protocol-specs/index.ts';
import type { ApiError } from '../../http/errors.ts';
import type { Violation } from './violation.ts';

const TYPES: Readonly<Record<string, string>> = {
  string: 'un texte',
  integer: 'un nombre entier',
  number: 'un nombre',
  boolean: 'vrai ou faux',
  array: 'une liste',
  object: 'un objet',
};

const FORMATS: Readonly<Record<string, string>> = {
  date: 'une date (AAAA-MM-JJ)',
  'date-time': 'une date et heure avec fuseau (AAAA-MM-JJTHH:MM:SS+01:00)',
  uuid: 'un identifiant (UUID)',
};

const GEOMETRIES: Readonly<Record<string, string>> = {
  point: 'un point',
  line: 'une ligne',
  polygon: 'un polygone',
  any: 'une géométrie GeoJSON',
};

const show = (v: unknown): string => (Array.isArray(v) ? v.join(', ') : String(v));

type Wording = (label: string, v: Violation) => string;

/** Exported for the web form, which words its own checks as the server would (same codes, same sentences). */
export const WORDINGS: Readonly<Record<string, Wording>> = {
  required: (l) => `${l} est obligatoire.`,
  unknown_field: (l) => `${l} n’est pas un champ de ce niveau.`,
  type: (l, v) => `${l} doit être ${TYPES[show(v.expected)] ?? show(v.expected)}.`,
  min: (l, v) => `${l} doit valoir au moins ${show(v.expected)}.`,
  max: (l, v) => `${l} doit valoir au plus ${show(v.expected)}.`,
  max_length: (l, v) => `${l} dépasse ${show(v.expected)} caractères.`,
  pattern: (l) => `${l} n’a pas le format attendu.`,
  format: (l, v) => `${l} doit être ${FORMATS[show(v.expected)] ?? show(v.expected)}.`,
  choice: (l) => `${l} : cette valeur n’est pas proposée.`,
  min_items: (l, v) => `${l} demande au moins ${show(v.expected)} élément(s).`,
  max_items: (l, v) => `${l} accepte au plus ${show(v.expected)} élément(s).`,
  duplicate: (l) => `${l} contient des doublons.`,
  geometry: (l, v) =>
    `${l} n’est pas une géométrie valide${v.expected ? ` (attendu : ${GEOMETRIES[show(v.expected)] ?? show(v.expected)})` : ''}.`,
  geometry_z: (l) =>
    `${l} : les positions ont une altitude (coordonnée Z), que ce champ n’enregistre pas ; envoyez [longitude, latitude].`,
  taxon: (l) => `${l} : ce taxon n’appartient pas à la portée taxonomique du protocole.`,
  parent_missing: (l) => `${l} : l’enregistrement parent n’existe pas (ou ne vous est pas visible).`,
  not_found: (l) => `${l} désigne un enregistrement ou une valeur qui n’existe pas.`,
  invalid_character: (l) => `${l} contient un caractère interdit (NUL).`,
  decimals: (l, v) => `${l} a trop de décimales (au plus ${show(v.expected)}).`,
  observer: (l) => `${l} : chaque observateur est un utilisateur ou un nom.`,
  free_text: (l) => `${l} : seuls des utilisateurs enregistrés sont acceptés.`,
  hidden: (l) => `${l} doit rester vide ici.`,
  media_not_found: (l) =>
    `${l} : ce fichier n’existe pas, ou n’a été déposé ni par vous ni pour cet enregistrement (POST /api/media).`,
  media_type: (l, v) => `${l} : ce type de fichier n’est pas accepté (attendu : ${show(v.expected)}).`,
};

const labelOf = (labels: Labels) => labels.fr;

/** The field a pointer names and a French name for the place: `« Recouvrement › Strate » (ligne 3)`. */
export function placeName(level: ResolvedLevel, path: string): string {
  const [key, row, rowKey] = path.split('/').slice(1);
  if (key === undefined || key === '') return `« ${labelOf(level.label)} »`;
  if (key === 'geometry') return '« Localisation »';
  const parent = level.parents.find((p) => `${p}_id` === key);
  if (parent) return `Le lien vers le parent « ${parent} » (${key})`;
  const field: ResolvedField | undefined = level.fields.find((f) => f.key === key);
  if (!field) return `« ${key.replaceAll('~1', '/').replaceAll('~0', '~')} »`;
  if (field.kind !== 'group' || row === undefined) return `« ${labelOf(field.label)} »`;
  const sub = rowKey === undefined ? undefined : field.fields.find((f) => f.key === rowKey);
  const where = /^\d+$/.test(row) ? ` (ligne ${Number(row) + 1})` : '';
  return `« ${labelOf(field.label)}${sub ? ` › ${labelOf(sub.label)}` : ''} »${where}`;
}

export function worded(level: ResolvedLevel, violations: readonly Violation[]): ApiError[] {
  return violations.map((v) => {
    // A record check says its own words, in both languages (errorResponse picks the request's).
    if (v.check) {
      const messages = { fr: v.check.message.fr, en: v.check.message.en ?? v.check.message.fr };
      return { path: v.path, code: v.code, message: messages.fr, check_id: v.check.id, messages };
    }
    const wording = WORDINGS[v.code] ?? ((l: string) => `${l} est invalide.`);
    const message = `${wording(placeName(level, v.path), v)}${v.detail ? ` (${v.detail})` : ''}`;
    return { path: v.path, code: v.code, message };
  });
}
