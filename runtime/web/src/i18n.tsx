/** French by default, English on demand; the choice is kept in localStorage. */
import { createContext, useContext } from 'react';
import type { Labels } from './api.ts';

export type Lang = 'fr' | 'en';

const DICT = {
  modules: ['Modules', 'Modules'],
  dashboard: ['Tableau de bord', 'Dashboard'],
  login: ['Connexion', 'Log in'],
  logout: ['Déconnexion', 'Log out'],
  user: ['Identifiant', 'Login'],
  password: ['Mot de passe', 'Password'],
  loginFailed: ['Identifiant ou mot de passe incorrect.', 'Wrong login or password.'],
  tooManyAttempts: [
    'Trop de tentatives de connexion échouées : réessayez dans {n} min.',
    'Too many failed sign-in attempts: try again in {n} min.',
  ],
  loading: ['Chargement…', 'Loading…'],
  new: ['Nouveau', 'New'],
  edit: ['Modifier', 'Edit'],
  delete: ['Supprimer', 'Delete'],
  save: ['Enregistrer', 'Save'],
  saveNext: ['Enregistrer et saisir le suivant', 'Save and add the next one'],
  saved: ['Enregistré.', 'Saved.'],
  cancel: ['Annuler', 'Cancel'],
  filter: ['Filtrer', 'Filter'],
  dayExpected: ['Une date jj/mm/aaaa', 'A date dd/mm/yyyy'],
  search: ['Rechercher', 'Search'],
  previous: ['Précédent', 'Previous'],
  next: ['Suivant', 'Next'],
  empty: ['Aucun enregistrement.', 'No records.'],
  total: ['enregistrement(s)', 'record(s)'],
  point: ['Point', 'Point'],
  line: ['Ligne', 'Line'],
  polygon: ['Polygone', 'Polygon'],
  clear: ['Effacer', 'Clear'],
  myPosition: ['Ma position', 'My position'],
  gpsAccuracy: ['Position GPS à ± {m} m', 'GPS position within {m} m'],
  noPosition: ['Position indisponible :', 'Position unavailable:'],
  clickMap: ['Cliquez sur la carte pour placer la géométrie.', 'Click the map to place the geometry.'],
  add: ['Ajouter', 'Add'],
  remove: ['Retirer', 'Remove'],
  all: ['Tous', 'All'],
  notFound: ['introuvable', 'not found'],
  chooseFiles: ['Choisir des fichiers', 'Choose files'],
  uploading: ['Envoi en cours…', 'Uploading…'],
  tooManyFiles: ['Au plus {n} fichier(s).', 'At most {n} file(s).'],
  mediaTitle: ['Titre', 'Title'],
  mediaAuthor: ['Auteur', 'Author'],
  errors: ['Le serveur a refusé l’enregistrement :', 'The server refused the record:'],
  serverError: [
    'Le serveur n’a pas pu enregistrer : réessayez dans un instant.',
    'The server could not save: try again in a moment.',
  ],
  typeToSearch: ['Tapez au moins 2 lettres', 'Type at least 2 letters'],
  suggestions: ['Suggestions', 'Suggestions'],
  searchObserver: ['Rechercher un observateur', 'Search for an observer'],
  searchRecord: ['Rechercher un enregistrement', 'Search for a record'],
  confirmDelete: ['Supprimer cet enregistrement ?', 'Delete this record?'],
  confirmDeleteText: ['« {name} » sera supprimé définitivement.', '“{name}” will be deleted for good.'],
  hasChildren: [
    'Des enregistrements y sont rattachés ({list}) : supprimez-les d’abord.',
    'Records are attached to it ({list}): delete them first.',
  ],
  deleteFailed: ['La suppression a échoué.', 'The deletion failed.'],
  close: ['Fermer', 'Close'],
  checking: ['Vérification…', 'Checking…'],
  menu: ['Menu', 'Menu'],
  columns: ['Colonnes', 'Columns'],
  breadcrumbs: ['Fil d’Ariane', 'Breadcrumbs'],
} as const satisfies Record<string, readonly [string, string]>;

export type Key = keyof typeof DICT;

export const LangContext = createContext<Lang>('fr');

export function useT() {
  const lang = useContext(LangContext);
  return {
    lang,
    t: (key: Key) => DICT[key][lang === 'fr' ? 0 : 1],
    label: (l: Labels | undefined) => (l ? ((lang === 'en' ? l.en : undefined) ?? l.fr) : ''),
    /** « Nouveau : Passage » / "New: Passage": French puts a space before the colon. */
    colon: lang === 'fr' ? ' : ' : ': ',
  };
}

export function initialLang(): Lang {
  return localStorage.getItem('suivi.lang') === 'en' ? 'en' : 'fr';
}
