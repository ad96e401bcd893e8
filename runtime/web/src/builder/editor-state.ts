/**
 * The editor's state: the JSON text is the single source of truth; the parsed spec is the last text
 * that parsed (a syntax error keeps it and shows the error). Form edits replace the text with the
 * pretty-printed new spec; JSON edits replace the text and parse it. Undo and redo walk the texts.
 */
import type { Json } from '../api.ts';

export interface EditorState {
  readonly text: string;
  readonly spec: Json;
  readonly syntaxError: string | null;
  readonly past: readonly string[];
  readonly future: readonly string[];
  /** When and what the last edit changed: typing into one input in a burst makes one undo step. */
  readonly lastEdit: { readonly at: number; readonly source: EditSource; readonly target?: string } | null;
  /** Bumped when the text changes for a reason other than typing in the JSON view (it reloads then). */
  readonly revision: number;
}

export type EditSource = 'form' | 'json';

export type EditorAction =
  | { readonly type: 'load'; readonly spec: Json }
  /** `target` names what is typed into (a JSON pointer); edits without one are never joined. */
  | { readonly type: 'edit'; readonly spec: Json; readonly at: number; readonly target?: string }
  | { readonly type: 'text'; readonly text: string; readonly at: number }
  | { readonly type: 'undo' }
  | { readonly type: 'redo' };

const MAX_HISTORY = 200;
/** Edits of one target closer than this join the previous undo step (typing a label, a rule). */
const BURST_MS = 800;

export const printSpec = (spec: Json) => JSON.stringify(spec, null, 2);

function parse(text: string): { spec: Json } | { error: string } {
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value !== 'object' || value === null || Array.isArray(value))
      return { error: 'The protocol must be a JSON object.' };
    return { spec: value as Json };
  } catch (error) {
    return { error: (error as Error).message };
  }
}

export function initialEditor(spec: Json): EditorState {
  return {
    text: printSpec(spec),
    spec,
    syntaxError: null,
    past: [],
    future: [],
    lastEdit: null,
    revision: 0,
  };
}

function withText(
  state: EditorState,
  text: string,
  at: number,
  source: EditSource,
  target: string | undefined,
): EditorState {
  if (text === state.text) return state;
  const burst =
    target !== undefined &&
    state.lastEdit !== null &&
    state.lastEdit.source === source &&
    state.lastEdit.target === target &&
    at - state.lastEdit.at < BURST_MS;
  const past = burst ? state.past : [...state.past, state.text].slice(-MAX_HISTORY);
  const parsed = parse(text);
  return {
    text,
    spec: 'spec' in parsed ? parsed.spec : state.spec,
    syntaxError: 'error' in parsed ? parsed.error : null,
    past,
    future: [],
    lastEdit: { at, source, ...(target !== undefined ? { target } : {}) },
    revision: source === 'json' ? state.revision : state.revision + 1,
  };
}

function jump(state: EditorState, from: 'past' | 'future'): EditorState {
  const list = state[from];
  const text = list[list.length - 1];
  if (text === undefined) return state;
  const parsed = parse(text);
  const rest = list.slice(0, -1);
  return {
    text,
    spec: 'spec' in parsed ? parsed.spec : state.spec,
    syntaxError: 'error' in parsed ? parsed.error : null,
    past: from === 'past' ? rest : [...state.past, state.text],
    future: from === 'future' ? rest : [...state.future, state.text],
    lastEdit: null,
    revision: state.revision + 1,
  };
}

export function editorReducer(state: EditorState, action: EditorAction): EditorState {
  switch (action.type) {
    case 'load':
      return { ...initialEditor(action.spec), revision: state.revision + 1 };
    case 'edit':
      return withText(state, printSpec(action.spec), action.at, 'form', action.target);
    case 'text':
      return withText(state, action.text, action.at, 'json', 'json');
    case 'undo':
      return jump(state, 'past');
    case 'redo':
      return jump(state, 'future');
  }
}
