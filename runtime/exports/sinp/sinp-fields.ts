/**
 * The shape of the national standard « Occurrences de taxons » v2 as Suivi exports it: each field's
 * standard name, where its value comes from (the generated SINP view `o`, the dataset `d`, its
 * acquisition framework `af`, the organisation `og`), its type, and whether the standard makes it mandatory (the conformity check
 * lists the rows missing one). The view holds the protocol's own mapping (generated from the spec);
 * this table only names and types its columns the standard's way, and adds the metadata the view
 * leaves to the runtime (acquisition framework, managing organisation, diffusion and sensitivity).
 */
import { type RawBuilder, sql } from 'kysely';
import { diffusionLevelOf, sensitivityLevelOf } from '../../metadata/diffusion.ts';
import { instantText } from '../../records/sql/column-sql.ts';
import { columnOf } from '../../records/sql/dynamic.ts';
import type { ValueType } from '../export-columns.ts';

export interface SinpField {
  /** The standard's field name. */
  readonly name: string;
  readonly type: ValueType;
  readonly mandatory: boolean;
  readonly value: RawBuilder<unknown>;
  /** The SINP view's columns it reads: a protocol's view has only the attributes its spec maps. */
  readonly reads: readonly string[];
  readonly label: { readonly fr: string; readonly en: string };
}

const o = (column: string) => columnOf('o', column);
const text = (column: string) => ({ value: sql`${o(column)}::text`, reads: [column] });
const date = (column: string) => ({ value: sql`to_char(${o(column)}, 'YYYY-MM-DD')`, reads: [column] });
const number = (column: string) => ({ value: sql`${o(column)}::float8`, reads: [column] });
const other = (value: RawBuilder<unknown>, ...reads: string[]) => ({ value, reads });

const field = (
  name: string,
  type: ValueType,
  mandatory: boolean,
  source: { value: RawBuilder<unknown>; reads: readonly string[] },
  fr: string,
  en: string,
): SinpField => ({ name, type, mandatory, ...source, label: { fr, en } });

export const SINP_FIELDS: readonly SinpField[] = [
  field(
    'idSINPOccTax',
    'text',
    true,
    text('id_sinp_occtax'),
    'Identifiant permanent de l’occurrence',
    'Permanent occurrence identifier',
  ),
  field(
    'statutObservation',
    'text',
    true,
    text('statut_observation_code'),
    'Statut d’observation',
    'Observation status',
  ),
  field(
    'cdNom',
    'integer',
    true,
    number('cd_nom'),
    'Code du taxon (TAXREF cd_nom)',
    'Taxon code (TAXREF cd_nom)',
  ),
  field('cdRef', 'integer', false, number('cd_ref'), 'Code du taxon de référence', 'Accepted taxon code'),
  field('nomCite', 'text', true, text('nom_cite'), 'Nom cité', 'Cited name'),
  field('dateDebut', 'date', true, date('date_debut'), 'Date de début', 'Start date'),
  field('dateFin', 'date', true, date('date_fin'), 'Date de fin', 'End date'),
  field(
    'denombrementMin',
    'integer',
    false,
    number('denombrement_min'),
    'Dénombrement minimal',
    'Minimum count',
  ),
  field(
    'denombrementMax',
    'integer',
    false,
    number('denombrement_max'),
    'Dénombrement maximal',
    'Maximum count',
  ),
  field(
    'objetDenombrement',
    'text',
    false,
    text('objet_denombrement_code'),
    'Objet du dénombrement',
    'Counted object',
  ),
  field(
    'typeDenombrement',
    'text',
    false,
    text('type_denombrement_code'),
    'Type de dénombrement',
    'Count type',
  ),
  field('observateur', 'text', true, text('observateur'), 'Observateur(s)', 'Observer(s)'),
  field('determinateur', 'text', false, text('determinateur'), 'Déterminateur', 'Identifier'),
  field(
    'organismeGestionnaireDonnee',
    'text',
    true,
    other(sql`${columnOf('og', 'name')}`),
    'Organisme gestionnaire de la donnée',
    'Data managing organisation',
  ),
  // The national registry's UUIDs (`sinp_uuid`, set on the metadata admin page) where the dataset and its
  // framework have one; Suivi's own ids otherwise (the conformity check cannot tell them apart).
  // `idSINPJdd` is the v2 standard's name (v1.2.1 said `jddMetadonneeDEEId`): docs/exports.md.
  field(
    'idSINPJdd',
    'text',
    true,
    other(sql`COALESCE(${columnOf('d', 'sinp_uuid')}, ${o('jdd_uuid')})::text`, 'jdd_uuid'),
    'Identifiant du jeu de données',
    'Dataset identifier',
  ),
  // Not a standard attribute (the framework is reached through the dataset's metadata record): Suivi's
  // extra column, so not mandatory.
  field(
    'cadreAcquisitionId',
    'text',
    false,
    other(sql`COALESCE(${columnOf('af', 'sinp_uuid')}, ${columnOf('d', 'acquisition_framework_id')})::text`),
    'Identifiant du cadre d’acquisition',
    'Acquisition framework identifier',
  ),
  field(
    'dEEDateTransformation',
    'datetime',
    true,
    other(instantText(sql`now()`)),
    'Date de transformation en DEE',
    'Date of transformation into exchange data',
  ),
  field(
    'dEEDateDerniereModification',
    'datetime',
    true,
    other(instantText(o('modified_at')), 'modified_at'),
    'Date de dernière modification',
    'Last modification date',
  ),
  field(
    'diffusionNiveauPrecision',
    'text',
    true,
    other(diffusionLevelOf('d')),
    'Niveau de diffusion',
    'Diffusion level',
  ),
  field(
    'sensiNiveau',
    'text',
    true,
    other(sensitivityLevelOf('d')),
    'Niveau de sensibilité',
    'Sensitivity level',
  ),
  field('statutSource', 'text', true, text('statut_source_code'), 'Statut de la source', 'Source status'),
  field(
    'natureObjetGeo',
    'text',
    true,
    text('nature_objet_geo_code'),
    'Nature de l’objet géographique',
    'Nature of the geographic object',
  ),
  field(
    'geometrie',
    'text',
    true,
    other(sql`ST_AsText(ST_Transform(${o('geom')}, 4326))`, 'geom'),
    'Géométrie (WKT, WGS 84)',
    'Geometry (WKT, WGS 84)',
  ),
  field(
    'occEtatBiologique',
    'text',
    false,
    text('occ_etat_biologique_code'),
    'État biologique',
    'Biological condition',
  ),
  field(
    'occMethodeDetermination',
    'text',
    false,
    text('occ_methode_determination_code'),
    'Méthode de détermination',
    'Identification method',
  ),
  field(
    'obsTechnique',
    'text',
    false,
    text('obs_technique_code'),
    'Technique d’observation',
    'Observation technique',
  ),
  field('occSexe', 'text', false, text('occ_sexe_code'), 'Sexe', 'Sex'),
  field('occStadeDeVie', 'text', false, text('occ_stade_de_vie_code'), 'Stade de vie', 'Life stage'),
  field(
    'occStatutBiologique',
    'text',
    false,
    text('occ_statut_biologique_code'),
    'Statut biologique',
    'Biological status',
  ),
  field('preuveExistante', 'text', false, text('preuve_existante_code'), 'Preuve existante', 'Proof exists'),
  field('nivVal', 'text', false, text('niv_val_code'), 'Niveau de validation', 'Validation level'),
  field('commentaire', 'text', false, text('comment'), 'Commentaire', 'Comment'),
];
