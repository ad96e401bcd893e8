/**
 * What a GeoNature expression can name, and how each name reads in Suivi. The importer builds one per
 * level: `value.x` and `objForm.value.x` name the record, `meta.parents.<object>.properties.x` and
 * `attribut_parent.x` an ancestor, each by its GeoNature key; Suivi names them by normalised key.
 */
import type { FieldKind } from '../../../protocol-specs/index.ts';

export interface ScopeField {
  /** Suivi scope: `value`, or the key of an ancestor level. */
  readonly scope: string;
  readonly key: string;
  readonly kind: FieldKind;
  /** A choice whose GeoNature values were numbers: Suivi stores them as text codes. */
  readonly numericChoices?: boolean;
  /** The values of a choice field, to compare them as JavaScript's `==` does (`'2' == 2`). */
  readonly choices?: readonly string[];
  /** A choice of several values (a list in GeoNature): `includes` on it is membership. */
  readonly multiple?: boolean;
  /** The values of a choice or vocabulary with their other names (labels, mnemonics), by code. */
  readonly values?: readonly NamedValue[];
}

/** A value of a choice or vocabulary: its code and what else GeoNature calls it (label, mnemonic). */
export interface NamedValue {
  readonly code: string;
  readonly names: readonly string[];
}

export type FieldLookup =
  | { readonly ok: true; readonly field: ScopeField }
  /** `unknown`: no such field at all, so GeoNature reads `undefined` there (not a field Suivi left out). */
  | { readonly ok: false; readonly reason: string; readonly unknown?: boolean };

export interface ExpressionScope {
  /** A field of the record being edited, by its GeoNature key. */
  own(gnKey: string): FieldLookup;
  /** A field of an ancestor, named by GeoNature object type (`site`) and GeoNature key. */
  ancestor(gnObject: string, gnKey: string): FieldLookup;
  /** Whether the level has this ancestor (a GeoNature object type): its record is always there in Suivi. */
  hasAncestor?(gnObject: string): boolean;
  /** The GeoNature object type of the single parent, for `attribut_parent`; undefined with several parents. */
  readonly parentObject?: string;
}
