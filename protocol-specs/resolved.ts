/**
 * The resolved protocol: the IR every generator reads. Produced by normalise/ from a valid authored spec,
 * with every default applied, standard fields and field sets merged in, labels in both forms, rules parsed.
 * Deeply frozen: emitters cannot mutate it.
 */
import type { RuleNode } from './rules/ast.ts';
import type { FIELD_KINDS } from './schema/field-schemas.ts';
import type { LevelType } from './standard/standard-fields.ts';

export type FieldKind = (typeof FIELD_KINDS)[number];
export type GeometryKind = 'point' | 'line' | 'polygon' | 'any';

export interface Labels {
  readonly fr: string;
  readonly en?: string;
}

/** A rule: its source text (for messages and round trips) and its syntax tree. */
export interface ParsedRule {
  readonly source: string;
  readonly ast: RuleNode;
}

export type RuleOr<T> = { readonly literal: T } | { readonly rule: ParsedRule };

export type ResolvedDefault =
  | { readonly kind: 'literal'; readonly value: string | number | boolean | readonly string[] }
  | { readonly kind: 'codes'; readonly codes: readonly string[] }
  | { readonly kind: 'rule'; readonly rule: ParsedRule };

export interface ResolvedChoice {
  readonly value: string;
  readonly label: Labels;
}

interface FieldCommon {
  readonly id: string;
  readonly key: string;
  readonly label: Labels;
  readonly help?: Labels;
  readonly aliases: readonly string[];
  /** Inherited from the level type (GeoNature's generic fields). */
  readonly standard: boolean;
  /** Id of the field set this field came from, if any. */
  readonly fieldSet?: string;
  /** The field is visible when this rule is true; absent means always. Field-set conditions are folded in. */
  readonly visibleIf?: ParsedRule;
  /** For a field-set field, its own visibility rule before the set's condition was folded in. */
  readonly ownVisibleIf?: ParsedRule;
  /** true, false, or required when the rule is true (and the field visible). */
  readonly required: boolean | ParsedRule;
  readonly readOnly: boolean;
  readonly computed?: ParsedRule;
  readonly default?: ResolvedDefault;
  /** JSON pointer of the field in the authored spec, for diagnostics downstream. */
  readonly sourcePath: string;
  /** Dashboards count records by its values (single-valued choice or vocabulary; docs/dashboards.md). */
  readonly dimension?: true;
  /** Dashboards sum it (integer or decimal; docs/dashboards.md). */
  readonly measure?: 'sum';
}

export interface TextField extends FieldCommon {
  readonly kind: 'text' | 'long_text';
  readonly maxLength?: number;
  readonly pattern?: string;
}
export interface NumberField extends FieldCommon {
  readonly kind: 'integer' | 'decimal';
  readonly min?: RuleOr<number>;
  readonly max?: RuleOr<number>;
  readonly unit?: string;
  readonly decimals?: number;
}
export interface BooleanField extends FieldCommon {
  readonly kind: 'boolean';
}
export interface TemporalField extends FieldCommon {
  readonly kind: 'date' | 'time' | 'datetime';
  readonly min?: RuleOr<string>;
  readonly max?: RuleOr<string>;
}
export interface ChoiceField extends FieldCommon {
  readonly kind: 'choice';
  readonly choices: readonly ResolvedChoice[];
  readonly multiple: boolean;
  readonly display: 'select' | 'radio' | 'checkbox';
  readonly filter?: ParsedRule;
}
export interface VocabularyField extends FieldCommon {
  readonly kind: 'vocabulary';
  /** Code of the vocabulary (protocol or SINP type); its values are in ResolvedProtocol.vocabularies. */
  readonly vocabulary: string;
  /** The codes offered: the subset if one was given, else every code of the vocabulary. */
  readonly codes: readonly string[];
  readonly multiple: boolean;
  readonly display: 'select' | 'radio' | 'checkbox';
  readonly filter?: ParsedRule;
}
export interface TaxonField extends FieldCommon {
  readonly kind: 'taxon';
  /** Allowed names; empty means the protocol's taxonomic scope. */
  readonly taxa: readonly number[];
  readonly fixed?: number;
}
export interface ObserversField extends FieldCommon {
  readonly kind: 'observers';
  readonly multiple: boolean;
  readonly freeText: boolean;
}
export interface DatasetField extends FieldCommon {
  readonly kind: 'dataset';
  readonly datasets: readonly string[];
}
export interface HabitatField extends FieldCommon {
  readonly kind: 'habitat';
  readonly typology: string;
  readonly codes: readonly string[];
  readonly multiple: boolean;
  readonly filter?: ParsedRule;
}
export interface ReferenceField extends FieldCommon {
  readonly kind: 'reference';
  readonly level: string;
  readonly multiple: boolean;
}
export interface MediaField extends FieldCommon {
  readonly kind: 'media';
  readonly maxFiles: number;
  readonly accept: readonly string[];
}
export interface GeometryField extends FieldCommon {
  readonly kind: 'geometry';
  readonly geometry: GeometryKind;
}
export interface GroupField extends FieldCommon {
  readonly kind: 'group';
  readonly minItems: number;
  readonly maxItems?: number;
  readonly fields: readonly ResolvedField[];
}
export interface SectionField extends FieldCommon {
  readonly kind: 'section';
}

export type ResolvedField =
  | TextField
  | NumberField
  | BooleanField
  | TemporalField
  | ChoiceField
  | VocabularyField
  | TaxonField
  | ObserversField
  | DatasetField
  | HabitatField
  | ReferenceField
  | MediaField
  | GeometryField
  | GroupField
  | SectionField;

export interface ResolvedFieldSet {
  readonly id: string;
  readonly label: Labels;
  readonly field: string;
  readonly codes: readonly string[];
}

export interface ResolvedLevel {
  readonly id: string;
  readonly key: string;
  readonly type: LevelType;
  readonly parents: readonly string[];
  /** `all`: a record links to every parent (always so with one parent); `any`: to at least one of them. */
  readonly parentsRequired: 'all' | 'any';
  readonly label: Labels;
  readonly plural: Labels;
  readonly geometry: { readonly kind: GeometryKind | 'none'; readonly required: boolean };
  /** Form order: standard fields first unless placed by the spec, field-set fields after the level's own. */
  readonly fields: readonly ResolvedField[];
  readonly fieldSets: readonly ResolvedFieldSet[];
  readonly list: readonly string[];
  readonly detail: readonly string[];
  readonly sort: readonly { readonly field: string; readonly direction: 'asc' | 'desc' }[];
  readonly mapLabel?: string;
  readonly keep: readonly string[];
  /**
   * Record-level checks, in spec order (docs/spec.md "Record checks"); absent when the level has none, so
   * the resolved protocols of earlier generations read the same.
   */
  readonly checks?: readonly ResolvedCheck[];
}

/** A rule every record of a level must pass, and what to say when it does not. */
export interface ResolvedCheck {
  /** Snake-case, unique in its level. */
  readonly id: string;
  readonly rule: ParsedRule;
  readonly message: Labels;
  /** Fields the message is shown on; empty: the record as a whole (path ""). */
  readonly fields: readonly string[];
}

export interface ResolvedVocabularyValue {
  readonly code: string;
  readonly label: Labels;
  readonly definition?: Labels;
  readonly broader?: string;
}

export interface ResolvedVocabulary {
  /** Stable id; for SINP types, `sinp.<code>`. */
  readonly id: string;
  readonly code: string;
  readonly label: Labels;
  readonly description?: Labels;
  readonly source: 'protocol' | 'sinp';
  readonly values: readonly ResolvedVocabularyValue[];
}

export type TaxonomicScope =
  | { readonly scope: 'all' }
  | { readonly scope: 'list'; readonly taxa: readonly number[] }
  | { readonly scope: 'group'; readonly rank: string; readonly name: string }
  | { readonly scope: 'species'; readonly taxon: number };

export type MappingSource =
  | { readonly kind: 'field'; readonly level: string; readonly field: string }
  | { readonly kind: 'geometry'; readonly level: string }
  | { readonly kind: 'rule'; readonly rule: ParsedRule }
  | { readonly kind: 'value'; readonly value: string | number | boolean }
  | { readonly kind: 'code'; readonly code: string };

export const OCCURRENCE_ATTRIBUTES = [
  'taxon',
  'citedName',
  'countMin',
  'countMax',
  'dateStart',
  'dateEnd',
  'observers',
  'determiner',
  'geometry',
  'dataset',
  'comment',
  'publishAfter',
] as const;
export type OccurrenceAttribute = (typeof OCCURRENCE_ATTRIBUTES)[number];

export interface ResolvedOccurrence {
  readonly level: string;
  readonly attributes: Readonly<Partial<Record<OccurrenceAttribute, MappingSource>>>;
  /** SINP nomenclature type → source, sorted by type. */
  readonly nomenclatures: Readonly<Record<string, MappingSource>>;
}

export interface ResolvedProtocol {
  readonly code: string;
  readonly version: number;
  readonly label: Labels;
  readonly description?: Labels;
  readonly taxonomy: TaxonomicScope;
  readonly datasets: readonly string[];
  /** Protocol vocabularies and the SINP types the protocol uses, sorted by code. */
  readonly vocabularies: readonly ResolvedVocabulary[];
  /** Parents before children. */
  readonly levels: readonly ResolvedLevel[];
  readonly occurrence?: ResolvedOccurrence;
}
