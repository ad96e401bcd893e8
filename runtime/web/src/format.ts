/**
 * Display of stored values in tables and record pages: enum labels from the uiSchema, taxa, datasets,
 * observers and referenced records by name (from reference-names.ts once looked up; until then the
 * raw value, or an ellipsis for a record id, which says nothing to anyone).
 */
import type { Json } from './api.ts';
import { knownDataset, knownRecord, knownTaxon, knownUser, taxonLabel } from './reference-names.ts';

const person = (v: Json) =>
  String(v.name ?? (typeof v.user_id === 'string' ? (knownUser(v.user_id) ?? v.user_id) : ''));

export function formatValue(key: string, value: unknown, schema: Json, ui: Json): string {
  if (value === null || value === undefined) return '';
  const property = (schema.properties as Record<string, Json> | undefined)?.[key];
  const fieldUi = ui[key] as Json | undefined;
  const names = fieldUi?.['ui:enumNames'];
  const codes = (property?.enum ?? (property?.items as Json | undefined)?.enum) as unknown[] | undefined;
  const label = (v: unknown) => {
    if (fieldUi?.['ui:widget'] === 'taxon' && typeof v === 'number') {
      const taxon = knownTaxon(v);
      if (taxon) return taxonLabel(taxon);
    }
    if (fieldUi?.['ui:widget'] === 'dataset' && typeof v === 'string') return knownDataset(v) ?? v;
    if (fieldUi?.['ui:widget'] === 'record' && typeof v === 'string') return knownRecord(v) ?? '…';
    const i = codes ? codes.indexOf(v) : -1;
    return i >= 0 && Array.isArray(names) && typeof names[i] === 'string' ? names[i] : String(v);
  };
  if (Array.isArray(value)) {
    return value.map((v) => (v && typeof v === 'object' ? person(v as Json) : label(v))).join(', ');
  }
  if (typeof value === 'object' && ('user_id' in value || 'name' in value)) return person(value as Json);
  if (typeof value === 'object')
    return (value as Json).type ? String((value as Json).type) : JSON.stringify(value);
  if (typeof value === 'boolean') return value ? '✓' : '✗';
  return label(value);
}
