/** The cluster map's words, French first. */
import { useContext } from 'react';
import { type Lang, LangContext } from '../i18n.tsx';

const DICT = {
  inView: ['enregistrement(s) dans la vue', 'record(s) in view'],
  loading: ['Chargement de la carte…', 'Loading the map…'],
  failed: ['La carte n’a pas pu être chargée :', 'The map could not be loaded:'],
  open: ['cliquer pour ouvrir la fiche', 'click to open the record'],
  zoomIn: ['Zoomer sur ces enregistrements', 'Zoom in on these records'],
  records: ['enregistrements', 'records'],
  filtered: ['filtres du tableau appliqués', 'table filters applied'],
  mapLabel: ['Carte des enregistrements', 'Map of the records'],
} as const satisfies Record<string, readonly [string, string]>;

export type MapKey = keyof typeof DICT;

/** The map's text for `key` in `lang` (a plain function: effects may depend on `lang` alone). */
export const mapText = (lang: Lang, key: MapKey): string => DICT[key][lang === 'fr' ? 0 : 1];

export function useMapT(): (key: MapKey) => string {
  const lang = useContext(LangContext);
  return (key) => mapText(lang, key);
}
