/** The metadata tab's words, French first. */
import { useContext } from 'react';
import { LangContext } from '../../i18n.tsx';

const DICT = {
  frameworks: ['Cadres d’acquisition', 'Acquisition frameworks'],
  datasets: ['Jeux de données', 'Datasets'],
  label: ['Libellé', 'Label'],
  sinpUuid: ['UUID SINP', 'SINP UUID'],
  framework: ['Cadre d’acquisition', 'Acquisition framework'],
  modules: ['Modules', 'Modules'],
  records: ['Enregistrements', 'Records'],
  newFramework: ['Nouveau cadre d’acquisition', 'New acquisition framework'],
  newDataset: ['Nouveau jeu de données', 'New dataset'],
  edit: ['Modifier', 'Edit'],
  delete: ['Supprimer', 'Delete'],
  inUse: [
    'Suppression refusée : cette fiche est utilisée (jeux de données, protocoles ou enregistrements).',
    'Deletion refused: this entry is in use (datasets, protocols or records).',
  ],
  uuidHint: ['UUID du registre national, facultatif', 'National registry UUID, optional'],
  sinpLevels: ['Diffusion SINP', 'SINP diffusion'],
  diffusionLevel: ['Niveau de précision de diffusion', 'Diffusion precision level'],
  sensitivityLevel: ['Sensibilité par défaut', 'Default sensitivity'],
} as const satisfies Record<string, readonly [string, string]>;

export function useMetadataT() {
  const lang = useContext(LangContext);
  return (key: keyof typeof DICT) => DICT[key][lang === 'fr' ? 0 : 1];
}
