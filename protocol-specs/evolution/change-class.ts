/**
 * What a change between two versions of a protocol does to the data already collected. The diff
 * (protocol-specs/evolution) classifies each change by stable id; the migration planner
 * (generators/migrations) turns each class into SQL. docs/migrations.md explains them.
 * - `metadata`: labels, help, order, widgets, comments, translations: no table touched;
 * - `additive`: a new optional field or level, a new vocabulary value, a relaxed bound: always safe;
 * - `data_dependent`: a new required field, a tightened bound, a removed value, a cast: rows are
 *   checked, counted and listed, and a resolution says what becomes of those that do not fit;
 * - `destructive`: a removed field or level: its data moves to the archive schema with the record ids;
 * - `rename`: a key changed under the same id: a column rename, never a drop and an add.
 */
export const CHANGE_CLASSES = ['metadata', 'additive', 'data_dependent', 'destructive', 'rename'] as const;
export type ChangeClass = (typeof CHANGE_CLASSES)[number];
