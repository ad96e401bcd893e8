/**
 * What every panel of the editor reads: the spec (last valid parse of the JSON text), how to replace it,
 * the validator's diagnostics, the selection, and the field ids that were already published (their key
 * no longer follows their label).
 */
import { createContext, useContext } from 'react';
import type { Json } from '../api.ts';
import type { Diagnostic } from './builder-api.ts';
import type { Selection } from './selection.ts';
import type { Path } from './spec-paths.ts';
import { setIn, toPointer } from './spec-paths.ts';

export interface EditorContextValue {
  readonly spec: Json;
  /** Replaces the spec; `target` (the pointer typed into) joins a burst of typing into one undo step. */
  readonly edit: (spec: Json, target?: string) => void;
  readonly diagnostics: readonly Diagnostic[];
  readonly selection: Selection;
  readonly select: (selection: Selection) => void;
  readonly publishedIds: ReadonlySet<string>;
}

export const EditorContext = createContext<EditorContextValue | null>(null);

export function useEditor(): EditorContextValue & { readonly set: (path: Path, value: unknown) => void } {
  const context = useContext(EditorContext);
  if (!context) throw new Error('useEditor outside the builder editor');
  return {
    ...context,
    set: (path, value) => context.edit(setIn(context.spec, path, value), toPointer(path)),
  };
}
