/** How each change class reads to people, most demanding first: the order reports group changes in. */
import type { ChangeClass } from './change-class.ts';

export const CHANGE_CLASS_LABELS = {
  destructive: { fr: 'destructif (archivé)', en: 'destructive (archived)' },
  data_dependent: { fr: 'dépend des données', en: 'data-dependent' },
  rename: { fr: 'renommage', en: 'rename' },
  additive: { fr: 'ajout', en: 'additive' },
  metadata: { fr: 'métadonnées', en: 'metadata' },
} as const satisfies Record<ChangeClass, { readonly fr: string; readonly en: string }>;

export const CHANGE_CLASSES_BY_SEVERITY = Object.keys(CHANGE_CLASS_LABELS) as readonly ChangeClass[];
