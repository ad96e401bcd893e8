/** Protocol, vocabulary and level edits for diff.test.ts: one author's edit each, and the changes it makes. */
import type { Case } from './spec-edits.test-helpers.ts';

export const CHIRO = 'chiro_gites';
export const FLORE = 'flore_quadrats';
export const AMPHI = 'amphibiens_mares';
export const BIRDS = 'oiseaux_points_ecoute';

const newVocabulary = {
  id: 'voc.extra',
  code: 'CHIRO_EXTRA',
  label: 'Extra',
  values: [{ code: 'A', label: 'A' }],
};

const newLevel = {
  id: 'level.extra',
  key: 'extra',
  type: 'custom',
  label: 'Extra',
  fields: [{ id: 'extra.note', key: 'note', kind: 'text', label: 'Note' }],
};

export const PROTOCOL_CASES: readonly Case[] = [
  // The protocol.
  {
    name: 'version raised',
    code: CHIRO,
    edit: (e) => {
      e.spec.version = 2;
    },
    want: [{ kind: 'protocol_version_changed', path: '/version' }],
  },
  {
    name: 'protocol label translated anew',
    code: CHIRO,
    edit: (e) => {
      e.spec.label.en = 'Bat roosts';
    },
    want: [{ kind: 'protocol_label_changed', property: 'label', path: '/label' }],
  },
  {
    name: 'protocol datasets: one more',
    code: CHIRO,
    edit: (e) => e.spec.datasets.push('0b9a6f52-3c1e-4d2a-8f7b-6e5d4c3b2a10'),
    want: [{ kind: 'protocol_datasets_changed', path: '/datasets' }],
  },
  {
    name: 'taxonomy widened',
    code: CHIRO,
    edit: (e) => e.spec.taxonomy.taxa.push(60408),
    want: [{ kind: 'taxonomy_widened', path: '/taxonomy' }],
  },
  {
    name: 'taxonomy narrowed',
    code: CHIRO,
    edit: (e) => e.spec.taxonomy.taxa.pop(),
    want: [{ kind: 'taxonomy_narrowed', path: '/taxonomy' }],
  },
  {
    name: 'taxonomy from a group to all',
    code: AMPHI,
    edit: (e) => {
      e.spec.taxonomy = { scope: 'all' };
    },
    want: [{ kind: 'taxonomy_widened' }],
  },
  {
    name: 'SINP mapping',
    code: CHIRO,
    edit: (e) => void delete e.spec.occurrence.comment,
    want: [{ kind: 'occurrence_mapping_changed', property: 'comment', path: '/occurrence/comment' }],
  },
  // Vocabularies.
  {
    name: 'vocabulary added',
    code: CHIRO,
    edit: (e) => e.spec.vocabularies.push(newVocabulary),
    want: [{ kind: 'vocabulary_added', path: '/vocabularies' }],
  },
  {
    name: 'vocabulary no longer used',
    code: CHIRO,
    backwards: true,
    edit: (e) => e.spec.vocabularies.push(newVocabulary),
    want: [{ kind: 'vocabulary_removed' }],
  },
  {
    name: 'vocabulary code renamed, its field following',
    code: CHIRO,
    edit: (e) => {
      e.vocabulary('CHIRO_VISIT_METHOD').code = 'CHIRO_METHOD';
      e.field('visit', 'visit_method').vocabulary = 'CHIRO_METHOD';
    },
    want: [{ kind: 'vocabulary_renamed' }],
  },
  {
    name: 'vocabulary label',
    code: CHIRO,
    edit: (e) => {
      e.vocabulary('CHIRO_ROOST_TYPE').label = 'Gîte';
    },
    want: [{ kind: 'vocabulary_label_changed', property: 'label' }],
  },
  {
    name: 'vocabulary value added (its fields offer it too)',
    code: CHIRO,
    edit: (e) => e.vocabulary('CHIRO_DISTURBANCE').values.push({ code: 'DRONE', label: 'Drone' }),
    want: [
      { kind: 'vocabulary_value_added', value: 'DRONE' },
      { kind: 'field_constraint_relaxed', field: 'visit.disturbance_types', property: 'codes' },
    ],
  },
  {
    name: 'vocabulary value removed',
    code: CHIRO,
    edit: (e) => e.vocabulary('CHIRO_DISTURBANCE').values.pop(),
    want: [
      { kind: 'vocabulary_value_removed' },
      { kind: 'field_constraint_tightened', field: 'visit.disturbance_types', property: 'codes' },
    ],
  },
  {
    name: 'vocabulary value label and broader value',
    code: CHIRO,
    edit: (e) => {
      const [first, second] = e.vocabulary('CHIRO_DISTURBANCE').values;
      first.label = 'Autre libellé';
      second.broader = first.code;
    },
    want: [
      { kind: 'vocabulary_value_label_changed', property: 'label' },
      { kind: 'vocabulary_value_broader_changed' },
    ],
  },
  {
    name: 'vocabulary values reordered',
    code: CHIRO,
    edit: (e) => e.vocabulary('CHIRO_DISTURBANCE').values.reverse(),
    want: [{ kind: 'vocabulary_values_reordered' }],
  },
  // Levels.
  {
    name: 'level added',
    code: FLORE,
    edit: (e) => e.spec.levels.push(newLevel),
    want: [{ kind: 'level_added', level: 'level.extra', path: '/levels/5' }],
  },
  {
    name: 'level removed',
    code: FLORE,
    backwards: true,
    edit: (e) => e.spec.levels.push(newLevel),
    want: [{ kind: 'level_removed', level: 'level.extra', path: '/levels/5' }],
  },
  {
    name: 'level renamed, every reference following',
    code: FLORE,
    edit: (e) => e.renameLevel('campaign', 'season'),
    want: [{ kind: 'level_renamed', level: 'level.campaign', path: '/levels/0/key' }],
  },
  {
    name: 'level plural',
    code: CHIRO,
    edit: (e) => {
      e.level('visit').plural = 'Passages';
    },
    want: [
      { kind: 'level_label_changed', level: 'level.visit', property: 'plural', path: '/levels/1/plural' },
    ],
  },
  {
    name: 'level list',
    code: CHIRO,
    edit: (e) => e.level('visit').list.pop(),
    want: [{ kind: 'level_display_changed', property: 'list', path: '/levels/1/list' }],
  },
  {
    name: 'field set label',
    code: CHIRO,
    edit: (e) => {
      e.level('site').fieldSets[0].label = 'Ouvrage';
    },
    want: [{ kind: 'level_field_sets_changed', path: '/levels/0/fieldSets' }],
  },
  {
    name: 'record check added',
    code: CHIRO,
    edit: (e) => {
      e.level('visit').checks = [{ id: 'dated', rule: '!empty(value.visit_date_min)', message: 'Datée' }];
    },
    want: [{ kind: 'level_check_added', path: '/levels/1/checks/0' }],
  },
  {
    name: 'record check removed',
    code: BIRDS,
    edit: (e) => {
      e.level('observation').checks = undefined;
    },
    want: [{ kind: 'level_check_removed', path: '/levels/3/checks/0' }],
  },
  {
    name: 'record check rule and message changed',
    code: BIRDS,
    edit: (e) => {
      const check = e.level('visit').checks[1];
      check.rule = "!contains(value.habitat_notes, 'TODO') && !contains(value.habitat_notes, 'XXX')";
      check.message = 'Notes à finir';
    },
    want: [
      { kind: 'level_check_changed', path: '/levels/2/checks/1/rule' },
      { kind: 'level_check_message_changed', path: '/levels/2/checks/1' },
    ],
  },
  {
    name: 'level type changed (its standard fields follow)',
    code: FLORE,
    edit: (e) => {
      e.level('campaign').type = 'sites_group';
    },
    want: [
      { kind: 'level_type_changed', level: 'level.campaign', path: '/levels/0/type' },
      { kind: 'level_display_changed', property: 'mapLabel' },
      {
        kind: 'field_added_required',
        field: 'std.sites_group_name',
        path: '/levels/0/standard/sites_group_name',
      },
      { kind: 'field_added', field: 'std.sites_group_code' },
      { kind: 'field_added', field: 'std.sites_group_description' },
      { kind: 'field_added', field: 'std.comments' },
      { kind: 'field_added', field: 'std.medias' },
    ],
  },
  {
    name: 'parents changed',
    code: FLORE,
    edit: (e) => {
      e.level('visit').parents = ['site', 'campaign', 'sites_group'];
    },
    want: [{ kind: 'level_parents_changed', level: 'level.reading', path: '/levels/3/parents' }],
  },
  {
    name: 'parents: all required, then any',
    code: FLORE,
    edit: (e) => {
      e.level('visit').allParentsRequired = false;
    },
    want: [{ kind: 'level_parents_relaxed', level: 'level.reading', path: '/levels/3/allParentsRequired' }],
  },
  {
    name: 'parents: any, then all required',
    code: FLORE,
    backwards: true,
    edit: (e) => {
      e.level('visit').allParentsRequired = false;
    },
    want: [{ kind: 'level_parents_required', level: 'level.reading' }],
  },
  {
    name: 'geometry added to a level without',
    code: FLORE,
    edit: (e) => {
      e.level('campaign').geometry = { kind: 'polygon', required: false };
    },
    want: [{ kind: 'level_geometry_added', level: 'level.campaign', path: '/levels/0/geometry' }],
  },
  {
    name: 'geometry removed',
    code: FLORE,
    backwards: true,
    edit: (e) => {
      e.level('campaign').geometry = { kind: 'polygon', required: false };
    },
    want: [{ kind: 'level_geometry_removed', level: 'level.campaign' }],
  },
  {
    name: 'geometry widened to any',
    code: CHIRO,
    edit: (e) => {
      e.level('site').geometry = { kind: 'any', required: true };
    },
    want: [{ kind: 'level_geometry_widened', path: '/levels/0/geometry' }],
  },
  {
    name: 'geometry kind changed',
    code: CHIRO,
    edit: (e) => {
      e.level('site').geometry = { kind: 'polygon', required: true };
    },
    want: [{ kind: 'level_geometry_kind_changed' }],
  },
  {
    name: 'geometry now required',
    code: AMPHI,
    edit: (e) => {
      e.level('sites_group').geometry.required = true;
    },
    want: [{ kind: 'level_geometry_required', level: 'level.area', path: '/levels/0/geometry/required' }],
  },
  {
    name: 'geometry now optional',
    code: CHIRO,
    edit: (e) => {
      e.level('site').geometry.required = false;
    },
    want: [{ kind: 'level_geometry_relaxed' }],
  },
];
