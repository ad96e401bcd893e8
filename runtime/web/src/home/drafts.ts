/**
 * Form drafts kept on this device: what a user typed in a new record's form and has not saved, one draft
 * per user, module, level and parent, in localStorage. The form writes it as the user types and removes
 * it once the record is saved; the home page lists them, to resume or discard. Never sent anywhere: a
 * draft is not a record, and the server checks the record when it is saved.
 */
import type { Json } from '../api.ts';

const PREFIX = 'suivi.draft.';

export interface DraftPlace {
  readonly user: string;
  readonly module: string;
  readonly level: string;
  readonly parent?: { readonly level: string; readonly id: string } | undefined;
}

export interface Draft extends DraftPlace {
  readonly data: Json;
  /** ISO instant of the last change. */
  readonly savedAt: string;
}

/** `suivi.draft.<user>/<module>/<level>/<parent level>:<parent id>` (empty parent for a top level). */
export function draftKey(place: DraftPlace): string {
  const parent = place.parent ? `${place.parent.level}:${place.parent.id}` : '';
  return `${PREFIX}${[place.user, place.module, place.level, parent].map(encodeURIComponent).join('/')}`;
}

function parse(text: string | null): Draft | undefined {
  if (!text) return undefined;
  try {
    const d = JSON.parse(text) as Draft;
    return typeof d === 'object' && d && typeof d.module === 'string' && typeof d.data === 'object'
      ? d
      : undefined;
  } catch {
    return undefined; // a damaged entry is no draft
  }
}

export function loadDraft(place: DraftPlace): Draft | undefined {
  return parse(localStorage.getItem(draftKey(place)));
}

export function saveDraft(place: DraftPlace, data: Json, now = new Date()): void {
  const draft: Draft = { ...place, data, savedAt: now.toISOString() };
  try {
    localStorage.setItem(draftKey(place), JSON.stringify(draft));
  } catch {
    // Storage full or refused (private browsing): the form still works, without a draft.
  }
}

export function discardDraft(place: DraftPlace): void {
  localStorage.removeItem(draftKey(place));
}

/** The user's drafts, latest first. */
export function listDrafts(user: string): Draft[] {
  const out: Draft[] = [];
  for (let i = 0; i < localStorage.length; i++) {
    const key = localStorage.key(i);
    if (!key?.startsWith(PREFIX)) continue;
    const draft = parse(localStorage.getItem(key));
    if (draft && draft.user === user) out.push(draft);
  }
  return out.sort((a, b) => (a.savedAt < b.savedAt ? 1 : a.savedAt > b.savedAt ? -1 : 0));
}

/** The page that resumes a draft: its level's new-record form, under its parent. */
export function draftUrl(draft: DraftPlace): string {
  const base = `/m/${draft.module}/${draft.level}/new`;
  return draft.parent
    ? `${base}?parent=${encodeURIComponent(draft.parent.level)}&parent_id=${encodeURIComponent(draft.parent.id)}`
    : base;
}
