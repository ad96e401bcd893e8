/** The dashboard page's words, French first (the shared dictionary stays small). */
import { useContext } from 'react';
import { LangContext } from '../../i18n.tsx';

const DICT = {
  dashboard: ['Tableau de bord', 'Dashboard'],
  records: ['Enregistrements', 'Records'],
  richness: ['Richesse spécifique', 'Species richness'],
  taxa: ['Taxons', 'Taxa'],
  perMonth: ['Enregistrements par mois', 'Records per month'],
  perSeason: ['Enregistrements par saison', 'Records per season'],
  perStatus: ['Enregistrements par statut de validation', 'Records per validation status'],
  perSite: ['Par site', 'Per site'],
  site: ['Site', 'Site'],
  month: ['Mois', 'Month'],
  season: ['Saison', 'Season'],
  status: ['Statut', 'Status'],
  value: ['Valeur', 'Value'],
  noDate: ['Sans date', 'No date'],
  noValue: ['(vide)', '(empty)'],
  noSite: ['(sans site)', '(no site)'],
  winter: ['Hiver', 'Winter'],
  spring: ['Printemps', 'Spring'],
  summer: ['Été', 'Summer'],
  autumn: ['Automne', 'Autumn'],
  dataTable: ['Données du graphique', 'Chart data'],
  sums: ['Sommes', 'Sums'],
  organisation: ['Organisation', 'Organisation'],
  allOrganisations: ['Toutes les organisations', 'All organisations'],
  yourOrganisation: ['Chiffres de votre organisation', 'Figures of your organisation'],
  imports: ['Imports', 'Imports'],
  file: ['Fichier', 'File'],
  date: ['Date', 'Date'],
  read: ['Lues', 'Read'],
  inserted: ['Ajoutées', 'Inserted'],
  updated: ['Modifiées', 'Updated'],
  rejected: ['Rejetées', 'Rejected'],
  skipped: ['Ignorées', 'Skipped'],
  empty: ['Aucun enregistrement pour l’instant.', 'No record yet.'],
  loading: ['Chargement…', 'Loading…'],
  refreshNote: [
    'Chiffres mis à jour quelques secondes après chaque saisie.',
    'Figures are updated a few seconds after each change.',
  ],
} as const satisfies Record<string, readonly [string, string]>;

export type DashboardKey = keyof typeof DICT;

export function useDashboardT() {
  const lang = useContext(LangContext);
  return (key: DashboardKey) => DICT[key][lang === 'fr' ? 0 : 1];
}
