/** One oddity of real configs, or one structure (tree, display, site types), per row: what import-gn makes of it. */
import { describe, expect, it } from 'vitest';
import { importFiles } from './fixtures.test-helpers.ts';
import { checkRow, fieldOf, type Row, visit } from './translation.test-helpers.ts';

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

const ODDITIES: readonly Row[] = [
  {
    name: 'attribute_label (typo) → label, with a warning',
    given: one({ type_widget: 'text', attribut_label: undefined, attribute_label: 'Libellé' }),
    want: { field: ['visit', 'x', { label: 'Libellé' }], warning: /typo of "attribut_label"/ },
  },
  {
    name: '"hidden " (trailing space) → hidden, with a warning',
    given: one({ type_widget: 'text', 'hidden ': "({value}) => value.presence == 'Non'" }),
    want: {
      field: ['visit', 'x', { visibleIf: "value.presence != 'Non'" }],
      warning: /spaces around it/,
      rules: [1, 1],
    },
  },
  {
    name: 'widget_type (typo) → type_widget, with a warning',
    given: one({ widget_type: 'textarea' }),
    want: { field: ['visit', 'x', { kind: 'long_text' }], warning: /typo of "type_widget"/ },
  },
  {
    name: '"TRUE" (text) → true, with a warning',
    given: one({ type_widget: 'text', required: 'TRUE' }),
    want: { field: ['visit', 'x', { required: true }], warning: /"TRUE" is text/ },
  },
  {
    name: 'duplicate keys: the last one counts, with a warning',
    given: {
      'visit.json': '{ "specific": { "x": { "type_widget": "text", "required": false, "required": true } } }',
    },
    want: { field: ['visit', 'x', { required: true }], warning: /more than once/ },
  },
  {
    name: 'camelCase key → snake_case, the original kept as alias',
    given: visit({ CodeHabitat1: { type_widget: 'text' } }),
    want: {
      field: [
        'visit',
        'code_habitat1',
        { aliases: ['CodeHabitat1'], id: 'gn.test_protocol.visit.CodeHabitat1' },
      ],
    },
  },
  {
    name: 'accented key → ASCII',
    given: visit({ charpentière: { type_widget: 'text' } }),
    want: { field: ['visit', 'charpentiere', { aliases: ['charpentière'] }] },
  },
  {
    name: 'SQL reserved key → suffixed, with a warning',
    given: visit({ order: { type_widget: 'text' } }),
    want: { field: ['visit', 'order_field', { aliases: ['order'] }], warning: /reserves/ },
  },
  {
    name: 'key longer than 63 → cut',
    given: visit({ [`k_${'a'.repeat(70)}`]: { type_widget: 'text' } }),
    want: { field: ['visit', `k_${'a'.repeat(61)}`, { kind: 'text' }] },
  },
  {
    name: 'a hidden standard field → omitStandardFields',
    given: visit({ visit_date_max: { hidden: true } }),
    want: { level: ['visit', { omitStandardFields: ['visit_date_max'] }] },
  },
  {
    name: 'a standard field refined: label and requirement carried',
    given: visit({ comments: { type_widget: 'textarea', attribut_label: 'Remarques', required: true } }),
    want: { field: ['visit', 'comments', { kind: 'long_text', label: 'Remarques', required: true }] },
  },
  {
    name: 'specific with the same widget replaces the generic; another widget merges',
    given: {
      'site.json': {
        specific: {
          base_site_code: { type_widget: 'text', attribut_label: 'Code' },
          base_site_name: { type_widget: 'textarea' },
        },
      },
    },
    want: { field: ['site', 'base_site_code', { label: 'Code' }] },
  },
  {
    name: 'GeoNature statistics in display lists are left out, with a warning',
    given: visit({}, { display_list: ['visit_date_min', 'nb_observations'] }),
    want: { level: ['visit', { list: ['visit_date_min'] }], warning: /nb_observations/ },
  },
  {
    name: 'display settings → list, detail, sort, keep, label, plural',
    given: visit(
      { n: { type_widget: 'number' } },
      {
        label: 'Passage',
        label_list: 'Passages',
        display_properties: ['n', 'presence'],
        display_list: ['n'],
        sorts: [{ prop: 'n', dir: 'desc' }],
        keep: ['presence'],
      },
    ),
    want: {
      level: [
        'visit',
        {
          label: 'Passage',
          plural: 'Passages',
          detail: ['n', 'presence'],
          list: ['n'],
          sort: [{ field: 'n', direction: 'desc' }],
          keep: ['presence'],
        },
      ],
    },
  },
  {
    name: 'geometry_type → level geometry',
    given: { 'site.json': { geometry_type: 'LineString' } },
    want: { level: ['site', { geometry: { kind: 'line', required: true } }] },
  },
  {
    name: "no tree → GeoNature's default tree, with a warning",
    given: { 'config.json': {} },
    want: {
      spec: {
        levels: [
          { key: 'sites_group' },
          { key: 'site', parents: ['sites_group'] },
          { key: 'visit' },
          { key: 'observation' },
        ],
      },
      warning: /default tree/,
    },
  },
  {
    name: 'an object under the module and a group → its group parent, with a warning',
    given: { 'config.json': { tree: { module: { sites_group: { site: null }, site: { visit: null } } } } },
    want: { level: ['site', { parents: ['sites_group'] }], warning: /also directly under the module/ },
  },
  {
    name: 'an observation_detail.json not in the tree is skipped, with a warning',
    given: { 'observation_detail.json': { specific: { n: { type_widget: 'number' } } } },
    want: { warning: /not in the tree/ },
  },
  {
    name: '__MODULE.* placeholders are resolved from module.json',
    given: {
      'module.json': { module_label: 'T', cd_nom: 3120 },
      ...one({ type_widget: 'text', type_util: 'taxonomy', value: '__MODULE.CD_NOM' }),
    },
    want: {
      field: ['visit', 'x', { kind: 'taxon', default: 3120 }],
      spec: { taxonomy: { scope: 'species', taxon: 3120 } },
    },
  },
  {
    name: 'config data.taxonomy.cd_noms → taxonomy list',
    given: { 'config.json': { tree: { module: { site: null } }, data: { taxonomy: { cd_noms: [3120] } } } },
    want: { spec: { taxonomy: { scope: 'list', taxa: [3120] } } },
  },
  {
    name: 'site types → a types_site field and one field set per type',
    given: {
      'type_site/arbres.json': { specific: { nb_loges: { type_util: 'number', attribut_label: 'Loges' } } },
    },
    want: {
      level: [
        'site',
        {
          fieldSets: [
            {
              appliesTo: { field: 'types_site', codes: ['ARBRES'] },
              fields: [{ kind: 'integer', key: 'nb_loges' }],
            },
          ],
        },
      ],
      field: ['site', 'types_site', { kind: 'vocabulary', vocabulary: 'SITE_TYPE', multiple: true }],
    },
  },
  {
    name: 'module.json specific fields are module settings: not imported, with a warning',
    given: {
      'module.json': {
        module_label: 'T',
        specific: { b_draw_sites_group: { type_widget: 'bool_checkbox' } },
      },
    },
    want: { warning: /module setting field/ },
  },
];

describe('import-gn handles each oddity and structure', () => {
  it.each(ODDITIES)('$name', (row) => {
    checkRow(row);
  });

  it('derives the same ids on every import, and never mutates its input', () => {
    const files = { ...visit({ n: { type_widget: 'number' } }), ...nomenclatures };
    const frozen = JSON.stringify(files);
    const [a, b] = [importFiles(files), importFiles(files)];
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    expect(JSON.stringify(files)).toBe(frozen);
    expect(fieldOf(a, 'visit', 'n')?.id).toBe('gn.test_protocol.visit.n');
  });
});
