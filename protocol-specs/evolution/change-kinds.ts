/**
 * Every kind of change the diff reports, and the class each one always has. The class is a property of
 * the kind, never decided case by case: a reader (and the migration planner) can rely on the table in
 * docs/migrations.md. Where one edit can fall either way (a bound raised or lowered), there are two kinds.
 */
import type { ChangeClass } from './change-class.ts';

export const CHANGE_KIND_CLASSES = {
  // The protocol itself.
  protocol_version_changed: 'metadata',
  protocol_label_changed: 'metadata',
  protocol_datasets_changed: 'metadata',
  taxonomy_widened: 'additive',
  taxonomy_narrowed: 'data_dependent',
  occurrence_mapping_changed: 'metadata',
  // Vocabularies, paired by id; their values by code.
  vocabulary_added: 'additive',
  vocabulary_removed: 'metadata',
  vocabulary_renamed: 'rename',
  vocabulary_label_changed: 'metadata',
  vocabulary_value_added: 'additive',
  vocabulary_value_removed: 'data_dependent',
  vocabulary_value_label_changed: 'metadata',
  vocabulary_value_broader_changed: 'metadata',
  vocabulary_values_reordered: 'metadata',
  // Levels, paired by id.
  level_added: 'additive',
  level_removed: 'destructive',
  level_renamed: 'rename',
  level_label_changed: 'metadata',
  level_display_changed: 'metadata',
  level_field_sets_changed: 'metadata',
  level_check_added: 'data_dependent',
  level_check_removed: 'additive',
  level_check_changed: 'data_dependent',
  level_check_message_changed: 'metadata',
  level_type_changed: 'data_dependent',
  level_parents_changed: 'data_dependent',
  level_parents_required: 'data_dependent',
  level_parents_relaxed: 'additive',
  level_geometry_added: 'additive',
  level_geometry_removed: 'destructive',
  level_geometry_widened: 'additive',
  level_geometry_kind_changed: 'data_dependent',
  level_geometry_required: 'data_dependent',
  level_geometry_relaxed: 'additive',
  // Fields (and the row fields of repeatable groups), paired by id within their level.
  field_added: 'additive',
  field_added_required: 'data_dependent',
  field_removed: 'destructive',
  section_added: 'metadata',
  section_removed: 'metadata',
  field_renamed: 'rename',
  field_label_changed: 'metadata',
  field_order_changed: 'metadata',
  field_presentation_changed: 'metadata',
  field_computed_changed: 'metadata',
  field_default_changed: 'metadata',
  field_kind_widened: 'additive',
  field_kind_cast: 'data_dependent',
  field_multiple_changed: 'data_dependent',
  field_target_changed: 'data_dependent',
  field_constraint_tightened: 'data_dependent',
  field_constraint_relaxed: 'additive',
  field_rule_changed: 'data_dependent',
  choice_value_added: 'additive',
  choice_value_removed: 'data_dependent',
  choice_label_changed: 'metadata',
  field_choices_reordered: 'metadata',
} as const satisfies Record<string, ChangeClass>;

export type ChangeKind = keyof typeof CHANGE_KIND_CLASSES;

export const CHANGE_KINDS = Object.keys(CHANGE_KIND_CLASSES) as readonly ChangeKind[];
