/** Templates the import tests share. */
import type { ImportTemplate } from '../template.ts';

/** A flat bat-roost file: one row per observation, with its visit's and roost's columns. */
export const FLAT_CHIRO: ImportTemplate = {
  suivi_import_template: 1,
  module: 'chiro_gites',
  level: 'observation',
  provider: 'Groupe Chiroptères',
  name: 'Comptages hivernaux',
  source: { format: 'csv', encoding: 'windows-1252', delimiter: ';' },
  conventions: { date_format: 'dd/mm/yyyy', decimal_separator: ',' },
  levels: {
    site: {
      fields: {
        geometry: { x_column: 'X_L93', y_column: 'Y_L93', srid: 2154 },
        base_site_name: { column: 'Gîte' },
        roost_type: { column: 'Type', values: { Grotte: 'CAVE', Pont: 'BRIDGE' } },
      },
      match: { fields: ['base_site_name'] },
    },
    visit: {
      fields: { visit_date_min: { column: 'Date' }, observers: { column: 'Observateurs', separator: ',' } },
      match: { fields: ['visit_date_min'] },
    },
    observation: {
      fields: {
        cd_nom: { taxon_column: 'Espèce', by: 'auto' },
        sex: { column: 'Sexe', values: { M: '2', F: '3' } },
        count_adults: { column: 'Nombre' },
        count_type: { constant: 'Co' },
      },
    },
  },
};
