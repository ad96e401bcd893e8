/** The export menu's words, French first; kept here so the shared dictionary stays small. */
import { useContext } from 'react';
import { LangContext } from '../i18n.tsx';

const DICT = {
  export: ['Exporter…', 'Export…'],
  format: ['Format', 'Format'],
  csv: ['CSV (tableur)', 'CSV (spreadsheet)'],
  geojson: ['GeoJSON (carte)', 'GeoJSON (map)'],
  xlsx: ['Excel (XLSX)', 'Excel (XLSX)'],
  gpkg: ['GeoPackage (QGIS)', 'GeoPackage (QGIS)'],
  values: ['Valeurs', 'Values'],
  codes: ['Codes', 'Codes'],
  labels: ['Libellés', 'Labels'],
  headers: ['En-têtes', 'Headers'],
  columns: ['Noms de colonnes', 'Column names'],
  fr: ['Français', 'French'],
  en: ['Anglais', 'English'],
  separator: ['Séparateur', 'Separator'],
  comma: ['Virgule (,)', 'Comma (,)'],
  semicolon: ['Point-virgule (; Excel français)', 'Semicolon (; French Excel)'],
  bom: ['Marque UTF-8 (BOM) pour Excel', 'UTF-8 mark (BOM) for Excel'],
  tree: ['Avec les niveaux parents (arbre complet)', 'With the parent levels (whole tree)'],
  background: ['En tâche de fond (gros export)', 'In the background (large export)'],
  download: ['Télécharger', 'Download'],
  start: ['Lancer l’export', 'Start the export'],
  running: ['Export en cours : {done} / {total} lignes', 'Exporting: {done} / {total} rows'],
  queued: ['Export en attente…', 'Export queued…'],
  ready: ['Fichier prêt ({rows} lignes) : télécharger', 'File ready ({rows} rows): download'],
  failed: ['L’export a échoué : {error}', 'The export failed: {error}'],
  expired: ['Le fichier a expiré : relancez l’export.', 'The file expired: start the export again.'],
  filtersApply: ['Les filtres du tableau s’appliquent.', 'The table’s filters apply.'],
} as const satisfies Record<string, readonly [string, string]>;

export type ExportKey = keyof typeof DICT;

/** The word for `key`, its `{name}` placeholders replaced by `values`. */
export function useExportT(): (key: ExportKey, values?: Record<string, string | number>) => string {
  const lang = useContext(LangContext);
  return (key, values = {}) =>
    DICT[key][lang === 'fr' ? 0 : 1].replace(/\{(\w+)\}/g, (all, name: string) =>
      Object.hasOwn(values, name) ? String(values[name]) : all,
    );
}
