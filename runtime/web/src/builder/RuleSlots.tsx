/**
 * The rule-valued properties of a field: `visibleIf`, `computed`, `filter` (rules), `required` (no, yes
 * or a rule) and `min`/`max`/`default` (a literal of the field's kind or `{ "rule": … }`), each rule in
 * a RuleEditor fed with the names it may use and the diagnostics at its path.
 */
import { useId, useMemo } from 'react';
import type { Json } from '../api.ts';
import { useBuilderT } from './builder-i18n.ts';
import { useEditor } from './editor-context.ts';
import { type FieldKind, literalInput } from './field-kinds.ts';
import { Row } from './inputs.tsx';
import { RuleEditor } from './RuleEditor.tsx';
import { diagnosticsAt } from './rule-lint.ts';
import type { RuleNames } from './rule-names.ts';
import { isObject } from './spec-model.ts';
import { type Path, toPointer } from './spec-paths.ts';

interface SlotProps {
  readonly path: Path;
  readonly value: unknown;
  readonly names: RuleNames;
  readonly label: string;
}

/** A property that is a rule string. */
export function RuleSlot(props: SlotProps) {
  const { set, diagnostics } = useEditor();
  const pointer = toPointer(props.path);
  const id = useId();
  const mine = useMemo(() => diagnosticsAt(diagnostics, pointer), [diagnostics, pointer]);
  return (
    <div className="b-row" data-path={pointer}>
      <label htmlFor={id}>{props.label}</label>
      <RuleEditor
        id={id}
        label={props.label}
        value={typeof props.value === 'string' ? props.value : ''}
        onChange={(v) => set(props.path, v.trim() === '' ? undefined : v)}
        names={props.names}
        diagnostics={mine}
      />
    </div>
  );
}

type Mode = 'none' | 'literal' | 'rule' | 'true';

function ModeChooser(props: {
  readonly label: string;
  readonly mode: Mode;
  readonly modes: readonly Mode[];
  readonly onMode: (mode: Mode) => void;
}) {
  const b = useBuilderT();
  const words: Record<Mode, string> = {
    none: b('never'),
    literal: b('literal'),
    rule: b('when'),
    true: b('always'),
  };
  const name = useId();
  return (
    <fieldset className="b-modes">
      <legend>{props.label}</legend>
      {props.modes.map((m) => (
        <label key={m}>
          <input type="radio" name={name} checked={props.mode === m} onChange={() => props.onMode(m)} />
          {words[m]}
        </label>
      ))}
    </fieldset>
  );
}

/** `required`: false (absent), true, or a rule string. */
export function RequiredSlot(props: SlotProps) {
  const b = useBuilderT();
  const { set } = useEditor();
  const mode: Mode = props.value === true ? 'true' : typeof props.value === 'string' ? 'rule' : 'none';
  return (
    <div className="b-slot">
      <ModeChooser
        label={b('required')}
        mode={mode}
        modes={['none', 'true', 'rule']}
        onMode={(m) => set(props.path, m === 'true' ? true : m === 'rule' ? 'true' : undefined)}
      />
      {mode === 'rule' ? <RuleSlot {...props} label={b('requiredWhen')} /> : null}
    </div>
  );
}

/** What a literal of this kind looks like in the spec, from what its input gives. */
function literalValue(kind: FieldKind, raw: string | boolean): unknown {
  if (typeof raw === 'boolean') return raw;
  if (raw === '') return undefined;
  if (kind === 'integer' || kind === 'decimal' || kind === 'taxon') return Number(raw);
  if (kind === 'vocabulary') return { code: raw };
  return raw;
}

function literalText(value: unknown): string {
  if (isObject(value) && typeof value.code === 'string') return value.code;
  if (Array.isArray(value)) return value.join(', ');
  return value === undefined || isObject(value) ? '' : String(value);
}

/** `min`, `max`, `default`: nothing, a literal of the field's kind, or `{ "rule": … }`. */
export function LiteralOrRuleSlot(
  props: SlotProps & { readonly kind: FieldKind; readonly ruleOnly?: boolean },
) {
  const { set } = useEditor();
  const value = props.value;
  const isRule = isObject(value) && typeof value.rule === 'string';
  const mode: Mode = value === undefined ? 'none' : isRule ? 'rule' : 'literal';
  const input = literalInput(props.kind);
  const b = useBuilderT();
  const words = props.ruleOnly ? (['none', 'rule'] as const) : (['none', 'literal', 'rule'] as const);
  return (
    <div className="b-slot">
      <ModeChooser
        label={props.label}
        mode={mode}
        modes={words}
        onMode={(m) =>
          set(
            props.path,
            m === 'rule' ? { rule: '' } : m === 'literal' ? (input === 'checkbox' ? false : '') : undefined,
          )
        }
      />
      {mode === 'literal' ? (
        <Row label={`${props.label} (${b('literal')})`}>
          {(id) =>
            input === 'checkbox' ? (
              <input
                id={id}
                type="checkbox"
                checked={value === true}
                onChange={(e) => set(props.path, e.target.checked)}
              />
            ) : (
              <input
                id={id}
                type={input}
                value={literalText(value)}
                onChange={(e) => set(props.path, literalValue(props.kind, e.target.value) ?? '')}
              />
            )
          }
        </Row>
      ) : null}
      {mode === 'rule' ? (
        <RuleSlot
          {...props}
          path={[...props.path, 'rule']}
          value={(value as Json).rule}
          label={`${props.label} (${b('rule')})`}
        />
      ) : null}
    </div>
  );
}
