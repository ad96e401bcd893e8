/** A small protocol for the migration tests, as a spec to edit one version after another. */

// biome-ignore lint/suspicious/noExplicitAny: a spec is edited freely by the tests, as JSON.
export type Spec = any;

const label = (fr: string, en = fr) => ({ fr, en });

export function miniSpec(code: string): Spec {
  return {
    code,
    version: 1,
    label: label('Mini suivi', 'Mini monitoring'),
    taxonomy: { scope: 'all' },
    vocabularies: [
      {
        id: 'voc.weather',
        code: `${code.toUpperCase()}_WEATHER`,
        label: label('Météo', 'Weather'),
        values: [
          { code: 'SUN', label: label('Soleil', 'Sun') },
          { code: 'RAIN', label: label('Pluie', 'Rain') },
          { code: 'SNOW', label: label('Neige', 'Snow') },
        ],
      },
    ],
    levels: [
      {
        id: 'level.site',
        key: 'site',
        type: 'site',
        label: label('Site'),
        plural: label('Sites'),
        geometry: { kind: 'point', required: false },
        omitStandardFields: [
          'base_site_code',
          'base_site_description',
          'id_inventor',
          'first_use_date',
          'altitude_min',
          'altitude_max',
          'medias',
        ],
        fields: [
          {
            id: 'site.altitude',
            kind: 'integer',
            key: 'altitude',
            label: label('Altitude'),
            min: 0,
            max: 4810,
          },
          { id: 'site.note', kind: 'text', key: 'note', label: label('Note') },
          { id: 'site.depth', kind: 'integer', key: 'depth', label: label('Profondeur', 'Depth') },
          {
            id: 'site.habitat',
            kind: 'choice',
            key: 'habitat',
            label: label('Habitat'),
            choices: [
              { value: 'forest', label: label('Forêt', 'Forest') },
              { value: 'meadow', label: label('Prairie', 'Meadow') },
              { value: 'wetland', label: label('Zone humide', 'Wetland') },
            ],
          },
        ],
      },
      {
        id: 'level.visit',
        key: 'visit',
        type: 'visit',
        parents: ['site'],
        label: label('Visite', 'Visit'),
        plural: label('Visites', 'Visits'),
        omitStandardFields: ['visit_date_max', 'observers', 'id_dataset', 'comments', 'medias'],
        fields: [
          {
            id: 'visit.weather',
            kind: 'vocabulary',
            key: 'weather',
            vocabulary: `${code.toUpperCase()}_WEATHER`,
            label: label('Météo', 'Weather'),
          },
          { id: 'visit.count', kind: 'text', key: 'count_text', label: label('Effectif', 'Count') },
          {
            id: 'visit.temperature',
            kind: 'integer',
            key: 'temperature',
            label: label('Température', 'Temperature'),
          },
          {
            id: 'visit.strata',
            kind: 'group',
            key: 'strata',
            label: label('Strates', 'Strata'),
            fields: [
              {
                id: 'visit.strata.cover',
                kind: 'integer',
                key: 'cover',
                label: label('Couverture', 'Cover'),
                min: 0,
                max: 100,
              },
            ],
          },
        ],
      },
    ],
  };
}
