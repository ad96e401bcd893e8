import { describe, expect, it } from 'vitest';
import { baseSpec } from './fixture.test-helpers.ts';
import { validateSpec, validateSpecText, validationRules } from './index.ts';

type Spec = ReturnType<typeof baseSpec>;
type Mutation = (s: Spec) => void;
interface Row {
  readonly rule: string;
  /** A change that breaks the rule, and the pointer the diagnostic must name. */
  readonly fail: Mutation;
  readonly at: string;
  /** A near miss that must pass (the base spec itself when absent). */
  readonly pass?: Mutation;
}

const site = (s: Spec) => s.levels[0];
const visit = (s: Spec) => s.levels[1];
const obs = (s: Spec) => s.levels[2];
const visitField = (s: Spec, key: string) => visit(s).fields.find((f: { key: string }) => f.key === key);
const addVisitField = (s: Spec, field: object) => visit(s).fields.push(field);

const ROWS: Row[] = [
  {
    rule: 'shape-unknown-key',
    fail: (s) => (visitField(s, 'start_time').attribut_label = 'x'),
    at: '/levels/1/fields/3/attribut_label',
  },
  { rule: 'shape-required', fail: (s) => delete s.code, at: '' },
  {
    rule: 'shape-field-kind',
    fail: (s) => (visitField(s, 'start_time').kind = 'clock'),
    at: '/levels/1/fields/3/kind',
  },
  { rule: 'shape-type', fail: (s) => (s.label = 42), at: '/label' },
  {
    rule: 'shape-pattern',
    fail: (s) => (visitField(s, 'start_time').key = 'Start-Time'),
    at: '/levels/1/fields/3/key',
  },
  { rule: 'level-id-unique', fail: (s) => (visit(s).id = 'lvl.site'), at: '/levels/1/id' },
  {
    rule: 'level-key-unique',
    fail: (s) => (obs(s).key = 'visit'),
    at: '/levels/2/key',
    pass: (s) => (obs(s).key = 'capture'),
  },
  {
    rule: 'level-key-reserved',
    fail: (s) => {
      obs(s).key = 'table';
      s.occurrence.level = 'table';
    },
    at: '/levels/2/key',
  },
  {
    // `/api/modules/<code>/x/…` is where extension routes live.
    rule: 'level-key-reserved',
    fail: (s) => {
      obs(s).key = 'x';
      s.occurrence.level = 'x';
    },
    at: '/levels/2/key',
  },
  { rule: 'level-parent-unknown', fail: (s) => (visit(s).parents = ['sit']), at: '/levels/1/parents/0' },
  { rule: 'level-tree-cycle', fail: (s) => (site(s).parents = ['observation']), at: '/levels/0/parents' },
  {
    rule: 'level-geometry-required',
    fail: (s) => (visit(s).geometry = { kind: 'none', required: true }),
    at: '/levels/1/geometry/required',
    pass: (s) => (visit(s).geometry = { kind: 'point', required: true }),
  },
  { rule: 'field-id-missing', fail: (s) => delete visitField(s, 'start_time').id, at: '/levels/1/fields/3' },
  {
    rule: 'field-id-unique',
    fail: (s) => (visitField(s, 'start_time').id = 'f.pass'),
    at: '/levels/1/fields/3/id',
  },
  {
    rule: 'field-id-reserved',
    fail: (s) => (visitField(s, 'start_time').id = 'std.start'),
    at: '/levels/1/fields/3/id',
  },
  {
    rule: 'field-key-unique',
    fail: (s) => (visitField(s, 'start_time').key = 'pass_number'),
    at: '/levels/1/fields/3/key',
  },
  {
    rule: 'field-key-reserved',
    fail: (s) => (visitField(s, 'start_time').key = 'order'),
    at: '/levels/1/fields/3/key',
    pass: (s) => (visitField(s, 'start_time').key = 'visit_order'),
  },
  { rule: 'display-field-unknown', fail: (s) => (site(s).list = ['base_site_nam']), at: '/levels/0/list/0' },
  {
    rule: 'group-nested',
    fail: (s) =>
      addVisitField(s, {
        id: 'g1',
        key: 'rows',
        kind: 'group',
        label: 'Rows',
        fields: [
          {
            id: 'g2',
            key: 'inner',
            kind: 'group',
            label: 'Inner',
            fields: [{ id: 'g3', key: 'a', kind: 'text', label: 'A' }],
          },
        ],
      }),
    at: '/levels/1/fields/4/fields/0',
    pass: (s) =>
      addVisitField(s, {
        id: 'g1',
        key: 'rows',
        kind: 'group',
        label: 'Rows',
        fields: [{ id: 'g3', key: 'a', kind: 'text', label: 'A' }],
      }),
  },
  {
    rule: 'group-items-order',
    fail: (s) =>
      addVisitField(s, {
        id: 'g1',
        key: 'rows',
        kind: 'group',
        label: 'R',
        minItems: 3,
        maxItems: 1,
        fields: [{ id: 'g3', key: 'a', kind: 'text', label: 'A' }],
      }),
    at: '/levels/1/fields/4/minItems',
  },
  {
    rule: 'bounds-order',
    fail: (s) => (visitField(s, 'pass_number').min = 5),
    at: '/levels/1/fields/1/min',
    pass: (s) => (visitField(s, 'pass_number').min = 3),
  },
  {
    rule: 'pattern-invalid',
    fail: (s) => (visitField(s, 'site_state').pattern = '([a-z'),
    at: '/levels/1/fields/2/pattern',
    pass: (s) => (visitField(s, 'site_state').pattern = '[A-Z]{2}[0-9]+'),
  },
  {
    rule: 'computed-conflict',
    fail: (s) => (obs(s).fields[2].default = 0),
    at: '/levels/2/fields/2/default',
  },
  {
    rule: 'reference-level-unknown',
    fail: (s) =>
      addVisitField(s, {
        id: 'r1',
        key: 'other_site',
        kind: 'reference',
        label: 'Autre site',
        level: 'sitee',
      }),
    at: '/levels/1/fields/4/level',
    pass: (s) =>
      addVisitField(s, {
        id: 'r1',
        key: 'other_site',
        kind: 'reference',
        label: 'Autre site',
        level: 'site',
      }),
  },
  {
    rule: 'vocabulary-id-unique',
    fail: (s) => s.vocabularies.push({ ...s.vocabularies[0], id: 'voc.other' }),
    at: '/vocabularies/1/code',
  },
  {
    rule: 'vocabulary-value-unique',
    fail: (s) => s.vocabularies[0].values.push({ code: 'PRA', label: 'Pré' }),
    at: '/vocabularies/0/values/3/code',
  },
  {
    rule: 'vocabulary-broader-unknown',
    fail: (s) => (s.vocabularies[0].values[1].broader = 'FORET'),
    at: '/vocabularies/0/values/1/broader',
  },
  {
    rule: 'vocabulary-unknown',
    fail: (s) => (obs(s).fields[3].vocabulary = 'STADE_DE_VIE'),
    at: '/levels/2/fields/3/vocabulary',
  },
  {
    rule: 'vocabulary-code-unknown',
    fail: (s) => (obs(s).fields[3].codes = ['1', '99']),
    at: '/levels/2/fields/3/codes/1',
  },
  {
    rule: 'choice-value-unique',
    fail: (s) => (visitField(s, 'accessible').choices = ['Oui', 'Non', 'Oui']),
    at: '/levels/1/fields/0/choices/2',
  },
  {
    rule: 'field-set-field',
    fail: (s) => (site(s).fieldSets[0].appliesTo.field = 'base_site_name'),
    at: '/levels/0/fieldSets/0/appliesTo/field',
  },
  {
    rule: 'taxon-out-of-scope',
    fail: (s) =>
      obs(s).fields.push({ id: 'f.cd_nom', key: 'cd_nom', kind: 'taxon', label: 'Espèce', fixed: 4001 }),
    at: '/levels/2/fields/4/fixed',
    pass: (s) =>
      obs(s).fields.push({ id: 'f.cd_nom', key: 'cd_nom', kind: 'taxon', label: 'Espèce', fixed: 60345 }),
  },
  {
    rule: 'dataset-default-unknown',
    fail: (s) =>
      addVisitField(s, {
        key: 'id_dataset',
        kind: 'dataset',
        datasets: ['4d7c1d33-7a3f-4b5f-9a6a-2f7f0e8f1a01'],
        default: '4d7c1d33-7a3f-4b5f-9a6a-2f7f0e8f1a02',
      }),
    at: '/levels/1/fields/4/default',
  },
  {
    rule: 'rule-syntax',
    fail: (s) => (visitField(s, 'site_state').visibleIf = "value.accessible = 'Oui'"),
    at: '/levels/1/fields/2/visibleIf',
  },
  {
    rule: 'rule-unknown-field',
    fail: (s) => (visitField(s, 'site_state').visibleIf = "value.acessible == 'Oui'"),
    at: '/levels/1/fields/2/visibleIf',
  },
  {
    rule: 'rule-type',
    fail: (s) => (visitField(s, 'site_state').required = "value.pass_number == 'one'"),
    at: '/levels/1/fields/2/required',
    pass: (s) => (visitField(s, 'site_state').required = "site.site_kind == 'Pont' && value.pass_number < 2"),
  },
  {
    rule: 'rule-unknown-choice',
    fail: (s) => (visitField(s, 'site_state').visibleIf = "value.accessible == 'Yes'"),
    at: '/levels/1/fields/2/visibleIf',
  },
  {
    rule: 'rule-never-true',
    fail: (s) => (visitField(s, 'site_state').visibleIf = 'value.pass_number == 1 && value.pass_number == 2'),
    at: '/levels/1/fields/2/visibleIf',
    pass: (s) => (visitField(s, 'site_state').visibleIf = 'value.pass_number == 1 || value.pass_number == 2'),
  },
  {
    rule: 'rule-constant',
    fail: (s) => (visitField(s, 'site_state').visibleIf = '1 == 1'),
    at: '/levels/1/fields/2/visibleIf',
  },
  {
    rule: 'check-duplicate-id',
    fail: (s) =>
      (obs(s).checks = [
        { id: 'young_counted', rule: 'value.count_young >= 0', message: 'a' },
        { id: 'young_counted', rule: 'value.count_adults >= 0', message: 'b' },
      ]),
    at: '/levels/2/checks/1/id',
    pass: (s) =>
      (obs(s).checks = [
        { id: 'young_counted', rule: 'value.count_young >= 0', message: 'a' },
        { id: 'adults_counted', rule: 'value.count_adults >= 0', message: 'b' },
      ]),
  },
  {
    rule: 'check-field-unknown',
    fail: (s) =>
      (obs(s).checks = [
        { id: 'young', rule: 'value.count_young <= site.span', message: 'a', fields: ['count_yuong'] },
      ]),
    at: '/levels/2/checks/0/fields/0',
    pass: (s) =>
      (obs(s).checks = [
        { id: 'young', rule: 'value.count_young <= site.span', message: 'a', fields: ['count_young'] },
      ]),
  },
  {
    rule: 'rule-cycle',
    fail: (s) => (obs(s).fields[0].computed = 'value.count_total - 1'),
    at: '/levels/2/fields/0/computed',
  },
  { rule: 'occurrence-level-unknown', fail: (s) => (s.occurrence.level = 'obs'), at: '/occurrence/level' },
  {
    rule: 'occurrence-source-unknown',
    fail: (s) => (s.occurrence.taxon = 'cd_nomm'),
    at: '/occurrence/taxon',
  },
  {
    rule: 'occurrence-source-kind',
    fail: (s) => (s.occurrence.countMin = 'life_stage'),
    at: '/occurrence/countMin',
  },
  {
    rule: 'occurrence-nomenclature',
    fail: (s) => (s.occurrence.nomenclatures.SEXE = { code: 'Z' }),
    at: '/occurrence/nomenclatures/SEXE/code',
    pass: (s) => (s.occurrence.nomenclatures.SEXE = { code: '6' }),
  },
  {
    rule: 'dimension-kind',
    fail: (s) => (obs(s).fields[0].dimension = true),
    at: '/levels/2/fields/0/dimension',
    pass: (s) => (obs(s).fields[3].dimension = true),
  },
  {
    rule: 'measure-kind',
    fail: (s) => (obs(s).fields[3].measure = 'sum'),
    at: '/levels/2/fields/3/measure',
    pass: (s) => (obs(s).fields[0].measure = 'sum'),
  },
  {
    rule: 'dashboard-field-level',
    fail: (s) => (visit(s).fields[1].measure = 'sum'),
    at: '/levels/1/fields/1/measure',
    pass: (s) => (obs(s).fields[1].measure = 'sum'),
  },
];

/** Second cases for rules with more than one way to break them. */
ROWS.push(
  {
    // A multiple vocabulary counts one record under several values: not a dimension.
    rule: 'dimension-kind',
    fail: (s) => Object.assign(obs(s).fields[3], { dimension: true, multiple: true }),
    at: '/levels/2/fields/3/dimension',
  },
  {
    // The probe's case: a text default rule whose literal holds NUL validated, then failed to install.
    rule: 'text-storable',
    fail: (s) =>
      addVisitField(s, {
        id: 'f.note',
        key: 'note',
        kind: 'text',
        label: 'Note',
        default: { rule: "'\u0000'" },
      }),
    at: '/levels/1/fields/4/default/rule',
    pass: (s) =>
      addVisitField(s, {
        id: 'f.note',
        key: 'note',
        kind: 'text',
        label: 'Note',
        default: { rule: "'\\u0000'" },
      }),
  },
  {
    rule: 'number-storable',
    fail: (s) =>
      addVisitField(s, { id: 'f.n', key: 'n', kind: 'integer', label: 'N', min: 0, default: 1e20 }),
    at: '/levels/1/fields/4/default',
    pass: (s) =>
      addVisitField(s, { id: 'f.n', key: 'n', kind: 'integer', label: 'N', min: 0, default: 2147483647 }),
  },
  { rule: 'number-storable', fail: (s) => (s.version = 2 ** 31), at: '/version' },
  {
    rule: 'number-storable',
    fail: (s) =>
      obs(s).fields.push({ id: 'f.t', key: 'host', kind: 'taxon', label: 'Hôte', taxa: [81065, 2 ** 40] }),
    at: '/levels/2/fields/4/taxa/1',
  },
  { rule: 'text-storable', fail: (s) => (s.label = { fr: 'Suivi', en: 'Survey\u0000' }), at: '/label/en' },
  {
    rule: 'text-storable',
    fail: (s) => (site(s).fields[0].choices = ['Pont', 'Grotte\ud800']),
    at: '/levels/0/fields/0/choices/1',
    pass: (s) => (site(s).fields[0].choices = ['Pont', 'Grotte \ud83e\udd87']),
  },
  {
    rule: 'text-storable',
    fail: (s) => (s.vocabularies[0]['la\u0000bel'] = 'x'),
    at: '/vocabularies/0/la\u0000bel',
  },
  {
    rule: 'protocol-code-reserved',
    fail: (s) => (s.code = 'suivi'),
    at: '/code',
    pass: (s) => (s.code = 'suivi_chiro'),
  },
  {
    rule: 'field-key-reserved',
    fail: (s) => (visitField(s, 'start_time').key = 'start__time'),
    at: '/levels/1/fields/3/key',
  },
  {
    rule: 'field-id-reserved',
    fail: (s) =>
      addVisitField(s, { id: 'my.observers', key: 'observers', kind: 'observers', label: 'Équipe' }),
    at: '/levels/1/fields/4/id',
    pass: (s) => addVisitField(s, { key: 'observers', kind: 'observers', label: 'Équipe' }),
  },
  {
    rule: 'standard-field-unknown',
    fail: (s) => (visit(s).omitStandardFields = ['media']),
    at: '/levels/1/omitStandardFields/0',
    pass: (s) => (visit(s).omitStandardFields = ['medias']),
  },
  {
    rule: 'field-set-id-unique',
    fail: (s) =>
      site(s).fieldSets.push({
        ...site(s).fieldSets[0],
        fields: [{ id: 'f.arches', key: 'arches', kind: 'integer', label: 'Arches' }],
      }),
    at: '/levels/0/fieldSets/1/id',
  },
  {
    rule: 'vocabulary-id-unique',
    fail: (s) => (s.vocabularies[0].code = 'SEXE'),
    at: '/vocabularies/0/code',
  },
  {
    rule: 'rule-type',
    fail: (s) => (s.occurrence.countMax = { rule: "concat(value.count_total, '')" }),
    at: '/occurrence/countMax/rule',
    pass: (s) => (s.occurrence.countMax = { rule: 'value.count_adults + value.count_young' }),
  },
  {
    rule: 'taxon-out-of-scope',
    fail: (s) =>
      obs(s).fields.push({
        id: 'f.host',
        key: 'host_plant',
        kind: 'taxon',
        label: 'Hôte',
        taxa: [81065],
        default: 4001,
      }),
    at: '/levels/2/fields/4/default',
    pass: (s) =>
      obs(s).fields.push({
        id: 'f.host',
        key: 'host_plant',
        kind: 'taxon',
        label: 'Hôte',
        taxa: [81065],
        default: 81065,
      }),
  },
);

const apply = (mutation?: Mutation) => {
  const spec = baseSpec();
  mutation?.(spec);
  return validateSpec(spec);
};

describe('validator', () => {
  it('accepts the base spec without any diagnostic', () => {
    expect(validateSpec(baseSpec())).toEqual([]);
  });

  describe.each(ROWS)('$rule', (row) => {
    it('passes on a correct spec', () => {
      expect(apply(row.pass).filter((d) => d.rule === row.rule)).toEqual([]);
    });
    it('fails at the offending value', () => {
      const found = apply(row.fail).filter((d) => d.rule === row.rule);
      expect(found.map((d) => d.path)).toContain(row.at);
      expect(found.every((d) => d.message.length > 10)).toBe(true);
    });
  });

  it("checks a record check's rule like any rule: fields, types, constants, with positions", () => {
    const spec = baseSpec();
    obs(spec).checks = [
      { id: 'a', rule: 'value.count_yuong > 0', message: 'x' },
      { id: 'b', rule: "value.count_young > 'many'", message: 'x' },
      { id: 'c', rule: '1 > 2', message: 'x' },
      { id: 'd', rule: '1 < 2', message: 'x' },
      { id: 'e', rule: "contains(value.count_young, 'a') || visit.pass_number == 1", message: 'x' },
      {
        id: 'f',
        rule: "site.habitat.includes('pr') && empty(visit.site_state)",
        message: { fr: 'x', en: 'y' },
      },
    ];
    const found = validateSpec(spec).filter((d) => d.path.startsWith('/levels/2/checks'));
    expect(found.map((d) => [d.rule, d.path, d.severity])).toEqual([
      ['rule-unknown-field', '/levels/2/checks/0/rule', 'error'],
      ['rule-type', '/levels/2/checks/1/rule', 'error'],
      ['rule-never-true', '/levels/2/checks/2/rule', 'error'],
      ['rule-constant', '/levels/2/checks/3/rule', 'warning'],
      ['rule-type', '/levels/2/checks/4/rule', 'error'],
    ]);
    expect(found[0]?.message).toContain('did you mean value.count_young?');
    expect(found[4]?.message).toContain('contains() expects a list or a text as argument 1, not number');
  });

  it('has a table row for every semantic rule', () => {
    const covered = new Set(ROWS.map((r) => r.rule));
    expect(Object.keys(validationRules()).filter((r) => !covered.has(r))).toEqual([]);
  });

  it('reports JSON syntax errors and duplicate keys with positions', () => {
    const broken = validateSpecText('{\n  "code": ,\n}');
    expect(broken.diagnostics.map((d) => d.rule)).toContain('json-syntax');
    expect(broken.locate(broken.diagnostics[0]!)).toEqual({ line: 2, column: 11 });
    const text = JSON.stringify(baseSpec(), null, 2).replace(
      '"version": 1,',
      '"version": 1,\n  "version": 2,',
    );
    const duplicated = validateSpecText(text);
    const duplicate = duplicated.diagnostics.find((d) => d.rule === 'json-duplicate-key');
    expect(duplicate?.path).toBe('/version');
    expect(duplicated.locate(duplicate!).line).toBe(4);
  });

  it('lists every problem at once', () => {
    const spec = baseSpec();
    for (const row of ROWS.filter((r) => r.rule.startsWith('rule-') || r.rule.startsWith('vocabulary-')))
      row.fail(spec);
    const rules = new Set(validateSpec(spec).map((d) => d.rule));
    expect(rules.size).toBeGreaterThanOrEqual(8);
  });

  it('never mutates the spec it checks', () => {
    const spec = baseSpec();
    const before = JSON.stringify(spec);
    validateSpec(Object.freeze(spec));
    expect(JSON.stringify(spec)).toBe(before);
  });
});
