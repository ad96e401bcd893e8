/** Display of stored values in tables and record pages: enum labels from the uiSchema, observers by name. */
import { type Json, optional } from './api.ts';

/** Users' names by id, for observers stored as `{ user_id }` (filled once from /api/users when it answers). */
const userNames = new Map<string, string>();
export async function loadUserNames(): Promise<void> {
  const r = await optional<{ items: { id: string; display_name: string }[] }>('/api/users?limit=50');
  for (const u of r?.items ?? []) userNames.set(u.id, u.display_name);
}
const person = (v: Json) =>
  String(v.name ?? (typeof v.user_id === 'string' ? (userNames.get(v.user_id) ?? v.user_id) : ''));

export function formatValue(key: string, value: unknown, schema: Json, ui: Json): string {
  if (value === null || value === undefined) return '';
  const property = (schema.properties as Record<string, Json> | undefined)?.[key];
  const names = (ui[key] as Json | undefined)?.['ui:enumNames'];
  const codes = (property?.enum ?? (property?.items as Json | undefined)?.enum) as unknown[] | undefined;
  const label = (v: unknown) => {
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
