/** A small valid spec that tests mutate one mistake at a time. */
// biome-ignore lint/suspicious/noExplicitAny: tests mutate this fixture freely, one mistake at a time.
export function baseSpec(): Record<string, any> {
  return {
    code: 'demo_protocol',
    version: 1,
    label: { fr: 'Protocole de démonstration', en: 'Demo protocol' },
    taxonomy: { scope: 'list', taxa: [60345, 60418] },
    datasets: ['4d7c1d33-7a3f-4b5f-9a6a-2f7f0e8f1a01'],
    vocabularies: [
      {
        id: 'voc.habitat',
        code: 'DEMO_HABITAT',
        label: 'Habitat',
        values: [
          { code: 'FOR', label: 'Forêt' },
          { code: 'FOR_FEU', label: 'Forêt de feuillus', broader: 'FOR' },
          { code: 'PRA', label: 'Prairie' },
        ],
      },
    ],
    levels: [
      {
        id: 'lvl.site',
        key: 'site',
        type: 'site',
        label: 'Site',
        list: ['base_site_name'],
        fields: [
          {
            id: 'f.site_kind',
            key: 'site_kind',
            kind: 'choice',
            label: 'Type',
            choices: ['Pont', 'Grotte'],
            required: true,
          },
          {
            id: 'f.habitat',
            key: 'habitat',
            kind: 'vocabulary',
            label: 'Habitat',
            vocabulary: 'DEMO_HABITAT',
          },
          {
            id: 'f.sub_habitat',
            key: 'sub_habitat',
            kind: 'vocabulary',
            label: 'Sous-habitat',
            vocabulary: 'DEMO_HABITAT',
            filter: 'choice.broader == value.habitat',
          },
        ],
        fieldSets: [
          {
            id: 'set.bridge',
            label: 'Pont',
            appliesTo: { field: 'site_kind', codes: ['Pont'] },
            fields: [{ id: 'f.span', key: 'span', kind: 'decimal', label: 'Portée', unit: 'm', min: 0 }],
          },
        ],
      },
      {
        id: 'lvl.visit',
        key: 'visit',
        type: 'visit',
        parents: ['site'],
        label: 'Visite',
        keep: ['observers'],
        fields: [
          {
            id: 'f.accessible',
            key: 'accessible',
            kind: 'choice',
            label: 'Accessible',
            choices: ['Oui', 'Non'],
            default: 'Oui',
          },
          {
            id: 'f.pass',
            key: 'pass_number',
            kind: 'integer',
            label: 'Passage',
            min: 1,
            max: 3,
            required: true,
          },
          {
            id: 'f.state',
            key: 'site_state',
            kind: 'text',
            label: 'État',
            visibleIf: "value.accessible == 'Oui'",
            required: 'value.pass_number == 1',
            maxLength: 100,
          },
          { id: 'f.start', key: 'start_time', kind: 'time', label: 'Début' },
        ],
      },
      {
        id: 'lvl.obs',
        key: 'observation',
        type: 'observation',
        parents: ['visit'],
        label: 'Observation',
        fields: [
          { id: 'f.adults', key: 'count_adults', kind: 'integer', label: 'Adultes', min: 0 },
          { id: 'f.young', key: 'count_young', kind: 'integer', label: 'Jeunes', min: 0 },
          {
            id: 'f.total',
            key: 'count_total',
            kind: 'integer',
            label: 'Total',
            computed: 'coalesce(value.count_adults, 0) + coalesce(value.count_young, 0)',
          },
          {
            id: 'f.stage',
            key: 'life_stage',
            kind: 'vocabulary',
            label: 'Stade',
            vocabulary: 'STADE_VIE',
            codes: ['1', '2'],
          },
        ],
      },
    ],
    occurrence: {
      level: 'observation',
      taxon: 'cd_nom',
      countMin: 'count_total',
      countMax: 'count_total',
      dateStart: 'visit.visit_date_min',
      observers: 'visit.observers',
      geometry: 'site.geometry',
      nomenclatures: { STADE_VIE: 'life_stage', STATUT_OBS: { rule: "value.count_total > 0 ? 'Pr' : 'No'" } },
    },
  };
}
