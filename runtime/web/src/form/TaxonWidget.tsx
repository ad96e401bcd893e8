/**
 * Taxon autocomplete: names from /api/taxa?q=&module= (the module's taxonomy), picked with the mouse or
 * the keyboard (↑ ↓ Enter, Escape closes). An existing value shows its name, looked up by code; clearing
 * the box clears the value. Without the API, the protocol's own list of codes is filtered locally.
 */
import type { WidgetProps } from '@rjsf/utils';
import { useEffect, useRef, useState } from 'react';
import { useT } from '../i18n.tsx';
import { knownTaxon, loadNames, searchTaxa, taxonLabel } from '../reference-names.ts';
import { comboboxProps, listKeys, SuggestionList } from './SuggestionList.tsx';

type Option = { value: unknown; label: string };
/** Keystrokes closer than this make one request. */
const DEBOUNCE_MS = 150;

const labelOf = (value: unknown) => {
  const taxon = typeof value === 'number' ? knownTaxon(value) : undefined;
  return taxon ? taxonLabel(taxon) : value === undefined || value === null ? '' : String(value);
};

export function TaxonWidget(props: WidgetProps) {
  const { t } = useT();
  const { id, value, onChange, disabled, readonly } = props;
  const [text, setText] = useState(() => labelOf(value));
  const [found, setFound] = useState<Option[]>([]);
  const [active, setActive] = useState(-1);
  const asked = useRef(0);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const module = (props.registry.formContext as { module?: string } | undefined)?.module ?? '';
  const fallback = (props.options.enumOptions ?? []).map((o) => ({ value: o.value, label: o.label }));

  // The value changed from outside (a record loaded, "save and add the next one"): show its name.
  useEffect(() => {
    setText(labelOf(value));
    if (typeof value === 'number' && !knownTaxon(value))
      void loadNames([value], []).then(() => setText(labelOf(value)));
  }, [value]);
  useEffect(() => () => clearTimeout(timer.current), []);

  const search = async (q: string) => {
    const ticket = ++asked.current;
    const taxa = await searchTaxa(q, module);
    if (ticket !== asked.current) return; // a later keystroke asked again
    const options = taxa
      ? taxa.map((x) => ({ value: x.cd_nom, label: taxonLabel(x) }))
      : fallback.filter((o) => o.label.toLowerCase().includes(q.toLowerCase()));
    setFound(options);
    setActive(-1);
  };
  const type = (q: string) => {
    setText(q);
    clearTimeout(timer.current);
    if (q.trim() === '') {
      asked.current++;
      setFound([]);
      if (value !== undefined) onChange(undefined);
      return;
    }
    if (q.trim().length < 2) return setFound([]);
    timer.current = setTimeout(() => void search(q), DEBOUNCE_MS);
  };
  const pick = (o: Option) => {
    asked.current++;
    onChange(o.value);
    setText(o.label);
    setFound([]);
  };
  const listId = `${id}-suggestions`;
  return (
    <div className="autocomplete">
      <input
        id={id}
        value={text}
        placeholder={t('typeToSearch')}
        disabled={disabled || readonly}
        {...comboboxProps(listId, found.length > 0, active)}
        autoComplete="off"
        onChange={(e) => type(e.target.value)}
        onBlur={() => setTimeout(() => setFound([]), 200)}
        onKeyDown={(e) => {
          if (listKeys(e, found, active, setActive, pick)) return;
          if (e.key === 'Escape') {
            setFound([]);
            setText(labelOf(value));
          }
        }}
      />
      <SuggestionList
        id={listId}
        items={found.map((o) => ({ ...o, key: String(o.value) }))}
        active={active}
        onPick={pick}
        label={t('suggestions')}
      />
    </div>
  );
}
