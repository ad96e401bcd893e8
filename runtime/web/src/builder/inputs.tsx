/**
 * Small labelled controls of the editor. Each one has a visible label bound to its input (keyboard and
 * screen readers find every control by name) and reports a plain JSON value; `undefined` means "remove
 * the key", so an emptied input leaves no `""` in the spec.
 */
import { type ReactNode, useId } from 'react';
import type { Json } from '../api.ts';
import { useBuilderT } from './builder-i18n.ts';
import { isObject } from './spec-model.ts';

export type OnValue = (value: unknown) => void;

export function Row(props: {
  readonly label: string;
  readonly children: (id: string) => ReactNode;
  readonly hint?: string;
}) {
  const id = useId();
  return (
    <div className="b-row">
      <label htmlFor={id}>{props.label}</label>
      {props.children(id)}
      {props.hint ? <span className="hint">{props.hint}</span> : null}
    </div>
  );
}

export function TextInput(props: {
  readonly label: string;
  readonly value: unknown;
  readonly onValue: OnValue;
  readonly name?: string;
  readonly hint?: string;
  readonly multiline?: boolean;
}) {
  const value = typeof props.value === 'string' ? props.value : '';
  const set = (v: string) => props.onValue(v === '' ? undefined : v);
  return (
    <Row label={props.label} {...(props.hint ? { hint: props.hint } : {})}>
      {(id) =>
        props.multiline ? (
          <textarea id={id} name={props.name} value={value} onChange={(e) => set(e.target.value)} rows={2} />
        ) : (
          <input id={id} name={props.name} value={value} onChange={(e) => set(e.target.value)} />
        )
      }
    </Row>
  );
}

export function NumberInput(props: {
  readonly label: string;
  readonly value: unknown;
  readonly onValue: OnValue;
  readonly name?: string;
}) {
  return (
    <Row label={props.label}>
      {(id) => (
        <input
          id={id}
          name={props.name}
          type="number"
          value={typeof props.value === 'number' ? props.value : ''}
          onChange={(e) => props.onValue(e.target.value === '' ? undefined : Number(e.target.value))}
        />
      )}
    </Row>
  );
}

export function CheckboxInput(props: {
  readonly label: string;
  readonly value: unknown;
  readonly onValue: OnValue;
  readonly name?: string;
}) {
  const id = useId();
  return (
    <div className="b-row check">
      <input
        id={id}
        name={props.name}
        type="checkbox"
        checked={props.value === true}
        onChange={(e) => props.onValue(e.target.checked ? true : undefined)}
      />
      <label htmlFor={id}>{props.label}</label>
    </div>
  );
}

export function SelectInput(props: {
  readonly label: string;
  readonly value: unknown;
  readonly onValue: OnValue;
  readonly options: readonly { readonly value: string; readonly label: string }[];
  readonly name?: string;
  /** The label of "no value" (removes the key); absent when a value is required. */
  readonly empty?: string;
}) {
  return (
    <Row label={props.label}>
      {(id) => (
        <select
          id={id}
          name={props.name}
          value={typeof props.value === 'string' ? props.value : ''}
          onChange={(e) => props.onValue(e.target.value === '' ? undefined : e.target.value)}
        >
          {props.empty !== undefined ? <option value="">{props.empty}</option> : null}
          {props.options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    </Row>
  );
}

/** A comma-separated list of texts or numbers. */
export function ListInput(props: {
  readonly label: string;
  readonly value: unknown;
  readonly onValue: OnValue;
  readonly numbers?: boolean;
  readonly name?: string;
}) {
  const b = useBuilderT();
  const list = Array.isArray(props.value) ? props.value.map(String).join(', ') : '';
  return (
    <Row label={props.label} hint={b('listComma')}>
      {(id) => (
        <input
          id={id}
          name={props.name}
          defaultValue={list}
          key={list}
          onBlur={(e) => {
            const items = e.target.value
              .split(',')
              .map((s) => s.trim())
              .filter((s) => s !== '');
            const parsed = props.numbers ? items.map(Number).filter((n) => Number.isFinite(n)) : items;
            props.onValue(parsed.length > 0 ? parsed : undefined);
          }}
        />
      )}
    </Row>
  );
}

/** Labels as `{ fr, en? }`, whatever form the spec holds them in. */
export function asLabels(value: unknown): { fr: string; en?: string } {
  if (typeof value === 'string') return { fr: value };
  if (isObject(value))
    return { fr: String(value.fr ?? ''), ...(typeof value.en === 'string' ? { en: value.en } : {}) };
  return { fr: '' };
}

export function LabelsInput(props: {
  readonly labels: readonly [string, string];
  readonly value: unknown;
  readonly onValue: (value: Json | undefined) => void;
  readonly name: string;
  readonly multiline?: boolean;
}) {
  const current = asLabels(props.value);
  const set = (lang: 'fr' | 'en', text: string | undefined) => {
    const next: Json = { ...current, [lang]: text };
    if (next.en === undefined || next.en === '') delete next.en;
    props.onValue(!next.fr && next.en === undefined ? undefined : { ...next, fr: String(next.fr ?? '') });
  };
  return (
    <div className="b-pair">
      <TextInput
        label={props.labels[0]}
        name={`${props.name}_fr`}
        value={current.fr}
        onValue={(v) => set('fr', v as string | undefined)}
        {...(props.multiline ? { multiline: true } : {})}
      />
      <TextInput
        label={props.labels[1]}
        name={`${props.name}_en`}
        value={current.en}
        onValue={(v) => set('en', v as string | undefined)}
        {...(props.multiline ? { multiline: true } : {})}
      />
    </div>
  );
}
