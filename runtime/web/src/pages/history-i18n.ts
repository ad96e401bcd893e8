/** The record history panel's words, French first; kept here so the shared dictionary stays small. */
import type { Labels } from '../api.ts';

export const HISTORY_TEXT = {
  title: { fr: 'Historique', en: 'History' },
  show: { fr: 'Afficher l’historique', en: 'Show the history' },
  empty: { fr: 'Aucune modification enregistrée.', en: 'No recorded change.' },
  create: { fr: 'Création', en: 'Created' },
  update: { fr: 'Modification', en: 'Changed' },
  delete: { fr: 'Suppression', en: 'Deleted' },
  by: { fr: 'par', en: 'by' },
  nobody: { fr: 'la base de données', en: 'the database' },
  current: { fr: 'version actuelle', en: 'current version' },
  restore: { fr: 'Restaurer cette version', en: 'Restore this version' },
  restoreConfirm: {
    fr: 'Restaurer l’enregistrement tel qu’il était à cette version ? La restauration est une nouvelle modification, vérifiée comme les autres.',
    en: 'Restore the record as it was at this version? The restore is a new change, checked like any other.',
  },
  restored: { fr: 'Version restaurée.', en: 'Version restored.' },
  refused: { fr: 'Cette version ne peut pas être restaurée :', en: 'This version cannot be restored:' },
  emptyValue: { fr: '(vide)', en: '(empty)' },
  // Where the change came from (suivi.record_history.write_path).
  path_api: { fr: 'application', en: 'app' },
  path_import: { fr: 'import', en: 'import' },
  path_migration: { fr: 'migration du protocole', en: 'protocol migration' },
  path_demo: { fr: 'données de démonstration', en: 'demo data' },
  path_restore: { fr: 'restauration', en: 'restore' },
  path_database: { fr: 'écriture directe en base', en: 'direct database write' },
  // Fields of every record that are not in its form.
  field_geometry: { fr: 'Géométrie', en: 'Geometry' },
  field_organisation_id: { fr: 'Organisation', en: 'Organisation' },
  field_validation_status: { fr: 'Statut de validation', en: 'Validation status' },
  field_validation_comment: { fr: 'Commentaire de validation', en: 'Validation comment' },
} satisfies Record<string, Labels>;

export type HistoryTextKey = keyof typeof HISTORY_TEXT;

/** The words for a write path, or the path itself for one this version does not know. */
export const writePathText = (path: string): Labels =>
  (HISTORY_TEXT as Record<string, Labels>)[`path_${path}`] ?? { fr: path, en: path };
