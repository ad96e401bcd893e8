/** The home page's and the drafts' words, French first; kept here so the shared dictionary stays small. */
import { useContext } from 'react';
import { LangContext } from '../i18n.tsx';

const DICT = {
  home: ['Accueil', 'Home'],
  drafts: ['Brouillons', 'Drafts'],
  draftsHint: [
    'Saisies commencées sur cet appareil et pas encore enregistrées.',
    'Entries started on this device and not saved yet.',
  ],
  resume: ['Reprendre', 'Resume'],
  discard: ['Abandonner', 'Discard'],
  discardAsk: ['Abandonner ce brouillon ?', 'Discard this draft?'],
  startedOn: ['modifié le', 'changed on'],
  latest: ['Dernières modifications', 'Latest changes'],
  noActivity: ['Aucun enregistrement pour l’instant.', 'No records yet.'],
  created: ['créé', 'created'],
  updated: ['modifié', 'updated'],
  by: ['par', 'by'],
  draftRestored: [
    'Brouillon repris : votre saisie précédente, pas encore enregistrée.',
    'Draft resumed: your previous entry, not saved yet.',
  ],
  forParent: ['pour', 'for'],
} as const satisfies Record<string, readonly [string, string]>;

export type HomeKey = keyof typeof DICT;

export function useHomeT() {
  const lang = useContext(LangContext);
  return (key: HomeKey) => DICT[key][lang === 'fr' ? 0 : 1];
}
