/**
 * A draft being edited: the editor state (editor-state.ts), saved to the server a moment after each
 * change (PUT with row_version), validated and previewed as the designer types (debounced). A 409 from
 * the save stops autosaving and says who saved meanwhile; the designer loads theirs or overwrites.
 */
import { useCallback, useEffect, useReducer, useRef, useState } from 'react';
import { ApiError, type Json } from '../api.ts';
import { builderApi, type Diagnostic, type Draft, type PreviewAnswer } from './builder-api.ts';
import { editorReducer, initialEditor } from './editor-state.ts';

const SAVE_AFTER_MS = 1000;
const VALIDATE_AFTER_MS = 350;
const PREVIEW_AFTER_MS = 700;

export type SaveStatus = 'saved' | 'dirty' | 'saving' | 'conflict' | 'failed';

export interface Conflict {
  readonly who: string | null;
}

/** Runs `effect` once `delay` ms after `deps` last changed. */
function useDebounced(effect: () => void, delay: number, deps: readonly unknown[]) {
  const latest = useRef(effect);
  latest.current = effect;
  // The list itself changes identity at every render; keep the previous one while its items are the same.
  const identity = useRef(deps);
  if (deps.some((d, i) => d !== identity.current[i])) identity.current = deps;
  const stamp = identity.current;
  // biome-ignore lint/correctness/useExhaustiveDependencies: `stamp` changes exactly when a dependency does
  useEffect(() => {
    const timer = setTimeout(() => latest.current(), delay);
    return () => clearTimeout(timer);
  }, [stamp, delay]);
}

export function useDraft(draft: Draft) {
  const [state, dispatch] = useReducer(editorReducer, draft.spec, initialEditor);
  const rowVersion = useRef(draft.row_version);
  const savedText = useRef(state.text);
  const [status, setStatus] = useState<SaveStatus>('saved');
  const [conflict, setConflict] = useState<Conflict | null>(null);
  const [diagnostics, setDiagnostics] = useState<readonly Diagnostic[]>([]);
  const [preview, setPreview] = useState<PreviewAnswer | null>(null);
  const [savedAt, setSavedAt] = useState<Date | null>(null);

  const save = useCallback(
    async (spec: Json, text: string): Promise<number> => {
      setStatus('saving');
      try {
        const saved = await builderApi.save(draft.id, spec, rowVersion.current);
        rowVersion.current = saved.row_version;
        savedText.current = text;
        setSavedAt(new Date());
        setStatus('saved');
        return saved.row_version;
      } catch (error) {
        if (error instanceof ApiError && error.status === 409) {
          const problem = error.problems[0] as { updated_by?: { login?: string } } | undefined;
          setConflict({ who: problem?.updated_by?.login ?? null });
          setStatus('conflict');
        } else setStatus('failed');
        throw error;
      }
    },
    [draft.id],
  );

  const dirty = state.text !== savedText.current && state.syntaxError === null;
  useEffect(() => {
    if (dirty && status === 'saved') setStatus('dirty');
  }, [dirty, status]);

  useDebounced(
    () => {
      if (dirty && status !== 'conflict' && status !== 'saving')
        void save(state.spec, state.text).catch(() => undefined);
    },
    SAVE_AFTER_MS,
    [state.text, status],
  );

  useDebounced(
    () => {
      void builderApi
        .validate(state.spec)
        .then((r) => setDiagnostics(r.diagnostics))
        .catch(() => undefined);
    },
    VALIDATE_AFTER_MS,
    [state.spec],
  );

  useDebounced(
    () => {
      void builderApi
        .preview(state.spec)
        .then(setPreview)
        .catch(() => setPreview(null));
    },
    PREVIEW_AFTER_MS,
    [state.spec],
  );

  /** Saves now if needed (before publishing) and answers the row version the server holds. */
  const flush = async (): Promise<number> =>
    state.text !== savedText.current ? save(state.spec, state.text) : rowVersion.current;

  const loadTheirs = async () => {
    const theirs = await builderApi.draft(draft.id);
    rowVersion.current = theirs.row_version;
    dispatch({ type: 'load', spec: theirs.spec });
    savedText.current = JSON.stringify(theirs.spec, null, 2);
    setConflict(null);
    setStatus('saved');
  };

  /** Saves mine on top of theirs: reload their row version, then save with it. */
  const overwrite = async () => {
    const theirs = await builderApi.draft(draft.id);
    rowVersion.current = theirs.row_version;
    setConflict(null);
    await save(state.spec, state.text).catch(() => undefined);
  };

  /** The row version the server answered with after a change of its own (publishing saves the draft). */
  const adoptRowVersion = (next: number) => {
    rowVersion.current = next;
  };

  return {
    state,
    dispatch,
    status,
    conflict,
    diagnostics,
    preview,
    savedAt,
    flush,
    loadTheirs,
    overwrite,
    adoptRowVersion,
  };
}
