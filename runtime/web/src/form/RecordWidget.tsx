/**
 * A reference to another record of the module (`reference` fields, e.g. the paired control quadrat):
 * searched by its label with the level's list (`?q=`), shown by its first list column. Several
 * references (`multiple`) are chips. Values are record ids; a stale id shows as such.
 */
import type { WidgetProps } from '@rjsf/utils';
import { useEffect, useRef, useState } from 'react';
import { api, type Json, type LevelForms, levelUrl, type Page } from '../api.ts';
import { useT } from '../i18n.tsx';
import { localiseForms } from '../localise-forms.ts';
import { loadForms } from '../pages/use-forms.ts';
import { recordLabel } from '../record-label.ts';
import { comboboxProps, listKeys, SuggestionList } from './SuggestionList.tsx';

type Option = { id: string; label: string };
const SUGGESTIONS = 10;
const DEBOUNCE_MS = 200;

const display = (record: Json, forms: LevelForms): string => recordLabel(record, forms) || String(record.id);

export function RecordWidget(props: WidgetProps) {
  const { t, lang } = useT();
  const { id, value, onChange, disabled, readonly } = props;
  const context = (props.registry.formContext ?? {}) as { module?: string; recordId?: string };
  const module = context.module ?? '';
  const level = String(props.options.level ?? '');
  const multiple = props.options.multiple === true || Array.isArray(value);
  const chosen: string[] = (Array.isArray(value) ? value : value ? [value] : []).map(String);
  const [forms, setForms] = useState<LevelForms | null>(null);
  const [labels, setLabels] = useState<Record<string, string>>({});
  const [text, setText] = useState('');
  const [found, setFound] = useState<Option[]>([]);
  const [active, setActive] = useState(-1);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  useEffect(() => {
    if (module && level)
      void loadForms(module, level).then(
        (f) => setForms(localiseForms(f, lang)),
        () => setForms(null),
      );
  }, [module, level, lang]);
  // Labels of the records already referenced.
  const chosenKey = chosen.join(',');
  useEffect(() => {
    if (!forms || !chosenKey) return;
    for (const ref of chosenKey.split(',')) {
      if (labels[ref]) continue;
      api.get<Json>(`${levelUrl(module, level)}/${encodeURIComponent(ref)}`).then(
        (r) => setLabels((l) => ({ ...l, [ref]: display(r, forms) })),
        () => setLabels((l) => ({ ...l, [ref]: `${ref} (${t('notFound')})` })),
      );
    }
  }, [forms, chosenKey, module, level, labels, t]);
  useEffect(() => () => clearTimeout(timer.current), []);

  const search = (q: string) => {
    setText(q);
    clearTimeout(timer.current);
    if (!forms) return;
    timer.current = setTimeout(() => {
      const query = new URLSearchParams({ page_size: String(SUGGESTIONS) });
      if (q.trim()) query.set('q', q.trim());
      api.get<Page>(`${levelUrl(module, level)}?${query}`).then(
        (p) => {
          setActive(-1);
          setFound(
            p.items
              .filter((r) => r.id !== context.recordId)
              .map((r) => ({ id: String(r.id), label: display(r, forms) })),
          );
        },
        () => setFound([]),
      );
    }, DEBOUNCE_MS);
  };
  const pick = (o: Option) => {
    setLabels((l) => ({ ...l, [o.id]: o.label }));
    onChange(multiple ? [...chosen.filter((c) => c !== o.id), o.id] : o.id);
    setText('');
    setFound([]);
  };
  const remove = (ref: string) => {
    const rest = chosen.filter((c) => c !== ref);
    onChange(multiple ? (rest.length > 0 ? rest : undefined) : undefined);
  };
  const locked = disabled || readonly;
  return (
    <div className="autocomplete">
      {chosen.length > 0 ? (
        <ul className="chips">
          {chosen.map((ref) => (
            <li key={ref}>
              {labels[ref] ?? ref}
              {locked ? null : (
                <button
                  type="button"
                  aria-label={`${t('remove')} ${labels[ref] ?? ref}`}
                  onClick={() => remove(ref)}
                >
                  ×
                </button>
              )}
            </li>
          ))}
        </ul>
      ) : null}
      {locked || (!multiple && chosen.length > 0) ? null : (
        <input
          id={id}
          value={text}
          placeholder={t('typeToSearch')}
          autoComplete="off"
          {...comboboxProps(`${id}-suggestions`, found.length > 0, active)}
          onFocus={() => search(text)}
          onChange={(e) => search(e.target.value)}
          onKeyDown={(e) => listKeys(e, found, active, setActive, pick)}
          onBlur={() => setTimeout(() => setFound([]), 200)}
        />
      )}
      <SuggestionList
        id={`${id}-suggestions`}
        label={t('suggestions')}
        items={found.map((o) => ({ ...o, key: o.id }))}
        active={active}
        onPick={pick}
      />
    </div>
  );
}
