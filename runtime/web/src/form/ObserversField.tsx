/**
 * The `observers` ui:field: a list of `{ user_id?, name }`. Users come from /api/users?q=; with
 * ui:options.freeText a typed name can be added as is (volunteers without an account).
 */
import type { FieldProps } from '@rjsf/utils';
import { useEffect, useState } from 'react';
import { optional } from '../api.ts';
import { useAccount } from '../auth.tsx';
import { useT } from '../i18n.tsx';
import { knownUser, loadNames } from '../reference-names.ts';
import { comboboxProps, listKeys, SuggestionList } from './SuggestionList.tsx';

interface Observer {
  user_id?: string;
  name?: string;
}
interface User {
  id: string;
  display_name: string;
}

export function ObserversField(props: FieldProps) {
  const { t } = useT();
  const { onChange, fieldPathId } = props;
  const uiOptions = (props.uiSchema?.['ui:options'] ?? {}) as { freeText?: boolean; multiple?: boolean };
  const single = uiOptions.multiple === false || props.schema.type === 'object';
  const raw = props.formData as Observer | Observer[] | undefined;
  const value = (Array.isArray(raw) ? raw : raw ? [raw] : []) as Observer[];
  const freeText = !single && (uiOptions.freeText ?? true);
  const account = useAccount();
  // Users are stored as { user_id } alone: the names picked here are remembered for display.
  const [names, setNames] = useState<Record<string, string>>(
    account ? { [account.id]: account.display_name } : {},
  );
  // The names of the users an existing record holds, looked up once.
  const [, setLoaded] = useState(0);
  const heldIds = value.flatMap((v) => (v.user_id ? [v.user_id] : [])).join(',');
  useEffect(() => {
    if (heldIds) void loadNames([], heldIds.split(',')).then((changed) => changed && setLoaded((n) => n + 1));
  }, [heldIds]);
  const [text, setText] = useState('');
  const [users, setUsers] = useState<User[]>([]);
  const [active, setActive] = useState(-1);
  const searchId = `${fieldPathId.$id}-search`;
  const listId = `${fieldPathId.$id}-suggestions`;
  const options = users.map((u) => ({ key: u.id, label: u.display_name }));
  const set = (next: Observer[]) =>
    onChange(
      single
        ? next[0]?.user_id
          ? { user_id: next[0].user_id }
          : undefined
        : next.length > 0
          ? next
          : undefined,
      fieldPathId.path,
    );
  // An observer is a user or a name, never both (a database constraint): names of users stay local.
  const add = (o: Observer, userName?: string) => {
    if (o.user_id && userName) setNames({ ...names, [o.user_id]: userName });
    if (single) set([o]);
    else if (!value.some((v) => (o.user_id ? v.user_id === o.user_id : v.name === o.name)))
      set([...value, o]);
    setText('');
    setUsers([]);
  };
  const search = async (q: string) => {
    setText(q);
    const r = q.trim()
      ? await optional<{ items: User[] }>(`/api/users?q=${encodeURIComponent(q.trim())}`)
      : null;
    setUsers(r?.items ?? []);
    setActive(-1);
  };
  const pickUser = (o: { key: string; label: string }) => add({ user_id: o.key }, o.label);
  const errors = props.errorSchema?.__errors ?? [];
  return (
    <fieldset className="observers" id={fieldPathId.$id}>
      <legend>
        {props.schema.title ?? props.name}
        {props.required ? ' *' : ''}
      </legend>
      <ul className="chips">
        {value.map((o, i) => (
          <li key={o.user_id ?? o.name ?? i}>
            {o.name ?? (o.user_id ? (names[o.user_id] ?? knownUser(o.user_id)) : undefined) ?? o.user_id}
            <button
              type="button"
              aria-label={t('remove')}
              onClick={() => set(value.filter((_, j) => j !== i))}
            >
              ×
            </button>
          </li>
        ))}
      </ul>
      <div className="autocomplete">
        <input
          id={searchId}
          value={text}
          autoComplete="off"
          aria-label={`${t('searchObserver')} (${props.schema.title ?? props.name})`}
          placeholder={t('searchObserver')}
          {...comboboxProps(listId, users.length > 0, active)}
          onChange={(e) => void search(e.target.value)}
          onBlur={() => setTimeout(() => setUsers([]), 200)}
          onKeyDown={(e) => {
            if (listKeys(e, options, active, setActive, pickUser)) return;
            if (e.key === 'Enter') {
              e.preventDefault();
              if (freeText && text.trim()) add({ name: text.trim() });
            }
          }}
        />
        {freeText ? (
          <button type="button" onClick={() => text.trim() && add({ name: text.trim() })}>
            {t('add')}
          </button>
        ) : null}
        <SuggestionList
          id={listId}
          label={t('suggestions')}
          items={options}
          active={active}
          onPick={pickUser}
        />
      </div>
      {errors.map((e) => (
        <p key={e} className="text-danger">
          {e}
        </p>
      ))}
    </fieldset>
  );
}
