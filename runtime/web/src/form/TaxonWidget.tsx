/**
 * Taxon autocomplete: names from /api/taxa?q=&module= (the module's taxonomy), picked with the mouse or
 * the keyboard (↑ ↓ Enter, Escape closes). An existing value shows its name, looked up by code; clearing
 * the box clears the value. Without the API, the protocol's own list of codes is filtered locally.
 * Text typed and not picked is never a silent empty value: the value is cleared and the field noted in
 * the form's `unpicked` register, which the form's checks turn into "choose a taxon from the list".
 */
import type { WidgetProps } from '@rjsf/utils';
import { useEffect, useRef, useState } from 'react';
import { useT } from '../i18n.tsx';
import { knownTaxon, loadNames, searchTaxa, taxonLabel } from '../reference-names.ts';
import { comboboxProps, listKeys, SuggestionList } from './SuggestionList.tsx';

type Option = { value: unknown; label: string };

const NOT_YET = Symbol('not yet');

/** Taxon boxes holding text that names no picked taxon, by field name (RecordForm's formContext). */
export type UnpickedTaxa = Map<string, string>;
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
  const context = props.registry.formContext as { module?: string; unpicked?: UnpickedTaxa } | undefined;
  const module = context?.module ?? '';
  const unpicked = context?.unpicked;
  const name = props.name;
  // The value this box set itself: its echo must not replace what the user is typing. Nothing at first,
  // so a stored value's name is looked up on mount.
  const own = useRef<unknown>(NOT_YET);
  const fallback = (props.options.enumOptions ?? []).map((o) => ({ value: o.value, label: o.label }));

  // The value changed from outside (a record loaded, "save and add the next one"): show its name.
  useEffect(() => {
    if (value === own.current) return;
    own.current = value;
    unpicked?.delete(name);
    setText(labelOf(value));
    if (typeof value === 'number' && !knownTaxon(value))
      void loadNames([value], []).then(() => setText(labelOf(value)));
  }, [value, unpicked, name]);
  useEffect(
    () => () => {
      clearTimeout(timer.current);
      unpicked?.delete(name); // a hidden field sends nothing
    },
    [unpicked, name],
  );

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
    // Whatever was picked no longer matches the box: the value goes until a suggestion is picked.
    if (value !== undefined) {
      own.current = undefined;
      onChange(undefined);
    }
    if (q.trim() === '') {
      unpicked?.delete(name);
      asked.current++;
      setFound([]);
      return;
    }
    unpicked?.set(name, q.trim());
    if (q.trim().length < 2) return setFound([]);
    timer.current = setTimeout(() => void search(q), DEBOUNCE_MS);
  };
  const pick = (o: Option) => {
    asked.current++;
    own.current = o.value;
    unpicked?.delete(name);
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
            if (value === undefined) unpicked?.delete(name);
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
