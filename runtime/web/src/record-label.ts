/**
 * A record's name for people: its level's map label when the spec names one (a site's name), else the
 * most telling of its list columns — a taxon, a text, a date, before codes and counts — never its id.
 * Used for page titles and for the records a reference field points at.
 */
import type { Json, LevelForms } from './api.ts';
import { formatValue } from './format.ts';
import type { Lang } from './i18n.tsx';

/** Lower ranks name a record better. */
function rank(key: string, forms: LevelForms): number {
  const property = (forms.schema.properties as Record<string, Json> | undefined)?.[key];
  const widget = (forms.ui[key] as Json | undefined)?.['ui:widget'];
  if (widget === 'taxon') return 0;
  if (property?.type === 'string' && !property.enum && !property.format) return 1;
  if (property?.format === 'date' || property?.format === 'date-time') return 2;
  return 3;
}

/** The column that names a row best: the map label when listed, else the best ranked (a taxon before a yes/no). */
export function nameColumn(forms: LevelForms): string | undefined {
  const keys = forms.columns.map((c) => c.key);
  if (forms.mapLabel && keys.includes(forms.mapLabel)) return forms.mapLabel;
  const properties = (forms.schema.properties as Json | undefined) ?? {};
  return keys
    .filter((k) => k in properties)
    .map((key, order) => ({ key, order, rank: rank(key, forms) }))
    .sort((a, b) => a.rank - b.rank || a.order - b.order)[0]?.key;
}

export function recordLabel(record: Json, forms: LevelForms, lang: Lang = 'fr'): string {
  const text = (key: string) => formatValue(key, record[key], forms.schema, forms.ui, lang);
  if (forms.mapLabel && text(forms.mapLabel)) return text(forms.mapLabel);
  const keys = forms.columns
    .map((c) => c.key)
    .filter((k) => k in ((forms.schema.properties as Json | undefined) ?? {}))
    .map((key, order) => ({ key, order, rank: rank(key, forms) }))
    .sort((a, b) => a.rank - b.rank || a.order - b.order);
  const parts: string[] = [];
  for (const k of keys) {
    const t = text(k.key);
    // A second part only when it says something on its own (not a bare code or count).
    if (t && (parts.length === 0 || k.rank <= 2)) parts.push(t);
    if (parts.length === 2) break;
  }
  return parts.join(' · ');
}
