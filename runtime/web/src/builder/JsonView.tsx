/**
 * The protocol as JSON, editable: typing here changes the editor's text (the single source of truth);
 * form edits arrive as a new text. The validator's diagnostics are marked at their line and column.
 */

import { defaultKeymap } from '@codemirror/commands';
import { json } from '@codemirror/lang-json';
import { bracketMatching, defaultHighlightStyle, syntaxHighlighting } from '@codemirror/language';
import { EditorView, highlightActiveLine, keymap, lineNumbers } from '@codemirror/view';
import { useMemo } from 'react';
import type { Diagnostic } from './builder-api.ts';
import { useBuilderT } from './builder-i18n.ts';
import { useCodeMirror } from './use-codemirror.ts';

/** Offset of a 1-based line and column in `text` (as the server computes them on the same text). */
export function offsetOf(text: string, line: number, column: number): number {
  let offset = 0;
  for (let l = 1; l < line; l++) {
    const next = text.indexOf('\n', offset);
    if (next < 0) return text.length;
    offset = next + 1;
  }
  return Math.min(text.length, offset + Math.max(column - 1, 0));
}

export function JsonView(props: {
  readonly text: string;
  readonly onChange: (text: string) => void;
  readonly syntaxError: string | null;
  readonly diagnostics: readonly Diagnostic[];
}) {
  const b = useBuilderT();
  // biome-ignore lint/correctness/useExhaustiveDependencies: built once
  const extensions = useMemo(
    () => [
      lineNumbers(),
      highlightActiveLine(),
      bracketMatching(),
      json(),
      syntaxHighlighting(defaultHighlightStyle),
      keymap.of(defaultKeymap),
      EditorView.contentAttributes.of({ 'aria-label': b('json') }),
    ],
    [],
  );
  const marks = useMemo(
    () =>
      props.syntaxError
        ? []
        : props.diagnostics
            .filter((d) => d.line !== undefined)
            .map((d) => {
              const from = offsetOf(props.text, d.line ?? 1, d.column ?? 1);
              const lineEnd = props.text.indexOf('\n', from);
              return {
                from,
                to: lineEnd < 0 ? props.text.length : lineEnd,
                severity: d.severity,
                message: `${d.rule}: ${d.message}`,
              };
            }),
    [props.diagnostics, props.text, props.syntaxError],
  );
  const { parent } = useCodeMirror({ value: props.text, onChange: props.onChange, extensions, marks });
  return (
    <section className="json-view" aria-label={b('json')}>
      {props.syntaxError ? (
        <p className="text-danger" role="alert">
          {b('jsonError')} {props.syntaxError}
        </p>
      ) : null}
      <div ref={parent} className="cm-host" />
    </section>
  );
}
