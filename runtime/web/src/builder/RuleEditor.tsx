/**
 * A rule in a CodeMirror 6 editor: completes field names (`value.`, `parent.`, ancestors, `row.`,
 * `choice.`) and the rule language's functions, and underlines what the validator reported on this
 * rule as the designer types (the page validates the whole draft, debounced).
 */
import { autocompletion, type CompletionContext, completionKeymap } from '@codemirror/autocomplete';
import { EditorView, keymap, placeholder } from '@codemirror/view';
import { useMemo, useRef } from 'react';
import type { Diagnostic } from './builder-api.ts';
import { ruleMarks } from './rule-lint.ts';
import { completeAt, type RuleNames } from './rule-names.ts';
import { useCodeMirror } from './use-codemirror.ts';

export interface RuleEditorProps {
  readonly id: string;
  readonly label: string;
  readonly value: string;
  readonly onChange: (value: string) => void;
  readonly names: RuleNames;
  readonly diagnostics: readonly Diagnostic[];
  readonly placeholderText?: string;
}

export function RuleEditor(props: RuleEditorProps) {
  const names = useRef(props.names);
  names.current = props.names;
  // biome-ignore lint/correctness/useExhaustiveDependencies: built once; the names are read through the ref
  const extensions = useMemo(
    () => [
      keymap.of(completionKeymap),
      autocompletion({
        override: [
          (context: CompletionContext) => {
            const line = context.state.doc.lineAt(context.pos);
            const before = line.text.slice(0, context.pos - line.from);
            const found = completeAt(names.current, before);
            if (!found || (!context.explicit && found.from === before.length && !before.endsWith('.')))
              return null;
            return {
              from: line.from + found.from,
              options: found.options.map((o) => ({
                label: o.label,
                type: o.type,
                ...(o.detail ? { detail: o.detail } : {}),
                ...(o.type === 'function' ? { apply: `${o.label}(` } : {}),
              })),
              validFor: /^[A-Za-z0-9_]*$/,
            };
          },
        ],
      }),
      EditorView.lineWrapping,
      EditorView.contentAttributes.of({
        'aria-label': props.label,
        id: props.id,
        'data-rule-editor': 'true',
      }),
      ...(props.placeholderText ? [placeholder(props.placeholderText)] : []),
    ],
    [],
  );
  const marks = useMemo(() => ruleMarks(props.value, props.diagnostics), [props.value, props.diagnostics]);
  const { parent } = useCodeMirror({ value: props.value, onChange: props.onChange, extensions, marks });
  const problems = props.diagnostics;
  return (
    <div className="rule-editor">
      <div
        ref={parent}
        className={problems.some((d) => d.severity === 'error') ? 'cm-host invalid' : 'cm-host'}
      />
      {problems.length > 0 ? (
        <ul className="rule-problems" aria-live="polite">
          {problems.map((d) => (
            <li key={`${d.rule}:${d.message}`} className={d.severity}>
              {d.message}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
