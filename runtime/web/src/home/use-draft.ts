/**
 * A new record's form kept as a draft while the user types (drafts.ts): written a moment after each
 * change once the user has touched the form (opening a form writes nothing), removed when the record is
 * saved or when the form is back to how it opened.
 */
import { useEffect, useRef } from 'react';
import type { Json } from '../api.ts';
import { type DraftPlace, discardDraft, draftKey, saveDraft } from './drafts.ts';

const SAVE_AFTER_MS = 300;

export function useDraftAutosave(place: DraftPlace | undefined, data: Json, pristine: string) {
  const touched = useRef(false);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const key = place ? draftKey(place) : null;
  // The place is rebuilt by each render of the caller: its key says whether it changed.
  const placeRef = useRef(place);
  placeRef.current = place;
  useEffect(() => {
    const at = placeRef.current;
    if (!key || !at || !touched.current) return;
    clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      if (JSON.stringify(data) === pristine) discardDraft(at);
      else saveDraft(at, data);
    }, SAVE_AFTER_MS);
    return () => clearTimeout(timer.current);
  }, [key, data, pristine]);
  return {
    /** Handlers for the form's container: any input, key or pointer in it means the user is at work. */
    touch: () => {
      touched.current = true;
    },
    /** The record is saved: its draft goes, and a pending write with it. */
    clear: () => {
      clearTimeout(timer.current);
      touched.current = false;
      if (placeRef.current) discardDraft(placeRef.current);
    },
  };
}
