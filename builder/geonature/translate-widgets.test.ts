/** One GeoNature widget per row: the Suivi field kind import-gn makes of it. */
import { describe, it } from 'vitest';
import { checkRow, type Row, visit } from './translation.test-helpers.ts';

const one = (def: Record<string, unknown>) => visit({ x: { attribut_label: 'X', ...def } });
const nomenclatures = {
  'nomenclature.json': {
    types: [{ mnemonique: 'MY_METEO', label_default: 'Météo', definition_default: 'Météo du passage' }],
    nomenclatures: [
      {
        type: 'MY_METEO',
        cd_nomenclature: 'B',
        mnemonique: 'Beau',
        label_default: 'Beau temps',
        definition_default: 'Beau temps',
      },
      {
        type: 'MY_METEO',
        cd_nomenclature: 'M',
        mnemonique: 'Mauvais',
        label_default: 'Mauvais temps',
        definition_default: 'Pluie ou vent fort',
      },
    ],
  },
};

const WIDGETS: readonly Row[] = [
  {
    name: 'text → text',
    given: one({ type_widget: 'text', definition: 'Aide' }),
    want: { field: ['visit', 'x', { kind: 'text', label: 'X', help: 'Aide' }] },
  },
  {
    name: 'textarea → long_text',
    given: one({ type_widget: 'textarea' }),
    want: { field: ['visit', 'x', { kind: 'long_text' }] },
  },
  {
    name: 'number with whole bounds → integer',
    given: one({ type_widget: 'number', min: 0, max: 10, value: 1, required: true }),
    want: { field: ['visit', 'x', { kind: 'integer', min: 0, max: 10, default: 1, required: true }] },
  },
  {
    name: 'number with a decimal bound → decimal',
    given: one({ type_widget: 'number', min: 0.5 }),
    want: { field: ['visit', 'x', { kind: 'decimal', min: 0.5 }] },
  },
  {
    name: 'number named as a measure → decimal, with a warning',
    given: one({ type_widget: 'number', attribut_label: "Température de l'eau" }),
    want: { field: ['visit', 'x', { kind: 'decimal' }], warning: /reads as a measure/ },
  },
  {
    name: 'integer widget → integer',
    given: one({ type_widget: 'integer' }),
    want: { field: ['visit', 'x', { kind: 'integer' }] },
  },
  {
    name: 'select with values → choice',
    given: one({ type_widget: 'select', values: ['a', 'b'], value: 'a' }),
    want: { field: ['visit', 'x', { kind: 'choice', choices: ['a', 'b'], default: 'a' }] },
  },
  {
    name: 'radio with value/label pairs → choice shown as radio',
    given: one({
      type_widget: 'radio',
      values: [
        { value: 'Q', label: 'Quadrat' },
        { value: 'C', label: 'Cercle' },
      ],
    }),
    want: {
      field: [
        'visit',
        'x',
        {
          kind: 'choice',
          display: 'radio',
          choices: [
            { value: 'Q', label: 'Quadrat' },
            { value: 'C', label: 'Cercle' },
          ],
        },
      ],
    },
  },
  {
    name: 'multiselect → multiple choice',
    given: one({ type_widget: 'multiselect', values: ['a', 'b'] }),
    want: { field: ['visit', 'x', { kind: 'choice', multiple: true }] },
  },
  {
    name: 'checkbox with values → multiple choice shown as checkboxes',
    given: one({ type_widget: 'checkbox', values: ['a', 'b'] }),
    want: { field: ['visit', 'x', { kind: 'choice', multiple: true, display: 'checkbox' }] },
  },
  {
    name: 'datalist with static values → choice',
    given: one({ type_widget: 'datalist', values: ['a', 'b'] }),
    want: { field: ['visit', 'x', { kind: 'choice' }] },
  },
  {
    name: 'bool_checkbox → boolean with its default',
    given: one({ type_widget: 'bool_checkbox', value: false }),
    want: { field: ['visit', 'x', { kind: 'boolean', default: false }] },
  },
  {
    name: 'nomenclature widget → SINP vocabulary with a subset',
    given: one({
      type_widget: 'nomenclature',
      code_nomenclature_type: 'STADE_VIE',
      cd_nomenclatures: ['1', '2'],
    }),
    want: { field: ['visit', 'x', { kind: 'vocabulary', vocabulary: 'STADE_VIE', codes: ['1', '2'] }] },
  },
  {
    name: 'datalist on the nomenclature API → vocabulary, filters and default by code',
    given: one({
      type_widget: 'datalist',
      api: 'nomenclatures/nomenclature/TYP_DENBR',
      type_util: 'nomenclature',
      filters: { cd_nomenclature: ['Co', 'Es'] },
      default: { cd_nomenclature: 'Co' },
    }),
    want: {
      field: [
        'visit',
        'x',
        { kind: 'vocabulary', vocabulary: 'TYP_DENBR', codes: ['Co', 'Es'], default: { code: 'Co' } },
      ],
    },
  },
  {
    name: 'nomenclature.json types → protocol vocabularies, used by fields',
    given: {
      ...nomenclatures,
      ...one({ type_widget: 'nomenclature', code_nomenclature_type: 'MY_METEO', multi_select: true }),
    },
    want: {
      spec: {
        vocabularies: [
          {
            code: 'MY_METEO',
            label: 'Météo',
            description: 'Météo du passage',
            values: [
              { code: 'B', label: 'Beau temps' },
              { code: 'M', label: 'Mauvais temps', definition: 'Pluie ou vent fort' },
            ],
          },
        ],
      },
      field: ['visit', 'x', { kind: 'vocabulary', vocabulary: 'MY_METEO', multiple: true }],
    },
  },
  {
    name: 'a nomenclature type nobody defines → text holding the code, with a warning',
    given: one({
      type_widget: 'datalist',
      api: 'nomenclatures/nomenclature/TECHNIQUE_OBS',
      type_util: 'nomenclature',
    }),
    want: { field: ['visit', 'x', { kind: 'text' }], warning: /TECHNIQUE_OBS is neither/ },
  },
  {
    name: 'a hidden fixed site type (text + type_util nomenclature) is not kept',
    given: {
      'site.json': {
        specific: {
          id_nomenclature_type_site: {
            type_widget: 'text',
            type_util: 'nomenclature',
            value: { code_nomenclature_type: 'TYPE_SITE', cd_nomenclature: 'X' },
            hidden: true,
          },
        },
      },
    },
    want: { noField: ['site', 'id_nomenclature_type_site'], warning: /site type/ },
  },
  {
    name: 'taxonomy → taxon',
    given: {
      'observation.json': {
        specific: { cd_nom: { type_widget: 'taxonomy', type_util: 'taxonomy', attribut_label: 'Espèce' } },
      },
    },
    want: { field: ['observation', 'cd_nom', { kind: 'taxon', label: 'Espèce' }] },
  },
  {
    name: 'a hidden taxon with a value → fixed taxon',
    given: one({ type_widget: 'text', type_util: 'taxonomy', value: 2852, hidden: true }),
    want: { field: ['visit', 'x', { kind: 'taxon', fixed: 2852 }] },
  },
  {
    name: 'a radio of taxa → taxon restricted to them',
    given: one({
      type_widget: 'radio',
      type_util: 'taxonomy',
      values: [
        { value: 18437, label: 'A' },
        { value: 162667, label: 'B' },
      ],
      value: 18437,
    }),
    want: { field: ['visit', 'x', { kind: 'taxon', taxa: [18437, 162667], default: 18437 }] },
  },
  {
    name: 'users datalist → observers, multiple as said',
    given: one({
      type_widget: 'datalist',
      api: 'users/menu/__MODULE.ID_LIST_OBSERVER',
      type_util: 'user',
      multiple: true,
    }),
    want: { field: ['visit', 'x', { kind: 'observers', multiple: true }] },
  },
  {
    name: 'dataset widget → dataset',
    given: { 'site.json': { specific: { ds: { type_widget: 'dataset', type_util: 'dataset' } } } },
    want: { field: ['site', 'ds', { kind: 'dataset' }] },
  },
  {
    name: 'medias → media',
    given: one({ type_widget: 'medias' }),
    want: { field: ['visit', 'x', { kind: 'media' }] },
  },
  {
    name: 'a site list on another level → reference to the site level',
    given: {
      'observation.json': {
        specific: {
          other_site: { type_widget: 'datalist', type_util: 'site', attribut_label: 'Autre site' },
        },
      },
    },
    want: { field: ['observation', 'other_site', { kind: 'reference', level: 'site' }] },
  },
  {
    name: "the visit's site widget is the parent link: no field",
    given: visit({ id_base_site: { type_widget: 'site', required: true } }),
    want: { noField: ['visit', 'id_base_site'] },
  },
  {
    name: 'habref datalist → habitat, EUNIS from cd_typo 7, codes from filters',
    given: one({
      type_widget: 'datalist',
      api: 'habref/habitats/autocomplete',
      type_util: 'habitat',
      params: { cd_typo: 7 },
      filters: { lb_code: ['G1', 'G1.1'] },
    }),
    want: { field: ['visit', 'x', { kind: 'habitat', typology: 'EUNIS', codes: ['G1', 'G1.1'] }] },
  },
  {
    name: 'html → section',
    given: one({ type_widget: 'html', html: '<b>Conditions</b>', attribut_label: undefined }),
    want: { field: ['visit', 'x', { kind: 'section', label: 'Conditions' }] },
  },
  {
    name: 'time → time',
    given: one({ type_widget: 'time' }),
    want: { field: ['visit', 'x', { kind: 'time' }] },
  },
  {
    name: 'datetime → datetime',
    given: one({ type_widget: 'datetime' }),
    want: { field: ['visit', 'x', { kind: 'datetime' }] },
  },
  {
    name: 'an unknown widget → text, with a warning',
    given: one({ type_widget: 'slider' }),
    want: { field: ['visit', 'x', { kind: 'text' }], warning: /widget "slider" has no Suivi kind/ },
  },
  {
    name: 'a datalist on an unknown API → text, with a warning',
    given: one({ type_widget: 'datalist', api: 'foo/bar' }),
    want: { field: ['visit', 'x', { kind: 'text' }], warning: /foo\/bar/ },
  },
];

describe('import-gn maps each widget', () => {
  it.each(WIDGETS)('$name', (row) => {
    checkRow(row);
  });
});
