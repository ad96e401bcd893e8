/** Constraint factories shared by the storage of several kinds; spec values enter SQL through sqlLiteral only. */
import { sqlLiteral, type TaxonField, type TaxonomicScope } from '../../protocol-specs/index.ts';
import type { Constraint, ReferentialAction } from './model.ts';
import { constraintName, ident, type TableRef } from './names.ts';

export const literalList = (values: readonly (string | number)[]): string =>
  values.map(sqlLiteral).join(', ');

/**
 * One of the codes offered. A list must also be non-empty: the empty list is stored as NULL (the rule
 * language's "empty is null"), so a required list cannot pass as '{}'.
 */
export function choiceCheck(key: string, multiple: boolean, values: readonly string[]): Constraint {
  const c = ident(key);
  return {
    kind: 'check',
    name: constraintName(key, 'choice'),
    sql: multiple
      ? `${c} <@ ARRAY[${literalList(values)}]::text[] AND cardinality(${c}) > 0`
      : `${c} IN (${literalList(values)})`,
  };
}

export function foreignKey(
  key: string,
  columns: readonly string[],
  references: TableRef,
  referencedColumns: readonly string[],
  onDelete: ReferentialAction = 'restrict',
): Constraint {
  return {
    kind: 'foreign_key',
    name: constraintName(key, 'fk'),
    columns,
    references,
    referencedColumns,
    onDelete,
  };
}

/** The taxa a taxon field accepts: its fixed taxon, its own list, else the protocol's list or species. */
export function taxonCheck(
  field: TaxonField,
  taxonomy: TaxonomicScope,
): { readonly constraint?: Constraint; readonly serverRule?: string } {
  const c = ident(field.key);
  const check = (sql: string, source: string) => ({
    constraint: { kind: 'check', name: constraintName(field.key, 'taxon'), sql, source } as const,
  });
  if (field.fixed !== undefined) return check(`${c} = ${sqlLiteral(field.fixed)}`, 'fixed taxon');
  if (field.taxa.length > 0) return check(`${c} IN (${literalList(field.taxa)})`, "the field's taxa");
  switch (taxonomy.scope) {
    case 'list':
      return check(`${c} IN (${literalList(taxonomy.taxa)})`, "the protocol's taxa");
    case 'species':
      return check(`${c} = ${sqlLiteral(taxonomy.taxon)}`, "the protocol's species");
    case 'group':
      // A CHECK cannot read ref.taxon: the group is the server's to check.
      return { serverRule: `${field.key}: a taxon of ${taxonomy.rank} ${taxonomy.name}` };
    case 'all':
      return {};
  }
}
