/* Generated from protocol-specs/schema/protocol-schema.ts by `npm run gen:spec-types`. Do not edit. */

/**
 * A label: French text, or French with an optional English translation.
 */
export type Label =
  | string
  | {
      fr: string;
      en?: string;
    };
/**
 * A TAXREF name code (cd_nom).
 */
export type CdNom = number;
export type Uuid = string;
/**
 * Immutable identifier. Never change it: migrations use it to recognise a renamed key. Letters, digits, _ . : -
 */
export type StableId = string;
export type VocabularyCode = string;
/**
 * Code of the broader value, for hierarchical vocabularies.
 */
export type VocabularyCode1 = string;
/**
 * Lower snake case ASCII, starting with a letter, at most 63 characters; becomes an SQL name.
 */
export type SqlIdentifier = string;
/**
 * Lower snake case ASCII, starting with a letter, at most 63 characters; becomes an SQL name.
 */
export type SqlIdentifier1 = string;
export type Field =
  | TextField
  | LongTextField
  | IntegerField
  | DecimalField
  | BooleanField
  | DateField
  | TimeField
  | DatetimeField
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
/**
 * A label: French text, or French with an optional English translation.
 */
export type Label1 =
  | string
  | {
      fr: string;
      en?: string;
    };
/**
 * true, false, or a rule: the field is required when the rule is true (and the field is visible).
 */
export type RequiredSlot = boolean | Rule;
/**
 * A rule in Suivi's expression language (docs/rules.md), e.g. value.accessibility == 'Oui' && value.num_passage == 1
 */
export type Rule = string;
/**
 * A rule in Suivi's expression language (docs/rules.md), e.g. value.accessibility == 'Oui' && value.num_passage == 1
 */
export type Rule1 = string;
/**
 * A rule in Suivi's expression language (docs/rules.md), e.g. value.accessibility == 'Oui' && value.num_passage == 1
 */
export type Rule2 = string;
/**
 * A label: French text, or French with an optional English translation.
 */
export type Label2 =
  | string
  | {
      fr: string;
      en?: string;
    };
/**
 * A rule in Suivi's expression language (docs/rules.md), e.g. value.accessibility == 'Oui' && value.num_passage == 1
 */
export type Rule3 = string;
/**
 * A rule in Suivi's expression language (docs/rules.md), e.g. value.accessibility == 'Oui' && value.num_passage == 1
 */
export type Rule4 = string;
/**
 * A label: French text, or French with an optional English translation.
 */
export type Label3 =
  | string
  | {
      fr: string;
      en?: string;
    };
/**
 * A rule in Suivi's expression language (docs/rules.md), e.g. value.accessibility == 'Oui' && value.num_passage == 1
 */
export type Rule5 = string;
/**
 * A rule in Suivi's expression language (docs/rules.md), e.g. value.accessibility == 'Oui' && value.num_passage == 1
 */
export type Rule6 = string;
/**
 * A label: French text, or French with an optional English translation.
 */
export type Label4 =
  | string
  | {
      fr: string;
      en?: string;
    };
/**
 * A rule in Suivi's expression language (docs/rules.md), e.g. value.accessibility == 'Oui' && value.num_passage == 1
 */
export type Rule7 = string;
/**
 * A rule in Suivi's expression language (docs/rules.md), e.g. value.accessibility == 'Oui' && value.num_passage == 1
 */
export type Rule8 = string;
/**
 * A label: French text, or French with an optional English translation.
 */
export type Label5 =
  | string
  | {
      fr: string;
      en?: string;
    };
/**
 * A rule in Suivi's expression language (docs/rules.md), e.g. value.accessibility == 'Oui' && value.num_passage == 1
 */
export type Rule9 = string;
/**
 * A rule in Suivi's expression language (docs/rules.md), e.g. value.accessibility == 'Oui' && value.num_passage == 1
 */
export type Rule10 = string;
/**
 * A label: French text, or French with an optional English translation.
 */
export type Label6 =
  | string
  | {
      fr: string;
      en?: string;
    };
/**
 * A rule in Suivi's expression language (docs/rules.md), e.g. value.accessibility == 'Oui' && value.num_passage == 1
 */
export type Rule11 = string;
/**
 * A rule in Suivi's expression language (docs/rules.md), e.g. value.accessibility == 'Oui' && value.num_passage == 1
 */
export type Rule12 = string;
/**
 * A label: French text, or French with an optional English translation.
 */
export type Label7 =
  | string
  | {
      fr: string;
      en?: string;
    };
/**
 * A rule in Suivi's expression language (docs/rules.md), e.g. value.accessibility == 'Oui' && value.num_passage == 1
 */
export type Rule13 = string;
/**
 * A rule in Suivi's expression language (docs/rules.md), e.g. value.accessibility == 'Oui' && value.num_passage == 1
 */
export type Rule14 = string;
/**
 * A label: French text, or French with an optional English translation.
 */
export type Label8 =
  | string
  | {
      fr: string;
      en?: string;
    };
/**
 * A rule in Suivi's expression language (docs/rules.md), e.g. value.accessibility == 'Oui' && value.num_passage == 1
 */
export type Rule15 = string;
/**
 * A rule in Suivi's expression language (docs/rules.md), e.g. value.accessibility == 'Oui' && value.num_passage == 1
 */
export type Rule16 = string;
/**
 * A label: French text, or French with an optional English translation.
 */
export type Label9 =
  | string
  | {
      fr: string;
      en?: string;
    };
/**
 * A rule in Suivi's expression language (docs/rules.md), e.g. value.accessibility == 'Oui' && value.num_passage == 1
 */
export type Rule17 = string;
/**
 * A rule in Suivi's expression language (docs/rules.md), e.g. value.accessibility == 'Oui' && value.num_passage == 1
 */
export type Rule18 = string;
/**
 * A rule in Suivi's expression language (docs/rules.md), e.g. value.accessibility == 'Oui' && value.num_passage == 1
 */
export type Rule19 = string;
/**
 * A label: French text, or French with an optional English translation.
 */
export type Label10 =
  | string
  | {
      fr: string;
      en?: string;
    };
/**
 * A rule in Suivi's expression language (docs/rules.md), e.g. value.accessibility == 'Oui' && value.num_passage == 1
 */
export type Rule20 = string;
/**
 * A rule in Suivi's expression language (docs/rules.md), e.g. value.accessibility == 'Oui' && value.num_passage == 1
 */
export type Rule21 = string;
/**
 * Vocabulary code (protocol vocabulary or SINP type, e.g. STADE_VIE).
 */
export type VocabularyCode2 = string;
/**
 * A rule in Suivi's expression language (docs/rules.md), e.g. value.accessibility == 'Oui' && value.num_passage == 1
 */
export type Rule22 = string;
/**
 * A label: French text, or French with an optional English translation.
 */
export type Label11 =
  | string
  | {
      fr: string;
      en?: string;
    };
/**
 * A rule in Suivi's expression language (docs/rules.md), e.g. value.accessibility == 'Oui' && value.num_passage == 1
 */
export type Rule23 = string;
/**
 * A rule in Suivi's expression language (docs/rules.md), e.g. value.accessibility == 'Oui' && value.num_passage == 1
 */
export type Rule24 = string;
/**
 * A TAXREF name code (cd_nom).
 */
export type CdNom1 = number;
/**
 * A label: French text, or French with an optional English translation.
 */
export type Label12 =
  | string
  | {
      fr: string;
      en?: string;
    };
/**
 * A rule in Suivi's expression language (docs/rules.md), e.g. value.accessibility == 'Oui' && value.num_passage == 1
 */
export type Rule25 = string;
/**
 * A rule in Suivi's expression language (docs/rules.md), e.g. value.accessibility == 'Oui' && value.num_passage == 1
 */
export type Rule26 = string;
/**
 * A label: French text, or French with an optional English translation.
 */
export type Label13 =
  | string
  | {
      fr: string;
      en?: string;
    };
/**
 * A rule in Suivi's expression language (docs/rules.md), e.g. value.accessibility == 'Oui' && value.num_passage == 1
 */
export type Rule27 = string;
/**
 * A rule in Suivi's expression language (docs/rules.md), e.g. value.accessibility == 'Oui' && value.num_passage == 1
 */
export type Rule28 = string;
/**
 * A label: French text, or French with an optional English translation.
 */
export type Label14 =
  | string
  | {
      fr: string;
      en?: string;
    };
/**
 * A rule in Suivi's expression language (docs/rules.md), e.g. value.accessibility == 'Oui' && value.num_passage == 1
 */
export type Rule29 = string;
/**
 * A rule in Suivi's expression language (docs/rules.md), e.g. value.accessibility == 'Oui' && value.num_passage == 1
 */
export type Rule30 = string;
/**
 * A rule in Suivi's expression language (docs/rules.md), e.g. value.accessibility == 'Oui' && value.num_passage == 1
 */
export type Rule31 = string;
/**
 * A label: French text, or French with an optional English translation.
 */
export type Label15 =
  | string
  | {
      fr: string;
      en?: string;
    };
/**
 * A rule in Suivi's expression language (docs/rules.md), e.g. value.accessibility == 'Oui' && value.num_passage == 1
 */
export type Rule32 = string;
/**
 * A rule in Suivi's expression language (docs/rules.md), e.g. value.accessibility == 'Oui' && value.num_passage == 1
 */
export type Rule33 = string;
/**
 * Lower snake case ASCII, starting with a letter, at most 63 characters; becomes an SQL name.
 */
export type SqlIdentifier2 = string;
/**
 * A label: French text, or French with an optional English translation.
 */
export type Label16 =
  | string
  | {
      fr: string;
      en?: string;
    };
/**
 * A rule in Suivi's expression language (docs/rules.md), e.g. value.accessibility == 'Oui' && value.num_passage == 1
 */
export type Rule34 = string;
/**
 * A rule in Suivi's expression language (docs/rules.md), e.g. value.accessibility == 'Oui' && value.num_passage == 1
 */
export type Rule35 = string;
/**
 * A label: French text, or French with an optional English translation.
 */
export type Label17 =
  | string
  | {
      fr: string;
      en?: string;
    };
/**
 * A rule in Suivi's expression language (docs/rules.md), e.g. value.accessibility == 'Oui' && value.num_passage == 1
 */
export type Rule36 = string;
/**
 * A rule in Suivi's expression language (docs/rules.md), e.g. value.accessibility == 'Oui' && value.num_passage == 1
 */
export type Rule37 = string;
export type GeometryKind = 'point' | 'line' | 'polygon' | 'any';
/**
 * A label: French text, or French with an optional English translation.
 */
export type Label18 =
  | string
  | {
      fr: string;
      en?: string;
    };
/**
 * A rule in Suivi's expression language (docs/rules.md), e.g. value.accessibility == 'Oui' && value.num_passage == 1
 */
export type Rule38 = string;
/**
 * A label: French text, or French with an optional English translation.
 */
export type Label19 =
  | string
  | {
      fr: string;
      en?: string;
    };
/**
 * A rule in Suivi's expression language (docs/rules.md), e.g. value.accessibility == 'Oui' && value.num_passage == 1
 */
export type Rule39 = string;
/**
 * A rule in Suivi's expression language (docs/rules.md), e.g. value.accessibility == 'Oui' && value.num_passage == 1
 */
export type Rule40 = string;
/**
 * A label: French text, or French with an optional English translation.
 */
export type Label20 =
  | string
  | {
      fr: string;
      en?: string;
    };
/**
 * Lower snake case ASCII, starting with a letter, at most 63 characters; becomes an SQL name.
 */
export type SqlIdentifier3 = string;
/**
 * A field key of the level (`count`), or of an ancestor level (`visit.visit_date_min`); `geometry` names the level geometry.
 */
export type FieldPath = string;

/**
 * A biodiversity monitoring protocol: levels, fields, rules, vocabularies and SINP mapping (docs/spec.md).
 */
export interface SuiviMonitoringProtocol {
  $schema?: string;
  /**
   * Protocol code; also the name of its database schema.
   */
  code: string;
  /**
   * Incremented at every published change.
   */
  version: number;
  label: Label;
  description?: Label;
  /**
   * Which taxa the protocol records.
   */
  taxonomy: AnyTaxon | AListOfTaxa | ATaxonomicGroup | OneSpecies;
  /**
   * Default datasets (UUIDs).
   */
  datasets?: Uuid[];
  vocabularies?: ProtocolVocabulary[];
  /**
   * @minItems 1
   */
  levels: Level[];
  occurrence?: SINPOccurrenceMapping;
}
export interface AnyTaxon {
  scope: 'all';
}
export interface AListOfTaxa {
  scope: 'list';
  /**
   * @minItems 1
   */
  taxa: CdNom[];
}
export interface ATaxonomicGroup {
  scope: 'group';
  rank: 'regne' | 'phylum' | 'classe' | 'ordre' | 'famille' | 'group1_inpn' | 'group2_inpn';
  name: string;
}
export interface OneSpecies {
  scope: 'species';
  taxon: CdNom;
}
export interface ProtocolVocabulary {
  id: StableId;
  /**
   * Upper-case vocabulary code.
   */
  code: string;
  label: Label;
  description?: Label;
  /**
   * @minItems 1
   */
  values: {
    code: VocabularyCode;
    label: Label;
    definition?: Label;
    broader?: VocabularyCode1;
  }[];
}
export interface Level {
  id: StableId;
  key: SqlIdentifier;
  /**
   * Standard level types inherit standard fields; custom levels do not.
   */
  type: 'sites_group' | 'site' | 'visit' | 'observation' | 'observation_detail' | 'custom';
  /**
   * Keys of the parent levels.
   */
  parents?: SqlIdentifier[];
  /**
   * With several parents: true when a record belongs to every parent (a reading of a quadrat in a campaign); by default it hangs under at least one.
   */
  allParentsRequired?: boolean;
  label: Label;
  plural?: Label;
  geometry?: {
    kind: 'none' | 'point' | 'line' | 'polygon' | 'any';
    required?: boolean;
  };
  /**
   * Columns of the list table.
   */
  list?: SqlIdentifier[];
  /**
   * Order of the fields on the detail page (default: form order).
   */
  detail?: SqlIdentifier[];
  sort?: {
    field: SqlIdentifier;
    direction?: 'asc' | 'desc';
  }[];
  mapLabel?: SqlIdentifier1;
  /**
   * Fields kept when chaining entries ("save and add the next one").
   */
  keep?: SqlIdentifier[];
  /**
   * Standard fields of the level type this protocol does not use.
   */
  omitStandardFields?: SqlIdentifier[];
  fields: Field[];
  fieldSets?: FieldSet[];
  checks?: RecordCheck[];
}
/**
 * One line of text.
 */
export interface TextField {
  kind: 'text';
  id?: StableId;
  key: SqlIdentifier;
  label?: Label;
  help?: Label1;
  /**
   * Former or foreign keys of this field (e.g. the original GeoNature key); used by imports.
   */
  aliases?: string[];
  /**
   * Dashboards count the records by each value of this field (single-valued choice or vocabulary fields only).
   */
  dimension?: boolean;
  /**
   * Dashboards show the sum of this field per month and in total (integer or decimal fields only).
   */
  measure?: 'sum';
  required?: RequiredSlot;
  visibleIf?: Rule1;
  /**
   * Shown but not editable. Computed fields are always read-only.
   */
  readOnly?: boolean;
  computed?: Rule2;
  maxLength?: number;
  /**
   * A regular expression the whole value must match (anchored).
   */
  pattern?: string;
  default?: string | RuleObject;
}
export interface RuleObject {
  rule: Rule;
}
/**
 * Several lines of text.
 */
export interface LongTextField {
  kind: 'long_text';
  id?: StableId;
  key: SqlIdentifier;
  label?: Label;
  help?: Label2;
  /**
   * Former or foreign keys of this field (e.g. the original GeoNature key); used by imports.
   */
  aliases?: string[];
  /**
   * Dashboards count the records by each value of this field (single-valued choice or vocabulary fields only).
   */
  dimension?: boolean;
  /**
   * Dashboards show the sum of this field per month and in total (integer or decimal fields only).
   */
  measure?: 'sum';
  required?: RequiredSlot;
  visibleIf?: Rule3;
  /**
   * Shown but not editable. Computed fields are always read-only.
   */
  readOnly?: boolean;
  computed?: Rule4;
  maxLength?: number;
  default?: string | RuleObject;
}
/**
 * A whole number (a count).
 */
export interface IntegerField {
  kind: 'integer';
  id?: StableId;
  key: SqlIdentifier;
  label?: Label;
  help?: Label3;
  /**
   * Former or foreign keys of this field (e.g. the original GeoNature key); used by imports.
   */
  aliases?: string[];
  /**
   * Dashboards count the records by each value of this field (single-valued choice or vocabulary fields only).
   */
  dimension?: boolean;
  /**
   * Dashboards show the sum of this field per month and in total (integer or decimal fields only).
   */
  measure?: 'sum';
  required?: RequiredSlot;
  visibleIf?: Rule5;
  /**
   * Shown but not editable. Computed fields are always read-only.
   */
  readOnly?: boolean;
  computed?: Rule6;
  min?: number | RuleObject;
  max?: number | RuleObject;
  /**
   * Unit shown beside the input, e.g. m, °C, %.
   */
  unit?: string;
  default?: number | RuleObject;
}
/**
 * A decimal number (a measure).
 */
export interface DecimalField {
  kind: 'decimal';
  id?: StableId;
  key: SqlIdentifier;
  label?: Label;
  help?: Label4;
  /**
   * Former or foreign keys of this field (e.g. the original GeoNature key); used by imports.
   */
  aliases?: string[];
  /**
   * Dashboards count the records by each value of this field (single-valued choice or vocabulary fields only).
   */
  dimension?: boolean;
  /**
   * Dashboards show the sum of this field per month and in total (integer or decimal fields only).
   */
  measure?: 'sum';
  required?: RequiredSlot;
  visibleIf?: Rule7;
  /**
   * Shown but not editable. Computed fields are always read-only.
   */
  readOnly?: boolean;
  computed?: Rule8;
  min?: number | RuleObject;
  max?: number | RuleObject;
  /**
   * Unit shown beside the input, e.g. m, °C, %.
   */
  unit?: string;
  default?: number | RuleObject;
  /**
   * Digits kept after the decimal point.
   */
  decimals?: number;
}
/**
 * Yes or no.
 */
export interface BooleanField {
  kind: 'boolean';
  id?: StableId;
  key: SqlIdentifier;
  label?: Label;
  help?: Label5;
  /**
   * Former or foreign keys of this field (e.g. the original GeoNature key); used by imports.
   */
  aliases?: string[];
  /**
   * Dashboards count the records by each value of this field (single-valued choice or vocabulary fields only).
   */
  dimension?: boolean;
  /**
   * Dashboards show the sum of this field per month and in total (integer or decimal fields only).
   */
  measure?: 'sum';
  required?: RequiredSlot;
  visibleIf?: Rule9;
  /**
   * Shown but not editable. Computed fields are always read-only.
   */
  readOnly?: boolean;
  computed?: Rule10;
  default?: boolean | RuleObject;
}
/**
 * A calendar date (YYYY-MM-DD).
 */
export interface DateField {
  kind: 'date';
  id?: StableId;
  key: SqlIdentifier;
  label?: Label;
  help?: Label6;
  /**
   * Former or foreign keys of this field (e.g. the original GeoNature key); used by imports.
   */
  aliases?: string[];
  /**
   * Dashboards count the records by each value of this field (single-valued choice or vocabulary fields only).
   */
  dimension?: boolean;
  /**
   * Dashboards show the sum of this field per month and in total (integer or decimal fields only).
   */
  measure?: 'sum';
  required?: RequiredSlot;
  visibleIf?: Rule11;
  /**
   * Shown but not editable. Computed fields are always read-only.
   */
  readOnly?: boolean;
  computed?: Rule12;
  min?: string | RuleObject;
  max?: string | RuleObject;
  default?: string | RuleObject;
}
/**
 * A time of day (HH:MM).
 */
export interface TimeField {
  kind: 'time';
  id?: StableId;
  key: SqlIdentifier;
  label?: Label;
  help?: Label7;
  /**
   * Former or foreign keys of this field (e.g. the original GeoNature key); used by imports.
   */
  aliases?: string[];
  /**
   * Dashboards count the records by each value of this field (single-valued choice or vocabulary fields only).
   */
  dimension?: boolean;
  /**
   * Dashboards show the sum of this field per month and in total (integer or decimal fields only).
   */
  measure?: 'sum';
  required?: RequiredSlot;
  visibleIf?: Rule13;
  /**
   * Shown but not editable. Computed fields are always read-only.
   */
  readOnly?: boolean;
  computed?: Rule14;
  min?: string | RuleObject;
  max?: string | RuleObject;
  default?: string | RuleObject;
}
/**
 * A date and time with time zone.
 */
export interface DatetimeField {
  kind: 'datetime';
  id?: StableId;
  key: SqlIdentifier;
  label?: Label;
  help?: Label8;
  /**
   * Former or foreign keys of this field (e.g. the original GeoNature key); used by imports.
   */
  aliases?: string[];
  /**
   * Dashboards count the records by each value of this field (single-valued choice or vocabulary fields only).
   */
  dimension?: boolean;
  /**
   * Dashboards show the sum of this field per month and in total (integer or decimal fields only).
   */
  measure?: 'sum';
  required?: RequiredSlot;
  visibleIf?: Rule15;
  /**
   * Shown but not editable. Computed fields are always read-only.
   */
  readOnly?: boolean;
  computed?: Rule16;
  min?: string | RuleObject;
  max?: string | RuleObject;
  default?: string | RuleObject;
}
/**
 * A choice among values listed here.
 */
export interface ChoiceField {
  kind: 'choice';
  id?: StableId;
  key: SqlIdentifier;
  label?: Label;
  help?: Label9;
  /**
   * Former or foreign keys of this field (e.g. the original GeoNature key); used by imports.
   */
  aliases?: string[];
  /**
   * Dashboards count the records by each value of this field (single-valued choice or vocabulary fields only).
   */
  dimension?: boolean;
  /**
   * Dashboards show the sum of this field per month and in total (integer or decimal fields only).
   */
  measure?: 'sum';
  required?: RequiredSlot;
  visibleIf?: Rule17;
  /**
   * Shown but not editable. Computed fields are always read-only.
   */
  readOnly?: boolean;
  computed?: Rule18;
  /**
   * @minItems 1
   */
  choices: (
    | string
    | {
        value: string;
        label?: Label;
      }
  )[];
  multiple?: boolean;
  display?: 'select' | 'radio' | 'checkbox';
  filter?: Rule19;
  default?: (string | string[]) | RuleObject;
}
/**
 * A value of a vocabulary: one of the protocol vocabularies or a SINP nomenclature type.
 */
export interface VocabularyField {
  kind: 'vocabulary';
  id?: StableId;
  key: SqlIdentifier;
  label?: Label;
  help?: Label10;
  /**
   * Former or foreign keys of this field (e.g. the original GeoNature key); used by imports.
   */
  aliases?: string[];
  /**
   * Dashboards count the records by each value of this field (single-valued choice or vocabulary fields only).
   */
  dimension?: boolean;
  /**
   * Dashboards show the sum of this field per month and in total (integer or decimal fields only).
   */
  measure?: 'sum';
  required?: RequiredSlot;
  visibleIf?: Rule20;
  /**
   * Shown but not editable. Computed fields are always read-only.
   */
  readOnly?: boolean;
  computed?: Rule21;
  vocabulary: VocabularyCode2;
  /**
   * Offer only these codes.
   *
   * @minItems 1
   */
  codes?: VocabularyCode[];
  multiple?: boolean;
  display?: 'select' | 'radio' | 'checkbox';
  filter?: Rule22;
  default?:
    | {
        code: VocabularyCode;
      }
    | {
        codes: VocabularyCode[];
      }
    | RuleObject;
}
/**
 * A taxon from TAXREF, within the protocol scope.
 */
export interface TaxonField {
  kind: 'taxon';
  id?: StableId;
  key: SqlIdentifier;
  label?: Label;
  help?: Label11;
  /**
   * Former or foreign keys of this field (e.g. the original GeoNature key); used by imports.
   */
  aliases?: string[];
  /**
   * Dashboards count the records by each value of this field (single-valued choice or vocabulary fields only).
   */
  dimension?: boolean;
  /**
   * Dashboards show the sum of this field per month and in total (integer or decimal fields only).
   */
  measure?: 'sum';
  required?: RequiredSlot;
  visibleIf?: Rule23;
  /**
   * Shown but not editable. Computed fields are always read-only.
   */
  readOnly?: boolean;
  computed?: Rule24;
  /**
   * Restrict to these names (cd_nom).
   *
   * @minItems 1
   */
  taxa?: CdNom[];
  fixed?: CdNom1;
  default?: CdNom | RuleObject;
}
/**
 * Observers: users, with free-text names as a fallback.
 */
export interface ObserversField {
  kind: 'observers';
  id?: StableId;
  key: SqlIdentifier;
  label?: Label;
  help?: Label12;
  /**
   * Former or foreign keys of this field (e.g. the original GeoNature key); used by imports.
   */
  aliases?: string[];
  /**
   * Dashboards count the records by each value of this field (single-valued choice or vocabulary fields only).
   */
  dimension?: boolean;
  /**
   * Dashboards show the sum of this field per month and in total (integer or decimal fields only).
   */
  measure?: 'sum';
  required?: RequiredSlot;
  visibleIf?: Rule25;
  /**
   * Shown but not editable. Computed fields are always read-only.
   */
  readOnly?: boolean;
  computed?: Rule26;
  /**
   * Several observers (default true).
   */
  multiple?: boolean;
  /**
   * Accept names of people without an account (default true).
   */
  freeText?: boolean;
  default?: RuleObject;
}
/**
 * The dataset (jeu de données) the record belongs to.
 */
export interface DatasetField {
  kind: 'dataset';
  id?: StableId;
  key: SqlIdentifier;
  label?: Label;
  help?: Label13;
  /**
   * Former or foreign keys of this field (e.g. the original GeoNature key); used by imports.
   */
  aliases?: string[];
  /**
   * Dashboards count the records by each value of this field (single-valued choice or vocabulary fields only).
   */
  dimension?: boolean;
  /**
   * Dashboards show the sum of this field per month and in total (integer or decimal fields only).
   */
  measure?: 'sum';
  required?: RequiredSlot;
  visibleIf?: Rule27;
  /**
   * Shown but not editable. Computed fields are always read-only.
   */
  readOnly?: boolean;
  computed?: Rule28;
  /**
   * Offer only these datasets.
   *
   * @minItems 1
   */
  datasets?: Uuid[];
  default?: Uuid | RuleObject;
}
/**
 * A habitat from a habitat typology (HABREF).
 */
export interface HabitatField {
  kind: 'habitat';
  id?: StableId;
  key: SqlIdentifier;
  label?: Label;
  help?: Label14;
  /**
   * Former or foreign keys of this field (e.g. the original GeoNature key); used by imports.
   */
  aliases?: string[];
  /**
   * Dashboards count the records by each value of this field (single-valued choice or vocabulary fields only).
   */
  dimension?: boolean;
  /**
   * Dashboards show the sum of this field per month and in total (integer or decimal fields only).
   */
  measure?: 'sum';
  required?: RequiredSlot;
  visibleIf?: Rule29;
  /**
   * Shown but not editable. Computed fields are always read-only.
   */
  readOnly?: boolean;
  computed?: Rule30;
  /**
   * Typology code, e.g. EUNIS, CORINE, HIC.
   */
  typology?: string;
  /**
   * @minItems 1
   */
  codes?: VocabularyCode[];
  multiple?: boolean;
  filter?: Rule31;
}
/**
 * A link to a record of another level (a visit pointing to a site).
 */
export interface ReferenceField {
  kind: 'reference';
  id?: StableId;
  key: SqlIdentifier;
  label?: Label;
  help?: Label15;
  /**
   * Former or foreign keys of this field (e.g. the original GeoNature key); used by imports.
   */
  aliases?: string[];
  /**
   * Dashboards count the records by each value of this field (single-valued choice or vocabulary fields only).
   */
  dimension?: boolean;
  /**
   * Dashboards show the sum of this field per month and in total (integer or decimal fields only).
   */
  measure?: 'sum';
  required?: RequiredSlot;
  visibleIf?: Rule32;
  /**
   * Shown but not editable. Computed fields are always read-only.
   */
  readOnly?: boolean;
  computed?: Rule33;
  level: SqlIdentifier2;
  multiple?: boolean;
}
/**
 * Photos, sound recordings or documents attached to the record.
 */
export interface MediaField {
  kind: 'media';
  id?: StableId;
  key: SqlIdentifier;
  label?: Label;
  help?: Label16;
  /**
   * Former or foreign keys of this field (e.g. the original GeoNature key); used by imports.
   */
  aliases?: string[];
  /**
   * Dashboards count the records by each value of this field (single-valued choice or vocabulary fields only).
   */
  dimension?: boolean;
  /**
   * Dashboards show the sum of this field per month and in total (integer or decimal fields only).
   */
  measure?: 'sum';
  required?: RequiredSlot;
  visibleIf?: Rule34;
  /**
   * Shown but not editable. Computed fields are always read-only.
   */
  readOnly?: boolean;
  computed?: Rule35;
  maxFiles?: number;
  accept?: string[];
}
/**
 * An extra geometry besides the level geometry (an exit point, a flight path).
 */
export interface GeometryField {
  kind: 'geometry';
  id?: StableId;
  key: SqlIdentifier;
  label?: Label;
  help?: Label17;
  /**
   * Former or foreign keys of this field (e.g. the original GeoNature key); used by imports.
   */
  aliases?: string[];
  /**
   * Dashboards count the records by each value of this field (single-valued choice or vocabulary fields only).
   */
  dimension?: boolean;
  /**
   * Dashboards show the sum of this field per month and in total (integer or decimal fields only).
   */
  measure?: 'sum';
  required?: RequiredSlot;
  visibleIf?: Rule36;
  /**
   * Shown but not editable. Computed fields are always read-only.
   */
  readOnly?: boolean;
  computed?: Rule37;
  geometry: GeometryKind;
}
/**
 * A repeatable group of fields: a sub-table with one row per entry (e.g. habitat cover rows).
 */
export interface GroupField {
  kind: 'group';
  id?: StableId;
  key: SqlIdentifier;
  label?: Label;
  help?: Label18;
  /**
   * Former or foreign keys of this field (e.g. the original GeoNature key); used by imports.
   */
  aliases?: string[];
  /**
   * Dashboards count the records by each value of this field (single-valued choice or vocabulary fields only).
   */
  dimension?: boolean;
  /**
   * Dashboards show the sum of this field per month and in total (integer or decimal fields only).
   */
  measure?: 'sum';
  required?: RequiredSlot;
  visibleIf?: Rule38;
  /**
   * Shown but not editable. Computed fields are always read-only.
   */
  readOnly?: boolean;
  minItems?: number;
  maxItems?: number;
  /**
   * @minItems 1
   */
  fields: Field[];
}
/**
 * A heading that starts a section of the form; stores nothing.
 */
export interface SectionField {
  kind: 'section';
  id?: StableId;
  key: SqlIdentifier;
  label?: Label;
  help?: Label19;
  /**
   * Former or foreign keys of this field (e.g. the original GeoNature key); used by imports.
   */
  aliases?: string[];
  /**
   * Dashboards count the records by each value of this field (single-valued choice or vocabulary fields only).
   */
  dimension?: boolean;
  /**
   * Dashboards show the sum of this field per month and in total (integer or decimal fields only).
   */
  measure?: 'sum';
  visibleIf?: Rule39;
}
/**
 * Fields that apply only when a type field of the level holds one of some codes (a bridge roost vs a cave).
 */
export interface FieldSet {
  id: StableId;
  label: Label;
  appliesTo: {
    field: SqlIdentifier;
    /**
     * @minItems 1
     */
    codes: VocabularyCode[];
  };
  /**
   * @minItems 1
   */
  fields: Field[];
}
/**
 * A rule every record of the level must pass (truthy), with the message shown when it does not: an end date before a start date, a total below its parts.
 */
export interface RecordCheck {
  /**
   * Snake-case name of the check, unique in its level; names its CHECK constraint.
   */
  id: string;
  rule: Rule40;
  message: Label20;
  /**
   * Fields the message is shown on (the first one names the problem); default: the record.
   *
   * @minItems 1
   */
  fields?: SqlIdentifier[];
}
/**
 * How records of one level become rows of the national "Occurrences de taxons" standard.
 */
export interface SINPOccurrenceMapping {
  level: SqlIdentifier3;
  taxon:
    | FieldPath
    | {
        rule: Rule;
      }
    | {
        value: string | number | boolean;
      };
  citedName?:
    | FieldPath
    | {
        rule: Rule;
      }
    | {
        value: string | number | boolean;
      };
  countMin?:
    | FieldPath
    | {
        rule: Rule;
      }
    | {
        value: string | number | boolean;
      };
  countMax?:
    | FieldPath
    | {
        rule: Rule;
      }
    | {
        value: string | number | boolean;
      };
  dateStart:
    | FieldPath
    | {
        rule: Rule;
      }
    | {
        value: string | number | boolean;
      };
  dateEnd?:
    | FieldPath
    | {
        rule: Rule;
      }
    | {
        value: string | number | boolean;
      };
  observers:
    | FieldPath
    | {
        rule: Rule;
      }
    | {
        value: string | number | boolean;
      };
  determiner?:
    | FieldPath
    | {
        rule: Rule;
      }
    | {
        value: string | number | boolean;
      };
  geometry:
    | FieldPath
    | {
        rule: Rule;
      }
    | {
        value: string | number | boolean;
      };
  dataset?:
    | FieldPath
    | {
        rule: Rule;
      }
    | {
        value: string | number | boolean;
      };
  comment?:
    | FieldPath
    | {
        rule: Rule;
      }
    | {
        value: string | number | boolean;
      };
  /**
   * A date before which the occurrence is confidential (not exported).
   */
  publishAfter?:
    | FieldPath
    | {
        rule: Rule;
      }
    | {
        value: string | number | boolean;
      };
  /**
   * SINP nomenclature type → field, rule, or fixed code.
   */
  nomenclatures?: {
    [k: string]:
      | FieldPath
      | {
          code: VocabularyCode;
        }
      | {
          rule: Rule;
        };
  };
}
