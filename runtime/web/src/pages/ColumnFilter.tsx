/**
 * The filter under a table column, shaped by the column's schema: a select of the labelled values for
 * choices and booleans, a from–to pair for dates, "≥" for numbers, a name search for taxa, "contains" for
 * text. It reports query parameters in the API's syntax (`field`, `field[gte]`, `field[contains]`).
 */
import { useEffect, useRef, useState } from 'react';
import type { Json } from '../api.ts';
import { useT } from '../i18n.tsx';
import { DAY_PLACEHOLDER, parseDay, showDay } from './day-text.ts';
import { TaxonFilter } from './TaxonFilter.tsx';

const DEBOUNCE_MS = 400;

export interface ColumnFilterProps {
  readonly module: string;
  readonly column: string;
  readonly title: string;
  readonly property: Json | undefined;
  readonly ui: Json | undefined;
  readonly values: Readonly<Record<string, string>>;
  readonly onChange: (param: string, value: string) => void;
}

/** A text box that reports its value once typing pauses. */
function TypedInput(props: {
  label: string;
  type: string;
  placeholder: string;
  /** The value the table starts with (from the URL). */
  initial: string | undefined;
  onValue: (v: string) => void;
}) {
  const [text, setText] = useState(props.initial ?? '');
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);
  return (
    <input
      aria-label={props.label}
      type={props.type}
      placeholder={props.placeholder}
      value={text}
      onChange={(e) => {
        const v = e.target.value;
        setText(v);
        clearTimeout(timer.current);
        timer.current = setTimeout(() => props.onValue(v.trim()), DEBOUNCE_MS);
      }}
    />
  );
}

/**
 * A day typed in the app's language's order (day-text.ts), not a native date input, which follows the
 * browser's locale; reported as ISO once it is a real day, marked invalid (and not sent) while it is not.
 */
function DayInput(props: { label: string; initial: string | undefined; onValue: (iso: string) => void }) {
  const { t, lang } = useT();
  const [text, setText] = useState(showDay(props.initial));
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);
  const invalid = parseDay(text) === null;
  return (
    <input
      aria-label={props.label}
      type="text"
      inputMode="numeric"
      autoComplete="off"
      size={10}
      placeholder={DAY_PLACEHOLDER[lang]}
      value={text}
      aria-invalid={invalid || undefined}
      title={invalid ? t('dayExpected') : undefined}
      onChange={(e) => {
        const v = e.target.value;
        setText(v);
        clearTimeout(timer.current);
        const iso = parseDay(v);
        if (iso !== null) timer.current = setTimeout(() => props.onValue(iso), DEBOUNCE_MS);
      }}
    />
  );
}

export function ColumnFilter(props: ColumnFilterProps) {
  const { t } = useT();
  const { column, property, ui, values, onChange } = props;
  const label = `${t('filter')} ${props.title}`;
  if (!property) return null;
  // Taxa by name, even when the protocol lists its codes (a select of bare cd_nom would say nothing).
  if (ui?.['ui:widget'] === 'taxon') return <TaxonFilter {...props} />;
  const codes = (property.enum ?? (property.items as Json | undefined)?.enum) as unknown[] | undefined;
  const names = ui?.['ui:enumNames'] as string[] | undefined;
  if (codes || property.type === 'boolean') {
    const options = codes
      ? codes.map((c, i) => ({ value: String(c), label: names?.[i] ?? String(c) }))
      : [
          { value: 'true', label: '✓' },
          { value: 'false', label: '✗' },
        ];
    return (
      <select
        aria-label={label}
        value={values[column] ?? ''}
        onChange={(e) => onChange(column, e.target.value)}
      >
        <option value="">{t('all')}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    );
  }
  if (property.format === 'date') {
    return (
      <div className="range">
        <DayInput
          label={`${label} ≥`}
          initial={values[`${column}[gte]`]}
          onValue={(v) => onChange(`${column}[gte]`, v)}
        />
        <DayInput
          label={`${label} ≤`}
          initial={values[`${column}[lte]`]}
          onValue={(v) => onChange(`${column}[lte]`, v)}
        />
      </div>
    );
  }
  if (property.type === 'integer' || property.type === 'number') {
    return (
      <TypedInput
        label={`${label} ≥`}
        type="number"
        placeholder="≥"
        initial={values[`${column}[gte]`]}
        onValue={(v) => onChange(`${column}[gte]`, v)}
      />
    );
  }
  if (property.type === 'string' && !property.format) {
    return (
      <TypedInput
        label={label}
        type="search"
        placeholder={t('filter')}
        initial={values[`${column}[contains]`]}
        onValue={(v) => onChange(`${column}[contains]`, v)}
      />
    );
  }
  return null;
}
