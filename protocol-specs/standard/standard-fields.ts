/**
 * Fields every level of a standard type inherits (GeoNature's "generic" fields), written in the authored
 * spec format. A protocol overrides one by declaring a field with the same key, or drops it with
 * `omitStandardFields`. Their ids start with `std.`: stable across protocols, unique within a level.
 */
import type { Field } from '../schema/authored-spec.generated.ts';
import type { LEVEL_TYPES } from '../schema/protocol-schema.ts';

export type LevelType = (typeof LEVEL_TYPES)[number];

export const STANDARD_ID_PREFIX = 'std.';

const medias: Field = {
  id: 'std.medias',
  key: 'medias',
  kind: 'media',
  label: { fr: 'Médias', en: 'Media' },
  help: { fr: 'Photos, enregistrements ou documents.', en: 'Photos, recordings or documents.' },
};
const comments: Field = {
  id: 'std.comments',
  key: 'comments',
  kind: 'long_text',
  label: { fr: 'Commentaire', en: 'Comment' },
};

export const STANDARD_FIELDS: Readonly<Record<LevelType, readonly Field[]>> = {
  sites_group: [
    {
      id: 'std.sites_group_name',
      key: 'sites_group_name',
      kind: 'text',
      label: { fr: 'Nom', en: 'Name' },
      required: true,
      maxLength: 255,
    },
    {
      id: 'std.sites_group_code',
      key: 'sites_group_code',
      kind: 'text',
      label: { fr: 'Code', en: 'Code' },
      maxLength: 50,
    },
    {
      id: 'std.sites_group_description',
      key: 'sites_group_description',
      kind: 'long_text',
      label: { fr: 'Description', en: 'Description' },
    },
    comments,
    medias,
  ],
  site: [
    {
      id: 'std.base_site_name',
      key: 'base_site_name',
      kind: 'text',
      label: { fr: 'Nom', en: 'Name' },
      required: true,
      maxLength: 255,
    },
    {
      id: 'std.base_site_code',
      key: 'base_site_code',
      kind: 'text',
      label: { fr: 'Code', en: 'Code' },
      maxLength: 50,
    },
    {
      id: 'std.base_site_description',
      key: 'base_site_description',
      kind: 'long_text',
      label: { fr: 'Description', en: 'Description' },
    },
    {
      id: 'std.id_inventor',
      key: 'id_inventor',
      kind: 'observers',
      label: { fr: 'Descripteur', en: 'Described by' },
      multiple: false,
    },
    {
      id: 'std.first_use_date',
      key: 'first_use_date',
      kind: 'date',
      label: { fr: 'Date de description', en: 'Description date' },
      default: { rule: 'today()' },
    },
    {
      id: 'std.altitude_min',
      key: 'altitude_min',
      kind: 'integer',
      label: { fr: 'Altitude minimum', en: 'Minimum altitude' },
      unit: 'm',
      min: -500,
      max: 9000,
    },
    {
      id: 'std.altitude_max',
      key: 'altitude_max',
      kind: 'integer',
      label: { fr: 'Altitude maximum', en: 'Maximum altitude' },
      unit: 'm',
      min: { rule: 'coalesce(value.altitude_min, -500)' },
      max: 9000,
    },
    medias,
  ],
  visit: [
    {
      id: 'std.visit_date_min',
      key: 'visit_date_min',
      kind: 'date',
      label: { fr: 'Date', en: 'Date' },
      required: true,
      default: { rule: 'today()' },
    },
    {
      id: 'std.visit_date_max',
      key: 'visit_date_max',
      kind: 'date',
      label: { fr: 'Date de fin', en: 'End date' },
      min: { rule: 'value.visit_date_min' },
    },
    {
      id: 'std.observers',
      key: 'observers',
      kind: 'observers',
      label: { fr: 'Observateurs', en: 'Observers' },
      required: true,
      default: { rule: 'currentUser()' },
    },
    {
      id: 'std.id_dataset',
      key: 'id_dataset',
      kind: 'dataset',
      label: { fr: 'Jeu de données', en: 'Dataset' },
      required: true,
    },
    comments,
    medias,
  ],
  observation: [
    { id: 'std.cd_nom', key: 'cd_nom', kind: 'taxon', label: { fr: 'Taxon', en: 'Taxon' }, required: true },
    comments,
    medias,
  ],
  observation_detail: [comments, medias],
  custom: [],
};

/** Geometry a standard level type has unless the protocol says otherwise. */
export const DEFAULT_GEOMETRY: Readonly<
  Record<LevelType, { kind: 'none' | 'point' | 'line' | 'polygon' | 'any'; required: boolean }>
> = {
  sites_group: { kind: 'polygon', required: false },
  site: { kind: 'point', required: true },
  visit: { kind: 'none', required: false },
  observation: { kind: 'none', required: false },
  observation_detail: { kind: 'none', required: false },
  custom: { kind: 'none', required: false },
};
