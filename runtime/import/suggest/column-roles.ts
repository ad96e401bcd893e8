/**
 * The column names providers use for the usual things — GeoNature's export and synthesis names
 * (cd_nom, nom_cite, date_min, the_geom, observateurs…), the SINP standard's (cdNom, dateDebut…) and
 * common French and English spellings — and which field of a level each role goes to. This is what
 * matches a header no field is named like.
 */
import type { ImportableField } from '../module-fields.ts';
import { fold } from './fold.ts';

export type ColumnRole =
  | 'taxon'
  | 'date_start'
  | 'date_end'
  | 'observers'
  | 'x'
  | 'y'
  | 'wkt'
  | 'geojson'
  | 'count'
  | 'count_min'
  | 'count_max'
  | 'comment'
  | 'sex'
  | 'life_stage'
  | 'site_name'
  | 'site_code'
  | 'uuid'
  | 'time_start'
  | 'time_end'
  | 'altitude';

/** Folded header texts per role (every name is folded before comparing: write them readable). */
const NAMES: Readonly<Record<ColumnRole, readonly string[]>> = {
  taxon: [
    'cd_nom',
    'cdnom',
    'cd_ref',
    'nom_cite',
    'nom cité',
    'lb_nom',
    'nom_valide',
    'nom_complet',
    'nom_scientifique',
    'nom latin',
    'espece',
    'espèce',
    'taxon',
    'species',
    'scientific_name',
    'nom_vern',
    'nom vernaculaire',
    'nom_francais',
    'vernacular_name',
  ],
  date_start: [
    'date',
    'date_min',
    'date_debut',
    'datedebut',
    'date_obs',
    'date_observation',
    'date_visite',
    'jour',
    'date_start',
    'start_date',
    'eventdate',
    'visit_date',
  ],
  date_end: ['date_max', 'date_fin', 'datefin', 'date_end', 'end_date'],
  observers: [
    'observateurs',
    'observateur',
    'observers',
    'observer',
    'obs',
    'auteur',
    'auteurs',
    'recorded_by',
    'recordedby',
  ],
  x: [
    'x',
    'x_l93',
    'xl93',
    'x_lambert93',
    'coord_x',
    'coordx',
    'longitude',
    'lon',
    'lng',
    'long',
    'easting',
    'x_wgs84',
    'x_centroid',
    'decimallongitude',
  ],
  y: [
    'y',
    'y_l93',
    'yl93',
    'y_lambert93',
    'coord_y',
    'coordy',
    'latitude',
    'lat',
    'northing',
    'y_wgs84',
    'y_centroid',
    'decimallatitude',
  ],
  wkt: [
    'the_geom',
    'the_geom_4326',
    'the_geom_local',
    'the_geom_2154',
    'wkt',
    'geom',
    'geometrie',
    'géométrie',
    'geometry',
    'geom_wkt',
  ],
  geojson: ['geojson', 'geom_geojson', 'geometry_geojson'],
  count: ['nombre', 'effectif', 'nb', 'count', 'total', 'effectif_total', 'nombre_total', 'individualcount'],
  count_min: ['denombrement_min', 'count_min', 'effectif_min', 'nombre_min', 'nb_min'],
  count_max: ['denombrement_max', 'count_max', 'effectif_max', 'nombre_max', 'nb_max'],
  comment: [
    'commentaire',
    'commentaires',
    'comment',
    'comments',
    'remarque',
    'remarques',
    'notes',
    'observations',
  ],
  sex: ['sexe', 'sex'],
  life_stage: ['stade', 'stade_vie', 'stade de vie', 'life_stage', 'lifestage', 'age'],
  site_name: [
    'site',
    'nom_site',
    'nom du site',
    'nom_gite',
    'nom_station',
    'nom_mare',
    'site_name',
    'lieu',
    'lieu_dit',
    'localite',
    'gite',
    'gîte',
    'station',
    'mare',
    'point',
  ],
  site_code: [
    'code_site',
    'site_code',
    'id_site',
    'code_station',
    'code_gite',
    'code_mare',
    'num_point',
    'numero_point',
  ],
  uuid: ['uuid', 'id_sinp', 'idsinpocctax', 'unique_id_sinp', 'uuid_observation', 'occurrenceid'],
  time_start: ['heure', 'heure_debut', 'heure_min', 'time_start', 'start_time', 'hour'],
  time_end: ['heure_fin', 'heure_max', 'time_end', 'end_time'],
  altitude: ['altitude', 'alt', 'altitude_min', 'elevation'],
};

const ROLE_OF_NAME: ReadonlyMap<string, ColumnRole> = new Map(
  (Object.entries(NAMES) as [ColumnRole, readonly string[]][]).flatMap(([role, names]) =>
    names.map((n) => [fold(n), role] as const),
  ),
);

/** The role a header names, if it is one of the known names. */
export const roleOfColumn = (column: string): ColumnRole | undefined => ROLE_OF_NAME.get(fold(column));

const has = (key: string, ...parts: string[]) => parts.some((p) => key.includes(p));

/**
 * Whether `field` can take a column of `role`. Decided on the field's kind first (the type must fit),
 * then on its key, which the standard fields share across protocols (visit_date_min, base_site_name…).
 */
export function fieldTakesRole(field: ImportableField, role: ColumnRole): boolean {
  const key = field.key.toLowerCase();
  switch (role) {
    case 'taxon':
      return field.kind === 'taxon';
    case 'date_start':
      return (
        field.kind === 'date' &&
        !has(key, 'max', 'end', 'fin', 'agreement', 'works', 'confidential', 'first_use')
      );
    case 'date_end':
      return field.kind === 'date' && has(key, 'max', 'end', 'fin');
    case 'observers':
      return field.kind === 'observers' && !has(key, 'inventor', 'coordinator', 'lead');
    case 'x':
    case 'y':
    case 'wkt':
    case 'geojson':
      return field.kind === 'geometry' && field.key === 'geometry';
    case 'count':
      return field.kind === 'integer' && has(key, 'count', 'effectif', 'nombre') && !has(key, 'max', 'type');
    case 'count_min':
      return field.kind === 'integer' && has(key, 'count_min', 'min');
    case 'count_max':
      return field.kind === 'integer' && has(key, 'count_max', 'max') && has(key, 'count');
    case 'comment':
      return (field.kind === 'long_text' || field.kind === 'text') && has(key, 'comment');
    case 'sex':
      return (field.kind === 'vocabulary' || field.kind === 'choice') && has(key, 'sex');
    case 'life_stage':
      return (field.kind === 'vocabulary' || field.kind === 'choice') && has(key, 'stage', 'stade');
    case 'site_name':
      return field.kind === 'text' && key === 'base_site_name';
    case 'site_code':
      return field.kind === 'text' && key === 'base_site_code';
    case 'uuid':
      return false;
    case 'time_start':
      return field.kind === 'time' && !has(key, 'end', 'fin', 'max');
    case 'time_end':
      return field.kind === 'time' && has(key, 'end', 'fin', 'max');
    case 'altitude':
      return field.kind === 'integer' && has(key, 'altitude') && !has(key, 'max');
  }
}
