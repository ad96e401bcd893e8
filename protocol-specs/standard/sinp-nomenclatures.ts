/**
 * SINP nomenclature types Suivi knows out of the box: the vocabularies of the national "Occurrences de taxons"
 * exchange standard (and a few GeoNature ones protocols commonly use). A `vocabulary` field or an occurrence
 * mapping names a type by its mnemonic (e.g. STADE_VIE) and a value by its code (`cd_nomenclature`), never by
 * an installation's numeric id.
 *
 * Facts only (type mnemonic, label, SINP attribute, value codes and labels, hierarchy as `broader`), taken from
 * the SINP / GeoNature reference nomenclatures (Nomenclature-api-module 1.6.5). Values are listed in the
 * reference's hierarchy order.
 */

export interface StandardVocabularyValue {
  readonly code: string;
  readonly label: string;
  /** Code of the broader value, for hierarchical types (TYPE_SITE). */
  readonly broader?: string;
}

export interface StandardVocabulary {
  /** Type mnemonic, e.g. STADE_VIE. */
  readonly code: string;
  readonly label: string;
  /** Attribute of the SINP occurrence standard the type feeds, e.g. occStadeDeVie. */
  readonly sinpAttribute?: string;
  readonly values: readonly StandardVocabularyValue[];
}

/** Sorted by code (code-unit order). */
export const SINP_NOMENCLATURES: readonly StandardVocabulary[] = [
  {
    code: 'DEE_FLOU',
    label: "Existence d'un floutage sur la donnée",
    sinpAttribute: 'dEEFloutage',
    values: [
      { code: 'NON', label: 'Non' },
      { code: 'OUI', label: 'Oui' },
      { code: 'NSP', label: 'NSP' },
    ],
  },
  {
    code: 'DS_PUBLIQUE',
    label: "Code d'origine de la donnée",
    sinpAttribute: 'dSPublique',
    values: [
      { code: 'NSP', label: 'Ne sait pas' },
      { code: 'Pu', label: 'Publique' },
      { code: 'Pr', label: 'Privée' },
    ],
  },
  {
    code: 'ETA_BIO',
    label: "Etat biologique de l'observation",
    sinpAttribute: 'occEtatBiologique',
    values: [
      { code: '0', label: 'NSP' },
      { code: '1', label: 'Non renseigné' },
      { code: '2', label: 'Observé vivant' },
      { code: '3', label: 'Trouvé mort' },
    ],
  },
  {
    code: 'EXPOSITION',
    label: "Exposition d'un terrain",
    values: [
      { code: 'E', label: 'Est' },
      { code: 'ENE', label: 'Est-Nord-Est' },
      { code: 'ESE', label: 'Est-Sud-Est' },
      { code: 'N', label: 'Nord' },
      { code: 'NE', label: 'Nord-Est' },
      { code: 'NNE', label: 'Nord-Nord-Est' },
      { code: 'NNO', label: 'Nord-Nord-Ouest' },
      { code: 'NO', label: 'Nord-Ouest' },
      { code: 'O', label: 'Ouest' },
      { code: 'ONO', label: 'Ouest-Nord-Ouest' },
      { code: 'OSO', label: 'Ouest-Sud-Ouest' },
      { code: 'S', label: 'Sud' },
      { code: 'SE', label: 'Sud-Est' },
      { code: 'SO', label: 'Sud-Ouest' },
      { code: 'SSE', label: 'Sud-Sud-Est' },
      { code: 'SSO', label: 'Sud-Sud-Ouest' },
    ],
  },
  {
    code: 'METH_DETERMIN',
    label: 'Méthode de détermination',
    sinpAttribute: 'occMethodeDetermination',
    values: [
      { code: '1', label: 'Non renseigné' },
      { code: '2', label: 'Autre méthode de détermination' },
      { code: '3', label: 'Analyse d’ADN environnemental' },
      { code: '4', label: "Analyse ADN de l'individu ou de ses restes" },
      { code: '5', label: 'Analyse biophysique ou biochimique' },
      { code: '6', label: "Déduction de l'espèce par n° d'identification" },
      { code: '7', label: 'Détermination informatique par un outil de reconnaissance automatique' },
      { code: '8', label: 'Examen biométrique' },
      { code: '9', label: 'Examen auditif direct' },
      { code: '10', label: 'Examen auditif avec transformation électronique' },
      { code: '11', label: 'Examen des organes reproducteurs ou critères spécifiques en laboratoire' },
      { code: '12', label: 'Examen des organes reproducteurs ou critères spécifiques sur le terrain' },
      { code: '13', label: 'Examen des restes de l’individu sous loupe ou microscope' },
      { code: '14', label: 'Examen visuel des restes de l’individu' },
      { code: '15', label: "Examen des restes de l'individu sur photo ou vidéo" },
      { code: '16', label: 'Examen des traces ou indices de présence sur photo ou vidéo' },
      { code: '17', label: 'Examen direct des traces ou indices de présence' },
      { code: '18', label: 'Examen visuel à distance' },
      { code: '19', label: 'Examen visuel en collection' },
      { code: '20', label: 'Examen visuel sous loupe ou microscope' },
      { code: '21', label: 'Examen visuel de l’individu en main' },
      { code: '22', label: 'Examen visuel sur photo ou vidéo' },
    ],
  },
  {
    code: 'METH_OBS',
    label: "Méthodes d'observation",
    sinpAttribute: 'obsTechnique',
    values: [
      { code: '0', label: 'Vu' },
      { code: '1', label: 'Entendu' },
      { code: '2', label: "Coquilles d'œuf" },
      { code: '3', label: 'Ultrasons' },
      { code: '4', label: 'Empreintes' },
      { code: '5', label: 'Exuvie' },
      { code: '6', label: 'Fèces/Guano/Epreintes' },
      { code: '7', label: 'Mues' },
      { code: '8', label: 'Nid/Gîte' },
      { code: '9', label: 'Pelote de réjection' },
      { code: '10', label: 'Restes dans pelote de réjection' },
      { code: '11', label: 'Poils/plumes/phanères' },
      { code: '12', label: 'Restes de repas' },
      { code: '13', label: 'Spore' },
      { code: '14', label: 'Pollen' },
      { code: '15', label: 'Oosphère' },
      { code: '16', label: 'Ovule' },
      { code: '17', label: 'Fleur' },
      { code: '18', label: 'Feuille' },
      { code: '19', label: 'ADN environnemental' },
      { code: '20', label: 'Autre' },
      { code: '21', label: 'Inconnu' },
      { code: '22', label: 'Mine' },
      { code: '23', label: 'Galerie/terrier' },
      { code: '24', label: 'Oothèque' },
      { code: '25', label: 'Vu et entendu' },
      { code: '26', label: 'Olfactif' },
      { code: '27', label: 'Empreintes et fèces' },
    ],
  },
  {
    code: 'NATURALITE',
    label: 'Niveau de naturalité',
    sinpAttribute: 'occNaturalite',
    values: [
      { code: '0', label: 'Inconnu' },
      { code: '1', label: 'Sauvage' },
      { code: '2', label: 'Cultivé/élevé' },
      { code: '3', label: 'Planté' },
      { code: '4', label: 'Féral' },
      { code: '5', label: 'Subspontané' },
    ],
  },
  {
    code: 'NAT_OBJ_GEO',
    label: "Nature d'objet géographique",
    sinpAttribute: 'natureObjetGeo',
    values: [
      { code: 'NSP', label: 'Ne sait pas' },
      { code: 'In', label: 'Inventoriel' },
      { code: 'St', label: 'Stationnel' },
    ],
  },
  {
    code: 'NIV_PRECIS',
    label: 'Niveaux de précision de diffusion souhaités',
    sinpAttribute: 'diffusionNiveauPrecision',
    values: [
      { code: '0', label: 'Standard' },
      { code: '1', label: 'Commune' },
      { code: '2', label: 'Maille' },
      { code: '3', label: 'Département' },
      { code: '4', label: 'Aucune' },
      { code: '5', label: 'Précise' },
    ],
  },
  {
    code: 'OBJ_DENBR',
    label: 'Objet du dénombrement',
    sinpAttribute: 'objetDenombrement',
    values: [
      { code: 'NSP', label: 'Ne Sait Pas' },
      { code: 'IND', label: 'Individu' },
      { code: 'CPL', label: 'Couple' },
      { code: 'COL', label: 'Colonie' },
      { code: 'NID', label: 'Nid' },
      { code: 'PON', label: 'Ponte' },
      { code: 'HAM', label: 'Hampe florale' },
      { code: 'TIGE', label: 'Tige' },
      { code: 'TOUF', label: 'Touffe' },
      { code: 'SURF', label: 'Surface' },
    ],
  },
  {
    code: 'OCC_COMPORTEMENT',
    label: 'Comportement des occurrences observées',
    sinpAttribute: 'occComportement',
    values: [
      { code: '0', label: 'Inconnu' },
      { code: '1', label: 'Non renseigné' },
      { code: '2', label: 'Echouage' },
      { code: '3', label: 'Dortoir' },
      { code: '4', label: 'Migration' },
      { code: '5', label: 'Construction de toile' },
      { code: '6', label: 'Halte migratoire' },
      { code: '7', label: 'Swarming' },
      { code: '8', label: 'Chasse/alimentation' },
      { code: '9', label: 'Hivernage' },
      { code: '10', label: 'Passage en vol' },
      { code: '11', label: 'Erratique' },
      { code: '12', label: 'Sédentaire' },
      { code: '13', label: 'Estivage' },
      { code: '14', label: 'Nourrissage des jeunes' },
      { code: '15', label: 'Posé' },
      { code: '16', label: 'Déplacement' },
      { code: '17', label: 'Repos' },
      { code: '18', label: 'Chant' },
      { code: '19', label: 'Accouplement' },
      { code: '20', label: 'Cœur copulatoire' },
      { code: '21', label: 'Tandem' },
      { code: '22', label: 'Territorial' },
      { code: '23', label: 'Pond' },
    ],
  },
  {
    code: 'PREUVE_EXIST',
    label: 'Preuve existante',
    sinpAttribute: 'preuveExistante',
    values: [
      { code: '0', label: 'Inconnu' },
      { code: '1', label: 'Oui' },
      { code: '2', label: 'Non' },
      { code: '3', label: 'Non acquise' },
    ],
  },
  {
    code: 'SENSIBILITE',
    label: 'Niveaux de sensibilité',
    sinpAttribute: 'sensiNiveau',
    values: [
      { code: '0', label: 'Non sensible - Diffusion précise' },
      { code: '1', label: 'Sensible - Diffusion à la Commune ou Znieff' },
      { code: '2', label: 'Sensible - Diffusion à la maille 10km' },
      { code: '3', label: 'Sensible - Diffusion au département' },
      { code: '4', label: 'Sensible - Aucune diffusion' },
    ],
  },
  {
    code: 'SEXE',
    label: 'Sexe',
    sinpAttribute: 'occSexe',
    values: [
      { code: '0', label: 'Inconnu' },
      { code: '1', label: 'Indéterminé' },
      { code: '2', label: 'Femelle' },
      { code: '3', label: 'Mâle' },
      { code: '4', label: 'Hermaphrodite' },
      { code: '5', label: 'Mixte' },
      { code: '6', label: 'Non renseigné' },
    ],
  },
  {
    code: 'STADE_VIE',
    label: 'Stade de vie : stade de développement du sujet',
    sinpAttribute: 'occStadeDeVie',
    values: [
      { code: '0', label: 'Inconnu' },
      { code: '1', label: 'Indéterminé' },
      { code: '2', label: 'Adulte' },
      { code: '3', label: 'Juvénile' },
      { code: '4', label: 'Immature' },
      { code: '5', label: 'Sub-adulte' },
      { code: '6', label: 'Larve' },
      { code: '7', label: 'Chenille' },
      { code: '8', label: 'Têtard' },
      { code: '9', label: 'Œuf' },
      { code: '10', label: 'Mue' },
      { code: '11', label: 'Exuvie' },
      { code: '12', label: 'Chrysalide' },
      { code: '13', label: 'Nymphe' },
      { code: '14', label: 'Pupe' },
      { code: '15', label: 'Imago' },
      { code: '16', label: 'Sub-imago' },
      { code: '17', label: 'Alevin' },
      { code: '18', label: 'Germination' },
      { code: '19', label: 'Fané' },
      { code: '20', label: 'Graine' },
      { code: '21', label: 'Thalle, protothalle' },
      { code: '22', label: 'Tubercule' },
      { code: '23', label: 'Bulbe' },
      { code: '24', label: 'Rhizome' },
      { code: '25', label: 'Emergent' },
      { code: '26', label: 'Post-Larve' },
      { code: '27', label: 'Fruit' },
    ],
  },
  {
    code: 'STATUT_BIO',
    label: 'Statut biologique',
    sinpAttribute: 'occStatutBiologique',
    values: [
      { code: '0', label: 'Inconnu' },
      { code: '1', label: 'Non renseigné' },
      { code: '2', label: 'Non Déterminé' },
      { code: '3', label: 'Reproduction' },
      { code: '4', label: 'Hibernation' },
      { code: '5', label: 'Estivation' },
      { code: '9', label: 'Pas de reproduction' },
      { code: '13', label: 'Végétatif' },
    ],
  },
  {
    code: 'STATUT_OBS',
    label: "Statut d'observation",
    sinpAttribute: 'statutObservation',
    values: [
      { code: 'No', label: 'Non observé' },
      { code: 'Pr', label: 'Présent' },
      { code: 'NSP', label: 'Ne Sait Pas' },
    ],
  },
  {
    code: 'STATUT_SOURCE',
    label: 'Statut de la source',
    sinpAttribute: 'statutSource',
    values: [
      { code: 'NSP', label: 'Ne Sait Pas' },
      { code: 'Te', label: 'Terrain' },
      { code: 'Li', label: 'Littérature' },
      { code: 'Co', label: 'Collection' },
    ],
  },
  {
    code: 'STATUT_VALID',
    label: 'Statut de validation',
    sinpAttribute: 'nivVal',
    values: [
      { code: '0', label: 'En attente de validation' },
      { code: '1', label: 'Certain - très probable' },
      { code: '2', label: 'Probable' },
      { code: '3', label: 'Douteux' },
      { code: '4', label: 'Invalide' },
      { code: '5', label: 'Non réalisable' },
      { code: '6', label: 'Inconnu' },
    ],
  },
  {
    code: 'STAT_BIOGEO',
    label: 'Statut biogéographique',
    sinpAttribute: 'occStatutBioGeographique',
    values: [
      { code: '0', label: 'Inconnu/cryptogène' },
      { code: '1', label: 'Non renseigné' },
      { code: '2', label: 'Présent (indigène ou indéterminé)' },
      { code: '3', label: 'Introduit' },
      { code: '4', label: 'Introduit envahissant' },
      { code: '5', label: 'Introduit non établi (dont domestique)' },
      { code: '6', label: 'Occasionnel' },
    ],
  },
  {
    code: 'TYPE_SITE',
    label: 'Type de sites',
    values: [
      { code: 'CHI', label: 'Site chiroptère' },
      { code: '1', label: 'Grotte', broader: 'CHI' },
      { code: '2', label: 'Mine', broader: 'CHI' },
      { code: '3', label: 'Bâti', broader: 'CHI' },
      { code: '4', label: 'Arbre', broader: 'CHI' },
      { code: '5', label: 'Rocher', broader: 'CHI' },
      { code: '6', label: 'Hors gîte', broader: 'CHI' },
      { code: '7', label: 'Indéterminé', broader: 'CHI' },
    ],
  },
  {
    code: 'TYP_DENBR',
    label: 'Type de dénombrement',
    sinpAttribute: 'typeDenombrement',
    values: [
      { code: 'NSP', label: 'Ne sait pas' },
      { code: 'Co', label: 'Compté' },
      { code: 'Ca', label: 'Calculé' },
      { code: 'Es', label: 'Estimé' },
    ],
  },
  {
    code: 'TYP_GRP',
    label: 'Type de regroupement',
    sinpAttribute: 'typeRegroupement',
    values: [
      { code: 'NSP', label: 'NSP' },
      { code: 'AUTR', label: 'AUTR' },
      { code: 'CAMP', label: 'CAMP' },
      { code: 'INVSTA', label: 'INVSTA' },
      { code: 'LIEN', label: 'LIEN' },
      { code: 'OBS', label: 'OBS' },
      { code: 'OP', label: 'OP' },
      { code: 'PASS', label: 'PASS' },
      { code: 'POINT', label: 'POINT' },
      { code: 'REL', label: 'REL' },
      { code: 'STRAT', label: 'STRAT' },
    ],
  },
  {
    code: 'TYP_INF_GEO',
    label: "Type d'information géographique",
    sinpAttribute: 'typeInfoGeo',
    values: [
      { code: '1', label: 'Géoréférencement' },
      { code: '2', label: 'Rattachement' },
    ],
  },
];

const BY_CODE: ReadonlyMap<string, StandardVocabulary> = new Map(SINP_NOMENCLATURES.map((v) => [v.code, v]));

/** The SINP nomenclature type with this mnemonic, if Suivi knows it. */
export function findStandardVocabulary(code: string): StandardVocabulary | undefined {
  return BY_CODE.get(code);
}
