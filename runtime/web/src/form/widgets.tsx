/**
 * Custom widgets named by the generated uiSchemas. Each one works from the schema alone (enum +
 * ui:enumNames) and improves itself with the reference-data API when it answers: vocabulary labels in
 * the current language, taxon search, datasets by name.
 */
import type { WidgetProps } from '@rjsf/utils';
import { useEffect, useState } from 'react';
import { type Labels, optional } from '../api.ts';
import { useT } from '../i18n.tsx';

export { MediaWidget } from './MediaField.tsx';

type Option = { value: unknown; label: string };
/** Up to this many choices, a multiple choice is a list of checkboxes. */
const CHECKBOX_LIMIT = 12;

const enumOptions = (props: WidgetProps): Option[] =>
  (props.options.enumOptions ?? []).map((o) => ({ value: o.value, label: o.label }));

interface Vocabulary {
  values: { code: string; label: Labels }[];
}

/** Labels from /api/vocabularies/:type in the current language; the uiSchema's French names otherwise. */
function useVocabularyLabels(type: unknown): Map<string, Labels> | null {
  const [labels, setLabels] = useState<Map<string, Labels> | null>(null);
  useEffect(() => {
    if (typeof type !== 'string') return;
    optional<Vocabulary>(`/api/vocabularies/${encodeURIComponent(type)}`).then((v) => {
      if (v?.values) setLabels(new Map(v.values.map((x) => [x.code, x.label])));
    });
  }, [type]);
  return labels;
}

function ChoiceInput(props: WidgetProps & { choices: Option[]; display: string }) {
  const { id, value, required, disabled, readonly, onChange, choices, display } = props;
  const multiple = Array.isArray(value) || props.schema.type === 'array';
  if (display === 'radio' && !multiple) {
    return (
      <div className="radios" id={id}>
        {choices.map((c, i) => (
          <label key={String(c.value)}>
            <input
              type="radio"
              name={id}
              id={`${id}-${i}`}
              checked={value === c.value}
              disabled={disabled || readonly}
              onChange={() => onChange(c.value)}
            />
            {c.label}
          </label>
        ))}
      </div>
    );
  }
  if (multiple && choices.length <= CHECKBOX_LIMIT) {
    // A short list reads better as boxes to tick than as a ctrl-click multi-select.
    const chosen = (value as unknown[] | undefined) ?? [];
    const toggle = (v: unknown, on: boolean) => {
      const next = on ? [...chosen, v] : chosen.filter((x) => x !== v);
      onChange(next.length > 0 ? choices.map((c) => c.value).filter((x) => next.includes(x)) : undefined);
    };
    return (
      <div className="checkboxes" id={id}>
        {choices.map((c, i) => (
          <label key={String(c.value)}>
            <input
              type="checkbox"
              id={`${id}-${i}`}
              checked={chosen.includes(c.value)}
              disabled={disabled || readonly}
              onChange={(e) => toggle(c.value, e.target.checked)}
            />
            {c.label}
          </label>
        ))}
      </div>
    );
  }
  const index = (v: unknown) => choices.findIndex((c) => c.value === v);
  return (
    <select
      id={id}
      multiple={multiple}
      required={required}
      disabled={disabled || readonly}
      value={multiple ? ((value as unknown[]) ?? []).map((v) => String(index(v))) : String(index(value))}
      onChange={(e) => {
        const picked = Array.from(e.target.selectedOptions).map((o) => choices[Number(o.value)]?.value);
        onChange(
          multiple ? picked : picked[0] === undefined || e.target.value === '-1' ? undefined : picked[0],
        );
      }}
    >
      {multiple ? null : <option value="-1" />}
      {choices.map((c, i) => (
        <option key={String(c.value)} value={String(i)}>
          {c.label}
        </option>
      ))}
    </select>
  );
}

export function VocabularyWidget(props: WidgetProps) {
  const { label } = useT();
  const labels = useVocabularyLabels(props.options.vocabulary);
  const choices = enumOptions(props).map((o) => {
    const l = labels?.get(String(o.value));
    return l ? { ...o, label: label(l) } : o;
  });
  return <ChoiceInput {...props} choices={choices} display={String(props.options.display ?? 'select')} />;
}

/** Datasets by name from /api/datasets?module=, the schema's uuids otherwise. */
export function DatasetWidget(props: WidgetProps) {
  const [names, setNames] = useState<Map<string, string>>(new Map());
  const module = (props.registry.formContext as { module?: string } | undefined)?.module ?? '';
  useEffect(() => {
    optional<{ items: { id: string; name: string }[] }>(
      `/api/datasets?module=${encodeURIComponent(module)}`,
    ).then((r) => r && setNames(new Map(r.items.map((d) => [d.id, d.name]))));
  }, [module]);
  const choices = enumOptions(props).map((o) => ({ ...o, label: names.get(String(o.value)) ?? o.label }));
  // One dataset on offer: choose it (GeoNature hides its picker then; Suivi shows the choice, made).
  const only = choices.length === 1 ? choices[0]?.value : undefined;
  const { value, onChange } = props;
  useEffect(() => {
    if (only !== undefined && (value === undefined || value === null || value === '')) onChange(only);
  }, [only, value, onChange]);
  return <ChoiceInput {...props} choices={choices} display="select" />;
}

/**
 * Habitats: a select when the field lists its codes, a text box otherwise (no HABREF table yet, so no
 * search over a typology; the server checks the listed codes).
 */
export function PlainWidget(props: WidgetProps) {
  const choices = enumOptions(props);
  if (choices.length > 0) return <ChoiceInput {...props} choices={choices} display="select" />;
  return (
    <input
      id={props.id}
      value={props.value === undefined ? '' : String(props.value)}
      onChange={(e) => props.onChange(e.target.value === '' ? undefined : e.target.value)}
    />
  );
}
