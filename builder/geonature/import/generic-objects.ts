/**
 * GeoNature Monitoring's generic object configs (gn_module_monitoring `config/generic/*.json`, 1.x),
 * which every protocol inherits and overrides with `specific`. Written out here as data, reduced to what
 * the importer needs, so the product never reads another repository at run time. Each generic field
 * carries its role in Suivi:
 *   - `standard`: becomes the Suivi standard field of the same key (std.<key>);
 *   - `own`: an ordinary field of the protocol (GeoNature shows it unless hidden);
 *   - `parent`: the link to the parent record, which Suivi's levels carry themselves;
 *   - `system`: ids, UUIDs and the digitiser, which every Suivi table has anyway;
 *   - `statistic`: counts and dates GeoNature computes for lists (nb_visits, last_visit…);
 *   - `module`: module settings, not record data (modules of a group, types of site).
 */

export type GenericRole = 'standard' | 'own' | 'parent' | 'system' | 'statistic' | 'module';

export interface GenericField {
  readonly role: GenericRole;
  /** The generic definition, as GeoNature writes it (type_widget, attribut_label, required, hidden…). */
  readonly definition: Readonly<Record<string, unknown>>;
}

export interface GenericObject {
  readonly label: string;
  readonly labelList?: string;
  readonly geometryType?: string | readonly string[];
  readonly displayProperties: readonly string[];
  readonly displayList?: readonly string[];
  readonly sorts?: ReadonlyArray<{ readonly prop: string; readonly dir?: string }>;
  readonly fields: Readonly<Record<string, GenericField>>;
}

const f = (
  role: GenericRole,
  widget: string | undefined,
  label: string,
  extra: Record<string, unknown> = {},
): GenericField => ({
  role,
  definition: { ...(widget ? { type_widget: widget } : {}), attribut_label: label, ...extra },
});
const hidden = { hidden: true };
const required = { required: true };
const medias = f('standard', 'medias', 'Médias');
const digitiser = f('system', 'text', 'Numérisateur', { type_util: 'user', required: true, hidden: true });

export const GENERIC_OBJECTS: Readonly<Record<string, GenericObject>> = {
  sites_group: {
    label: 'Groupe de sites',
    labelList: 'Groupes de sites',
    geometryType: 'Polygon',
    displayProperties: [
      'sites_group_name',
      'sites_group_code',
      'modules',
      'nb_sites',
      'nb_visits',
      'comments',
    ],
    sorts: [{ prop: 'sites_group_code' }],
    fields: {
      id_sites_group: f('system', 'text', 'Id site', hidden),
      sites_group_name: f('standard', 'text', 'Nom', required),
      sites_group_code: f('standard', 'text', 'Code', required),
      sites_group_description: f('standard', 'textarea', 'Description'),
      comments: f('standard', 'text', 'Commentaires'),
      uuid_sites_group: f('system', undefined, 'uuid'),
      nb_sites: f('statistic', undefined, 'Nombre de sites'),
      nb_visits: f('statistic', undefined, 'Nombre de visites'),
      medias,
      // GeoNature fills a group's altitudes from its sites' geometry.
      altitude_min: f('statistic', 'integer', 'Altitude (min)'),
      altitude_max: f('statistic', 'integer', 'Altitude (max)'),
      id_digitiser: digitiser,
      modules: f('module', 'datalist', 'Modules', { type_util: 'module', multiple: true, required: true }),
    },
  },
  site: {
    label: 'Site',
    labelList: 'Sites',
    geometryType: ['Point', 'LineString', 'Polygon'],
    displayProperties: [
      'base_site_name',
      'base_site_code',
      'base_site_description',
      'id_inventor',
      'first_use_date',
      'last_visit',
      'nb_visits',
      'altitude_min',
      'altitude_max',
      'types_site',
    ],
    displayList: [
      'base_site_name',
      'base_site_code',
      'last_visit',
      'id_inventor',
      'nb_visits',
      'types_site',
      'nb_individuals',
    ],
    sorts: [{ prop: 'last_visit', dir: 'desc' }],
    fields: {
      id_base_site: f('system', 'text', 'Id site', hidden),
      base_site_code: f('standard', 'text', 'Code', required),
      base_site_name: f('standard', 'text', 'Nom', required),
      base_site_description: f('standard', 'textarea', 'Description'),
      id_inventor: f('standard', 'observers', 'Observateur', {
        type_util: 'user',
        required: true,
        multi_select: false,
      }),
      id_digitiser: digitiser,
      first_use_date: f('standard', 'date', 'Date description', required),
      last_visit: f('statistic', undefined, 'Dernière visite', { type_util: 'date' }),
      nb_visits: f('statistic', undefined, 'Nb. visites'),
      nb_individuals: f('statistic', undefined, 'Nb. individus'),
      uuid_base_site: f('system', undefined, 'uuid'),
      medias,
      altitude_min: f('standard', 'integer', 'Altitude (min)'),
      altitude_max: f('standard', 'integer', 'Altitude (max)'),
      types_site: f('module', 'datalist', 'Type(s) de site', {
        type_util: 'types_site',
        multiple: true,
        required: true,
      }),
      // Generic before 1.0, still overridden by most protocols: the site type and the group link.
      id_nomenclature_type_site: f('module', undefined, 'Type site', {
        type_util: 'nomenclature',
        hidden: true,
      }),
      id_sites_group: f('parent', 'datalist', 'Groupe de sites', { type_util: 'sites_group', hidden: true }),
    },
  },
  visit: {
    label: 'Visite',
    geometryType: undefined,
    displayProperties: [
      'id_base_site',
      'visit_date_min',
      'observers',
      'comments',
      'dataset',
      'nb_observations',
    ],
    displayList: ['id_base_site', 'visit_date_min', 'observers', 'comments', 'dataset', 'nb_observations'],
    sorts: [{ prop: 'visit_date_min', dir: 'desc' }],
    fields: {
      id_base_visit: f('system', 'text', 'ID', hidden),
      id_base_site: f('parent', 'text', 'ID SITE', hidden),
      id_module: f('system', 'text', 'ID Module', hidden),
      observers: f('standard', 'observers', 'Observateur', {
        type_util: 'user',
        required: true,
        multi_select: true,
      }),
      observers_txt: f('own', 'observers-text', 'Observateur(s) (extérieur)', {
        required: false,
        hidden: true,
      }),
      id_digitiser: digitiser,
      visit_date_min: f('standard', 'date', 'Date', required),
      visit_date_max: f('standard', 'date', 'Date (max)', hidden),
      comments: f('standard', 'text', 'Commentaires'),
      uuid_base_visit: f('system', undefined, 'uuid'),
      id_dataset: f('standard', 'dataset', 'Jeu de données', { type_util: 'dataset', required: true }),
      nb_observations: f('statistic', undefined, "Nombre d'observations"),
      medias,
    },
  },
  observation: {
    label: 'Observation',
    displayProperties: ['cd_nom', 'comments'],
    fields: {
      id_observation: f('system', 'text', 'Id observation', hidden),
      id_base_visit: f('parent', 'text', 'Id visite', hidden),
      id_digitiser: digitiser,
      id_individual: f('system', 'text', 'Id individu', hidden),
      cd_nom: f('standard', 'taxonomy', 'Espèce', { type_util: 'taxonomy', required: true }),
      comments: f('standard', 'text', 'Commentaires'),
      uuid_observation: f('system', undefined, 'uuid'),
      medias,
    },
  },
  observation_detail: {
    label: 'Observation détail',
    displayProperties: ['uuid_observation_detail'],
    fields: {
      id_observation_detail: f('system', 'text', 'Id observation', hidden),
      id_observation: f('parent', 'text', 'Id visite', hidden),
      uuid_observation_detail: f('system', undefined, 'uuid'),
      medias,
    },
  },
};

/** GeoNature's default tree, used when config.json has none. */
export const DEFAULT_TREE = { module: { sites_group: { site: { visit: { observation: null } } } } } as const;
