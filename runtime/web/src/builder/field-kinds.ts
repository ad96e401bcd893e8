/**
 * The spec language's field kinds as the editor offers them: a name in both languages and the
 * properties each kind accepts (docs/spec.md §5). One exhaustive table: a new kind in the spec language
 * fails to compile here until the editor says how to edit it.
 */
import type { FieldKind } from '../../../../protocol-specs/resolved.ts';
import type { LevelType } from '../../../../protocol-specs/standard/standard-fields.ts';

export type { FieldKind, LevelType };

/** Property editors (FieldProperties.tsx renders each one). */
export type PropertyName =
  | 'maxLength'
  | 'pattern'
  | 'unit'
  | 'decimals'
  | 'min'
  | 'max'
  | 'default'
  | 'choices'
  | 'vocabulary'
  | 'codes'
  | 'multiple'
  | 'display'
  | 'filter'
  | 'taxa'
  | 'fixed'
  | 'freeText'
  | 'datasets'
  | 'typology'
  | 'level'
  | 'maxFiles'
  | 'accept'
  | 'geometry'
  | 'minItems'
  | 'maxItems';

interface KindEditing {
  readonly label: { readonly fr: string; readonly en: string };
  readonly properties: readonly PropertyName[];
  /** Section and group accept fewer common keys (no computed, default, readOnly for a section). */
  readonly stores: 'value' | 'rows' | 'nothing';
}

const BOUNDED: readonly PropertyName[] = ['min', 'max', 'default'];

export const FIELD_KIND_EDITING = {
  text: {
    label: { fr: 'Texte', en: 'Text' },
    properties: ['maxLength', 'pattern', 'default'],
    stores: 'value',
  },
  long_text: {
    label: { fr: 'Texte long', en: 'Long text' },
    properties: ['maxLength', 'default'],
    stores: 'value',
  },
  integer: { label: { fr: 'Entier', en: 'Integer' }, properties: ['unit', ...BOUNDED], stores: 'value' },
  decimal: {
    label: { fr: 'Décimal', en: 'Decimal' },
    properties: ['unit', 'decimals', ...BOUNDED],
    stores: 'value',
  },
  boolean: { label: { fr: 'Oui / non', en: 'Yes / no' }, properties: ['default'], stores: 'value' },
  date: { label: { fr: 'Date', en: 'Date' }, properties: BOUNDED, stores: 'value' },
  time: { label: { fr: 'Heure', en: 'Time' }, properties: BOUNDED, stores: 'value' },
  datetime: { label: { fr: 'Date et heure', en: 'Date and time' }, properties: BOUNDED, stores: 'value' },
  choice: {
    label: { fr: 'Choix', en: 'Choice' },
    properties: ['choices', 'multiple', 'display', 'filter', 'default'],
    stores: 'value',
  },
  vocabulary: {
    label: { fr: 'Vocabulaire', en: 'Vocabulary' },
    properties: ['vocabulary', 'codes', 'multiple', 'display', 'filter', 'default'],
    stores: 'value',
  },
  taxon: { label: { fr: 'Taxon', en: 'Taxon' }, properties: ['taxa', 'fixed', 'default'], stores: 'value' },
  observers: {
    label: { fr: 'Observateurs', en: 'Observers' },
    properties: ['multiple', 'freeText', 'default'],
    stores: 'value',
  },
  dataset: {
    label: { fr: 'Jeu de données', en: 'Dataset' },
    properties: ['datasets', 'default'],
    stores: 'value',
  },
  habitat: {
    label: { fr: 'Habitat', en: 'Habitat' },
    properties: ['typology', 'codes', 'multiple', 'filter'],
    stores: 'value',
  },
  reference: {
    label: { fr: 'Lien vers un niveau', en: 'Link to a level' },
    properties: ['level', 'multiple'],
    stores: 'value',
  },
  media: { label: { fr: 'Médias', en: 'Media' }, properties: ['maxFiles', 'accept'], stores: 'value' },
  geometry: { label: { fr: 'Géométrie', en: 'Geometry' }, properties: ['geometry'], stores: 'value' },
  group: {
    label: { fr: 'Groupe répétable', en: 'Repeatable group' },
    properties: ['minItems', 'maxItems'],
    stores: 'rows',
  },
  section: { label: { fr: 'Section (titre)', en: 'Section (heading)' }, properties: [], stores: 'nothing' },
} as const satisfies Record<FieldKind, KindEditing>;

export const FIELD_KINDS = Object.keys(FIELD_KIND_EDITING) as FieldKind[];

export const LEVEL_TYPE_LABELS = {
  sites_group: { fr: 'Groupe de sites', en: 'Site group' },
  site: { fr: 'Site', en: 'Site' },
  visit: { fr: 'Visite', en: 'Visit' },
  observation: { fr: 'Observation', en: 'Observation' },
  observation_detail: { fr: 'Détail d’observation', en: 'Observation detail' },
  custom: { fr: 'Personnalisé', en: 'Custom' },
} as const satisfies Record<LevelType, { fr: string; en: string }>;

export const LEVEL_TYPES = Object.keys(LEVEL_TYPE_LABELS) as LevelType[];

/** min, max and default accept a literal or `{ rule }`; this says what a literal is for each kind. */
export function literalInput(
  kind: FieldKind,
): 'number' | 'date' | 'time' | 'datetime-local' | 'text' | 'checkbox' {
  switch (kind) {
    case 'integer':
    case 'decimal':
    case 'taxon':
      return 'number';
    case 'date':
      return 'date';
    case 'time':
      return 'time';
    case 'datetime':
      return 'datetime-local';
    case 'boolean':
      return 'checkbox';
    default:
      return 'text';
  }
}
