/**
 * One CodeMirror 6 view bound to a React value: created once in a div, told about outside changes
 * (undo, a form edit) by replacing its document, and reporting the designer's typing through
 * `onChange`. Its diagnostics are pushed with @codemirror/lint's setDiagnostics, so the validator, not
 * CodeMirror, decides what is wrong.
 */
import { type Diagnostic as CmDiagnostic, setDiagnostics } from '@codemirror/lint';
import { EditorState, type Extension } from '@codemirror/state';
import { EditorView } from '@codemirror/view';
import { useEffect, useRef } from 'react';

export interface CodeMirrorOptions {
  readonly value: string;
  readonly onChange: (value: string) => void;
  readonly extensions: readonly Extension[];
  readonly marks: readonly CmDiagnostic[];
}

export function useCodeMirror(options: CodeMirrorOptions) {
  const parent = useRef<HTMLDivElement | null>(null);
  const view = useRef<EditorView | null>(null);
  // The listener is created once; it reads the latest callback through this ref.
  const onChange = useRef(options.onChange);
  onChange.current = options.onChange;

  // biome-ignore lint/correctness/useExhaustiveDependencies: the view is built once; later values arrive through the effects below
  useEffect(() => {
    if (!parent.current) return;
    const created = new EditorView({
      parent: parent.current,
      state: EditorState.create({
        doc: options.value,
        extensions: [
          ...options.extensions,
          EditorView.updateListener.of((update) => {
            // Only the designer's typing: documents replaced from outside carry the `external` annotation.
            if (update.docChanged && !update.transactions.some((t) => t.isUserEvent('external')))
              onChange.current(update.state.doc.toString());
          }),
        ],
      }),
    });
    view.current = created;
    return () => {
      created.destroy();
      view.current = null;
    };
  }, []);

  useEffect(() => {
    const v = view.current;
    if (!v || v.state.doc.toString() === options.value) return;
    v.dispatch({
      changes: { from: 0, to: v.state.doc.length, insert: options.value },
      userEvent: 'external',
    });
  }, [options.value]);

  useEffect(() => {
    const v = view.current;
    if (!v) return;
    const length = v.state.doc.length;
    const clamped = options.marks.map((m) => ({
      ...m,
      from: Math.min(m.from, length),
      to: Math.min(Math.max(m.to, m.from), length),
    }));
    v.dispatch(setDiagnostics(v.state, clamped));
  }, [options.marks]);

  return { parent, view };
}
