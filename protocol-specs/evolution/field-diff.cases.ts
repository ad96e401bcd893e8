/** Field edits for diff.test.ts: one author's edit each, and the changes it makes. */
import { BIRDS, CHIRO, FLORE } from './diff.cases.ts';
import type { Case } from './spec-edits.test-helpers.ts';

const windSpeed = (over: Record<string, unknown> = {}) => ({
  id: 'visit.wind_speed',
  key: 'wind_speed',
  kind: 'integer',
  label: { fr: 'Vent', en: 'Wind' },
  ...over,
});

/** chiro_gites: the visit level is /levels/1, the observation level /levels/2. */
const VISIT = '/levels/1/fields';
const OBS = '/levels/2/fields';

export const FIELD_CASES: readonly Case[] = [
  {
    name: 'optional field added',
    code: CHIRO,
    edit: (e) => e.level('visit').fields.push(windSpeed()),
    want: [{ kind: 'field_added', level: 'level.visit', field: 'visit.wind_speed', path: `${VISIT}/16` }],
  },
  {
    name: 'required field added',
    code: CHIRO,
    edit: (e) => e.level('visit').fields.push(windSpeed({ required: true })),
    want: [{ kind: 'field_added_required', field: 'visit.wind_speed' }],
  },
  {
    name: 'field with a required rule added',
    code: CHIRO,
    edit: (e) => e.level('visit').fields.push(windSpeed({ required: 'value.disturbance == true' })),
    want: [{ kind: 'field_added_required', field: 'visit.wind_speed' }],
  },
  {
    name: 'field removed (the path is in the previous spec)',
    code: CHIRO,
    backwards: true,
    edit: (e) => e.level('visit').fields.push(windSpeed()),
    want: [{ kind: 'field_removed', field: 'visit.wind_speed', path: `${VISIT}/16` }],
  },
  {
    name: 'section added',
    code: CHIRO,
    edit: (e) =>
      e
        .level('visit')
        .fields.push({ id: 'visit.section_more', key: 'section_more', kind: 'section', label: 'Plus' }),
    want: [{ kind: 'section_added', field: 'visit.section_more' }],
  },
  {
    name: 'section removed',
    code: CHIRO,
    edit: (e) => e.removeField('visit', 'section_conditions'),
    want: [{ kind: 'section_removed', field: 'visit.section_conditions', path: `${VISIT}/7` }],
  },
  {
    name: 'field key renamed under its id, every reference following',
    code: CHIRO,
    edit: (e) => e.renameField('observation', 'count_adults', 'adults'),
    want: [
      { kind: 'field_renamed', level: 'level.observation', field: 'obs.count_adults', path: `${OBS}/3/key` },
    ],
  },
  {
    name: 'label and help',
    code: CHIRO,
    edit: (e) => {
      const f = e.field('observation', 'count_adults');
      f.label = { fr: 'Adultes', en: 'Adult bats' };
      f.help = 'Individus adultes';
    },
    want: [
      { kind: 'field_label_changed', property: 'label', path: `${OBS}/3/label` },
      { kind: 'field_label_changed', property: 'help', path: `${OBS}/3/help` },
    ],
  },
  {
    name: 'a field moved in the form',
    code: CHIRO,
    edit: (e) => e.moveField('visit', 'guano', 1),
    want: [{ kind: 'field_order_changed', field: 'visit.guano', path: `${VISIT}/1` }],
  },
  {
    name: 'display, unit, aliases',
    code: CHIRO,
    edit: (e) => {
      e.field('visit', 'season').display = 'select';
      e.field('visit', 'outside_temperature').unit = 'K';
      e.field('visit', 'disturbance_types').aliases = [];
    },
    want: [
      { kind: 'field_presentation_changed', field: 'visit.season', property: 'display' },
      { kind: 'field_presentation_changed', field: 'visit.outside_temperature', property: 'unit' },
      { kind: 'field_presentation_changed', field: 'visit.disturbance_types', property: 'aliases' },
    ],
  },
  {
    name: 'computed rule',
    code: CHIRO,
    edit: (e) => {
      e.field('observation', 'count_total').computed = 'coalesce(value.count_adults, 0)';
    },
    want: [{ kind: 'field_computed_changed', field: 'obs.count_total', path: `${OBS}/6/computed` }],
  },
  {
    name: 'default',
    code: CHIRO,
    edit: (e) => {
      e.field('visit', 'visit_method').default = { code: 'ACOUSTIC' };
    },
    want: [{ kind: 'field_default_changed', field: 'visit.method' }],
  },
  {
    name: 'integer to decimal',
    code: CHIRO,
    edit: (e) => {
      e.field('observation', 'count_adults').kind = 'decimal';
    },
    want: [{ kind: 'field_kind_widened', field: 'obs.count_adults', path: `${OBS}/3/kind` }],
  },
  {
    name: 'decimal to integer',
    code: CHIRO,
    edit: (e) => {
      const f = e.field('visit', 'outside_temperature');
      f.kind = 'integer';
      delete f.decimals;
    },
    want: [
      { kind: 'field_kind_cast', field: 'visit.outside_temperature' },
      { kind: 'field_constraint_relaxed', property: 'decimals' },
    ],
  },
  {
    name: 'several values, then one',
    code: CHIRO,
    edit: (e) => {
      const f = e.field('visit', 'disturbance_types');
      f.multiple = false;
      f.display = 'radio';
    },
    want: [
      { kind: 'field_multiple_changed', field: 'visit.disturbance_types', path: `${VISIT}/12/multiple` },
      { kind: 'field_presentation_changed', property: 'display' },
    ],
  },
  {
    name: 'habitat typology',
    code: BIRDS,
    edit: (e) => {
      e.field('site', 'habitat_eunis').typology = 'CORINE';
    },
    want: [{ kind: 'field_target_changed', field: 'point.habitat_eunis', property: 'typology' }],
  },
  {
    name: 'bounds: max lowered, min lowered, maxLength raised',
    code: CHIRO,
    edit: (e) => {
      e.field('observation', 'count_adults').max = 5000;
      e.field('visit', 'outside_temperature').min = -40;
      e.field('site', 'place_name').maxLength = 300;
    },
    want: [
      {
        kind: 'field_constraint_relaxed',
        field: 'roost.place_name',
        property: 'maxLength',
        path: '/levels/0/fields/2/maxLength',
      },
      { kind: 'field_constraint_relaxed', field: 'visit.outside_temperature', property: 'min' },
      {
        kind: 'field_constraint_tightened',
        field: 'obs.count_adults',
        property: 'max',
        path: `${OBS}/3/max`,
      },
    ],
  },
  {
    name: 'required, pattern added, decimals fewer',
    code: CHIRO,
    edit: (e) => {
      e.field('site', 'place_name').required = true;
      e.field('site', 'place_name').pattern = '[A-Z].*';
      e.field('visit', 'outside_temperature').decimals = 0;
    },
    want: [
      { kind: 'field_constraint_tightened', field: 'roost.place_name', property: 'required' },
      { kind: 'field_constraint_tightened', field: 'roost.place_name', property: 'pattern' },
      { kind: 'field_constraint_tightened', field: 'visit.outside_temperature', property: 'decimals' },
    ],
  },
  {
    name: 'date bound literal, group rows',
    code: FLORE,
    edit: (e) => {
      e.field('visit', 'strata_cover').maxItems = 4;
      e.field('visit', 'mean_height').max = 600;
    },
    want: [
      { kind: 'field_constraint_tightened', field: 'reading.strata_cover', property: 'maxItems' },
      { kind: 'field_constraint_relaxed', field: 'reading.strata_cover.mean_height', property: 'max' },
    ],
  },
  {
    name: 'visibility rule changed, requirement rule dropped',
    code: CHIRO,
    edit: (e) => {
      e.field('visit', 'roost_temperature').visibleIf = 'value.disturbance == false';
      delete e.field('visit', 'visit_start').required;
    },
    want: [
      { kind: 'field_constraint_relaxed', field: 'visit.start', property: 'required' },
      { kind: 'field_rule_changed', field: 'visit.roost_temperature', property: 'visibleIf' },
    ],
  },
  {
    name: 'choices: one added, one removed, one relabelled',
    code: CHIRO,
    edit: (e) => {
      const choices = e.field('visit', 'season').choices;
      choices[0].label = 'Hiver';
      choices.pop();
      choices.push({ value: 'rut', label: 'Rut' });
    },
    want: [
      { kind: 'choice_label_changed', value: 'winter', path: `${VISIT}/1/choices/0` },
      { kind: 'choice_value_added', value: 'rut', path: `${VISIT}/1/choices/3` },
      { kind: 'choice_value_removed', value: 'autumn', path: `${VISIT}/1/choices/3` },
    ],
  },
  {
    name: 'choices reordered',
    code: CHIRO,
    edit: (e) => e.field('visit', 'season').choices.reverse(),
    want: [{ kind: 'field_choices_reordered', field: 'visit.season' }],
  },
];
