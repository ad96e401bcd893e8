/** One JavaScript rule shape per row: what import-gn makes of it (docs/geonature.md lists the same). */
import { describe, it } from 'vitest';
import { checkRow, type Row, ruleOn, visit } from './translation.test-helpers.ts';

const num = (extra: Record<string, unknown> = {}) => ({
  type_widget: 'number',
  attribut_label: 'N',
  ...extra,
});
const nomenclature = (type: string) => ({
  type_widget: 'nomenclature',
  attribut_label: type,
  code_nomenclature_type: type,
  type_util: 'nomenclature',
});
const obs = (specific: Record<string, unknown>) => ({ 'observation.json': { specific } });

const ROWS: readonly Row[] = [
  {
    name: 'hidden: an equality is negated into visibleIf',
    given: ruleOn('hidden', "({value}) => value.presence === 'Non'"),
    want: { field: ['visit', 'x', { visibleIf: "value.presence != 'Non'" }], rules: [1, 1] },
  },
  {
    name: 'hidden: a negation loses its !',
    given: visit({
      f: { type_widget: 'bool_checkbox', attribut_label: 'F' },
      x: { type_widget: 'text', hidden: '({value}) => !value.f' },
    }),
    want: { field: ['visit', 'x', { visibleIf: 'value.f' }] },
  },
  {
    name: 'hidden: !(a == b) becomes a == b',
    given: visit({ n: num(), x: { type_widget: 'text', hidden: '({value}) => !(value.n == 2)' } }),
    want: { field: ['visit', 'x', { visibleIf: 'value.n == 2' }] },
  },
  {
    name: 'hidden: a || b becomes !a && !b (De Morgan)',
    given: visit({
      n: num(),
      x: { type_widget: 'text', hidden: "({value}) => value.presence === 'Non' || (value.n !== 1)" },
    }),
    want: { field: ['visit', 'x', { visibleIf: "value.presence != 'Non' && value.n == 1" }] },
  },
  {
    name: 'hidden: an ordering is wrapped, not flipped (null is neither)',
    given: visit({ n: num(), x: { type_widget: 'text', hidden: '({value}) => value.n < 3' } }),
    want: { field: ['visit', 'x', { visibleIf: '!(value.n < 3)' }] },
  },
  {
    name: 'required: a rule stays a rule, === reads as ==',
    given: ruleOn('required', "({value}) => value.presence === 'Oui'"),
    want: { field: ['visit', 'x', { required: "value.presence == 'Oui'" }] },
  },
  {
    name: 'required: !!x is x where only truth counts',
    given: visit({ n: num(), x: { type_widget: 'text', required: '({value}) => !!value.n' } }),
    want: { field: ['visit', 'x', { required: 'value.n' }] },
  },
  {
    name: 'array lines are joined into one rule',
    given: ruleOn('hidden', ['({value}) => {', "return value.presence == 'Non'", '}']),
    want: { field: ['visit', 'x', { visibleIf: "value.presence != 'Non'" }] },
  },
  {
    name: '[…].includes(x) becomes includes([…], x)',
    given: ruleOn('hidden', "({value}) => ['Non', null].includes(value.presence)"),
    want: { field: ['visit', 'x', { visibleIf: "!includes(['Non', null], value.presence)" }] },
  },
  {
    name: 'a guarded nomenclature lookup becomes code()',
    given: obs({
      tech: nomenclature('METH_OBS'),
      x: {
        type_widget: 'text',
        hidden: "({value, meta}) => (meta.nomenclatures[value.tech] || {}).cd_nomenclature !== '0'",
      },
    }),
    want: { field: ['observation', 'x', { visibleIf: "code(value.tech) == '0'" }] },
  },
  {
    name: 'an unguarded lookup becomes code() too (null-safe in Suivi)',
    given: obs({
      tech: nomenclature('TYP_DENBR'),
      x: {
        type_widget: 'text',
        required: "({value, meta}) => meta.nomenclatures[value.tech].cd_nomenclature === 'Co'",
      },
    }),
    want: { field: ['observation', 'x', { required: "code(value.tech) == 'Co'" }] },
  },
  {
    name: 'an optional-chaining lookup becomes code()',
    given: obs({
      tech: nomenclature('TYP_DENBR'),
      x: {
        type_widget: 'text',
        required: "({value, meta}) => meta.nomenclatures[value.tech]?.cd_nomenclature === 'Es'",
      },
    }),
    want: { field: ['observation', 'x', { required: "code(value.tech) == 'Es'" }] },
  },
  {
    name: 'value.cd_nom.cd_nom is the taxon, and its guard goes',
    given: obs({
      x: { type_widget: 'text', hidden: '({value}) => !(value.cd_nom && value.cd_nom.cd_nom == 61258)' },
    }),
    want: { field: ['observation', 'x', { visibleIf: 'value.cd_nom == 61258' }] },
  },
  {
    name: 'meta.parents.<object>.properties.x reads an ancestor',
    given: {
      'site.json': { specific: { alt: num() } },
      ...obs({ x: { type_widget: 'text', hidden: '({meta}) => meta.parents.site.properties.alt <= 1000' } }),
    },
    want: { field: ['observation', 'x', { visibleIf: '!(site.alt <= 1000)' }] },
  },
  {
    name: 'attribut_parent.x reads the parent',
    given: {
      'site.json': { specific: { alt: num() } },
      ...visit({ x: { type_widget: 'text', hidden: '({attribut_parent}) => attribut_parent.alt <= 1000' } }),
    },
    want: { field: ['visit', 'x', { visibleIf: '!(site.alt <= 1000)' }] },
  },
  {
    name: "'=' for '==' is read as a comparison, with a warning",
    given: ruleOn('hidden', "({value}) => value.presence = 'Non'"),
    want: { field: ['visit', 'x', { visibleIf: "value.presence != 'Non'" }], warning: /'=' assigns/ },
  },
  {
    name: 'min: a function becomes a rule bound',
    given: visit({ a: num(), b: num({ min: '({value}) => value.a' }) }),
    want: { field: ['visit', 'b', { min: { rule: 'value.a' } }] },
  },
  {
    name: 'max: a function becomes a rule bound',
    given: visit({ a: num(), b: num({ max: '({value}) => value.a * 2' }) }),
    want: { field: ['visit', 'b', { max: { rule: 'value.a * 2' } }] },
  },
  {
    name: 'value: a function becomes a rule default',
    given: visit({ a: num(), b: num({ value: '({value}) => value.a + 1' }) }),
    want: { field: ['visit', 'b', { default: { rule: 'value.a + 1' } }] },
  },
  {
    name: '(null || undefined) is null, in a conditional',
    given: obs({
      x: {
        type_widget: 'text',
        hidden: '({value}) => (value.cd_nom != (null || undefined) ? value.cd_nom != 3507 : true)',
      },
    }),
    want: {
      field: ['observation', 'x', { visibleIf: 'value.cd_nom != null && value.cd_nom == 3507' }],
    },
  },
  {
    name: "a number compared with == to a text choice reads as that choice ('2' == 2)",
    given: visit({
      p: { type_widget: 'select', values: ['1', '2'] },
      x: { type_widget: 'text', hidden: '({value}) => !(value.p == 2)' },
    }),
    want: { field: ['visit', 'x', { visibleIf: "value.p == '2'" }] },
  },
  {
    name: 'a choice of numbers becomes text codes, and === 1 compares with its code',
    given: visit({
      p: { type_widget: 'radio', values: [1, 2, 3] },
      x: { type_widget: 'text', required: '({value}) => value.p === 1' },
    }),
    want: {
      field: ['visit', 'x', { required: "value.p == '1'" }],
      warning: /numeric values become text codes/,
    },
  },
  {
    name: 'a field the protocol lacks reads as null (GeoNature: undefined), then folds',
    given: ruleOn('hidden', "({value}) => value.presence == 'Non' || value.ghost == 'Non'"),
    want: {
      field: ['visit', 'x', { visibleIf: "value.presence != 'Non'" }],
      warning: /reads undefined there/,
    },
  },
  {
    name: 'meta.id_role is currentUser()',
    given: visit({
      o: { type_widget: 'text' },
      x: { type_widget: 'text', hidden: '({value, meta}) => value.o != meta.id_role' },
    }),
    want: { field: ['visit', 'x', { visibleIf: 'value.o == currentUser()' }] },
  },
  {
    name: 'meta.bChainInput (form state) is reported untranslated',
    given: ruleOn('hidden', '({meta}) => !meta.bChainInput'),
    want: { untranslated: /whether entries are being chained/, rules: [0, 1] },
  },
  {
    name: 'the one-dataset idiom is built in, not a rule',
    given: visit({
      id_dataset: {
        type_widget: 'dataset',
        type_util: 'dataset',
        hidden: '({meta}) => meta.dataset && Object.keys(meta.dataset).length == 1',
      },
    }),
    want: { builtIn: /one dataset/, rules: [1, 1] },
  },
  {
    name: 'rules of the parent link are built in',
    given: visit({
      id_base_site: {
        type_widget: 'site',
        hidden: '({meta, value}) => !meta.bChainInput && value.id_base_site',
        params: ['({meta}) => ({', 'id_module: 1,', 'order_by: "x"', '})'],
      },
    }),
    want: { builtIn: /parent link/, rules: [2, 2], noField: ['visit', 'id_base_site'] },
  },
  {
    name: 'params of an ordinary list are untranslated',
    given: visit({
      x: {
        type_widget: 'datalist',
        api: 'nomenclatures/nomenclature/SEXE',
        type_util: 'nomenclature',
        params: '({value}) => ({regne: value.presence})',
      },
    }),
    want: { untranslated: /API query parameters/ },
  },
  {
    name: 'dynamic values become their union and a choice filter',
    given: {
      'site.json': {
        specific: {
          h1: { type_widget: 'select', values: ['A', 'B'] },
          h2: {
            type_widget: 'select',
            values: ["({value}) => { if (value.h1 == 'A') { return ['a1', 'a2'] } else { return ['b1'] } }"],
          },
        },
      },
    },
    want: {
      field: [
        'site',
        'h2',
        {
          kind: 'choice',
          choices: ['a1', 'a2', 'b1'],
          filter: "includes(value.h1 == 'A' ? ['a1', 'a2'] : ['b1'], choice.code)",
        },
      ],
    },
  },
  {
    name: 'a change handler assigning on every run makes a computed field',
    given: obs({ a: num(), b: num(), total: num({ hidden: true }) }) && {
      'observation.json': {
        specific: { a: num(), b: num(), total: num({ hidden: true }) },
        change: [
          '({objForm, meta}) => {',
          'const total = (objForm.value.a + objForm.value.b)',
          'objForm.patchValue({total})',
          '}',
        ],
      },
    },
    want: {
      field: ['observation', 'total', { computed: 'value.a + value.b', readOnly: true }],
      rules: [1, 1],
    },
  },
  {
    name: 'a change handler guarded by "not typed yet" computes, with a warning',
    given: {
      'site.json': {
        specific: { t: num(), base_site_name: { hidden: true, required: false } },
        change: [
          '({objForm}) => {',
          "const base_site_name = 'T' + objForm.value.t;",
          'if (!objForm.controls.base_site_name.dirty) {',
          'objForm.patchValue({base_site_name})',
          '}',
          '}',
        ],
      },
    },
    want: {
      field: ['site', 'base_site_name', { computed: "'T' + value.t" }],
      warning: /until the user types it/,
    },
  },
  {
    name: 'a change emptying a field whenever it is hidden adds nothing: translated',
    given: visit(
      { n: num({ hidden: "({value}) => value.presence != 'Oui'" }) },
      {
        change: [
          '({objForm}) => {',
          "(objForm.value.presence != 'Oui' ? objForm.patchValue({n: null}) : '');",
          '}',
        ],
      },
    ),
    want: { rules: [2, 2] },
  },
  {
    name: 'a change setting a value under a condition is untranslated',
    given: visit(
      { n: num() },
      { change: "({objForm}) => { if (objForm.value.presence === 'Non') { objForm.patchValue({n: 0}) } }" },
    ),
    want: { untranslated: /no conditional assignment/, rules: [0, 1] },
  },
  {
    name: 'a rule that is a constant becomes the boolean it is',
    given: ruleOn('required', '({value}) => true'),
    want: { field: ['visit', 'x', { required: true }] },
  },
  {
    name: 'export-gn helpers in a block body read back as Suivi functions',
    given: visit({
      a: num(),
      x: {
        type_widget: 'text',
        hidden:
          "({value, meta}) => { const coalesce = (...a) => { const e = (x) => x === null || x === undefined || x === '' || (Array.isArray(x) && x.length === 0); const f = a.find((x) => !e(x)); return f === undefined ? null : f; }; return coalesce(value.a, 0) > 1; }",
      },
    }),
    want: { field: ['visit', 'x', { visibleIf: '!(coalesce(value.a, 0) > 1)' }] },
  },
  {
    name: 'a translation the validator refuses is taken out and reported',
    given: visit({
      d: { type_widget: 'date' },
      x: { type_widget: 'text', hidden: '({value}) => value.d > 3' },
    }),
    want: { untranslated: /Suivi refused the translation/, rules: [0, 1] },
  },
  {
    name: 'a rule of a key no Suivi slot takes is reported',
    given: ruleOn('definition', '({value}) => value.presence'),
    want: { untranslated: /takes no rule in Suivi/ },
  },
];

describe('import-gn translates each rule shape', () => {
  it.each(ROWS)('$name', (row) => {
    checkRow(row);
  });
});
