/**
 * A dataset's SINP diffusion level (nomenclature NIV_PRECIS, the standard's `diffusionNiveauPrecision`)
 * and default sensitivity (SENSIBILITE, `sensiNiveau`): their codes, labels in French and English, and
 * the defaults core migration 0015 gives (docs/exports.md says why these). Pure: the admin web page
 * reads it too.
 */
import { findStandardVocabulary } from '../../protocol-specs/standard/sinp-nomenclatures.ts';

export interface LevelChoice {
  readonly code: string;
  readonly label: { readonly fr: string; readonly en: string };
}

/** English labels of the national codes (the nomenclature file holds the French ones). */
const ENGLISH: Readonly<Record<'NIV_PRECIS' | 'SENSIBILITE', Readonly<Record<string, string>>>> = {
  NIV_PRECIS: {
    '0': 'Standard',
    '1': 'Municipality',
    '2': 'Grid cell',
    '3': 'Department',
    '4': 'None',
    '5': 'Precise',
  },
  SENSIBILITE: {
    '0': 'Not sensitive - precise diffusion',
    '1': 'Sensitive - diffusion to the municipality or ZNIEFF',
    '2': 'Sensitive - diffusion to the 10 km grid cell',
    '3': 'Sensitive - diffusion to the department',
    '4': 'Sensitive - no diffusion',
  },
};

function choices(type: 'NIV_PRECIS' | 'SENSIBILITE'): readonly LevelChoice[] {
  const values = findStandardVocabulary(type)?.values ?? [];
  return values.map((v) => ({ code: v.code, label: { fr: v.label, en: ENGLISH[type][v.code] ?? v.label } }));
}

export const DIFFUSION_LEVELS = choices('NIV_PRECIS');
export const SENSITIVITY_LEVELS = choices('SENSIBILITE');
/** 5, « précise »: the view already leaves out what may not be published yet. */
export const DEFAULT_DIFFUSION_LEVEL = '5';
/** 0, « non sensible »: until the national sensitivity referential is applied to the rows. */
export const DEFAULT_SENSITIVITY_LEVEL = '0';
