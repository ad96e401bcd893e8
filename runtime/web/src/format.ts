/**
 * Display of stored values in tables and record pages: enum labels from the uiSchema, taxa, datasets,
 * observers and referenced records by name (from reference-names.ts once looked up; until then the
 * raw value, or an ellipsis for a record id, which says nothing to anyone).
 */
import type { Json } from './api.ts';
import { geometryText } from './geometry-text.ts';
import type { Lang } from './i18n.tsx';
import { knownDataset, knownRecord, knownTaxon, knownUser, taxonLabel } from './reference-names.ts';

const person = (v: Json) =>
  String(v.name ?? (typeof v.user_id === 'string' ? (knownUser(v.user_id) ?? v.user_id) : ''));

/** The Intl locale of the UI's language (the API speaks ISO; people read their own conventions). */
export const LOCALE = { fr: 'fr-FR', en: 'en-GB' } as const satisfies Record<Lang, string>;

// Dates are calendar days: read and shown in UTC so no time zone moves them to the day before.
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** An ISO date or date-time as the reader writes it: « 7 déc. 2026 » / "7 Dec 2026" (with the time when any). */
export function formatDate(iso: string, lang: Lang): string {
  const day = DAY.test(iso);
  const date = new Date(day ? `${iso}T00:00:00Z` : iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(LOCALE[lang], {
    dateStyle: 'medium',
    ...(day ? { timeZone: 'UTC' } : { timeStyle: 'short' }),
  }).format(date);
}

/** A month 'YYYY-MM' as « déc. 2026 » / "Dec 2026" (dashboards). */
export function formatMonth(yearMonth: string, lang: Lang): string {
  const date = new Date(`${yearMonth}-01T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return yearMonth;
  return new Intl.DateTimeFormat(LOCALE[lang], { month: 'short', year: 'numeric', timeZone: 'UTC' }).format(
    date,
  );
}

export function formatNumber(n: number, lang: Lang): string {
  // No grouping under 10 000: a year or a count of 1500 reads better whole.
  return new Intl.NumberFormat(LOCALE[lang], {
    maximumFractionDigits: 6,
    useGrouping: Math.abs(n) >= 10_000,
  }).format(n);
}

export function formatValue(key: string, value: unknown, schema: Json, ui: Json, lang: Lang = 'fr'): string {
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
    if (i >= 0 && Array.isArray(names) && typeof names[i] === 'string') return names[i];
    if (codes) return String(v);
    if (typeof v === 'number' && fieldUi?.['ui:widget'] !== 'taxon') return formatNumber(v, lang);
    if (typeof v === 'string' && (property?.format === 'date' || property?.format === 'date-time'))
      return formatDate(v, lang);
    return String(v);
  };
  if (Array.isArray(value)) {
    return value.map((v) => (v && typeof v === 'object' ? person(v as Json) : label(v))).join(', ');
  }
  if (typeof value === 'object' && ('user_id' in value || 'name' in value)) return person(value as Json);
  if (typeof value === 'object')
    return (value as Json).type
      ? (geometryText(value, lang) ?? String((value as Json).type))
      : JSON.stringify(value);
  if (typeof value === 'boolean') return value ? '✓' : '✗';
  return label(value);
}
