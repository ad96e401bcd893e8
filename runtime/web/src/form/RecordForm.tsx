/**
 * Create / edit form of a record: the generated schema and uiSchema rendered by RJSF, the level's rules
 * applied live on each change, the server's 422 problems shown at their fields, and "save and add the
 * next one" that keeps the level's `keep` fields (the chained values of a field session).
 */
import Form from '@rjsf/core';
import type { ErrorSchema, RJSFSchema, UiSchema } from '@rjsf/utils';
import validator from '@rjsf/validator-ajv8';
import { useMemo, useRef, useState } from 'react';
import { ApiError, api, type Json, type LevelForms, levelUrl } from '../api.ts';
import { type Account, useAccount } from '../auth.tsx';
import { useT } from '../i18n.tsx';
import { applyRules, ruleDefaults, toErrorSchema } from './live-rules.ts';
import { MapField } from './MapField.tsx';
import { ObserversField } from './ObserversField.tsx';
import { RecordWidget } from './RecordWidget.tsx';
import { TaxonWidget } from './TaxonWidget.tsx';
import { DatasetWidget, MediaWidget, PlainWidget, VocabularyWidget } from './widgets.tsx';

const widgets = {
  vocabulary: VocabularyWidget,
  taxon: TaxonWidget,
  dataset: DatasetWidget,
  media: MediaWidget,
  record: RecordWidget,
  habitat: PlainWidget,
};
// Sections are headings the uiSchema names but the schema does not hold: nothing to edit.
const fields = { map: MapField, observers: ObserversField, section: () => null };

export interface RecordFormProps {
  readonly module: string;
  readonly level: string;
  readonly forms: LevelForms;
  /** The stored record when editing. */
  readonly record?: Json;
  /** The parent link of a new record and the parent record the rules may read. */
  readonly parent?: { readonly level: string; readonly id: string; readonly record?: Json };
  readonly onSaved: (saved: Json, next: boolean) => void;
  /** Replaces the POST/PUT to the module's API: the builder's preview checks test values, saving none. */
  readonly submit?: (body: Json) => Promise<Json>;
}

function initialData(
  forms: LevelForms,
  account: Account | null,
  parent: RecordFormProps['parent'],
  keep?: Json,
) {
  const ruleFields = forms.rules.fields ?? {};
  const data: Json = ruleDefaults(ruleFields, { userId: account?.id ?? null });
  // currentUser() as a user field's default means "me", in the shape the field stores.
  const properties = (forms.schema.properties ?? {}) as Record<string, Json>;
  for (const [key, r] of Object.entries(ruleFields)) {
    if (r.default?.source !== 'currentUser()' || !account) continue;
    const type = properties[key]?.type;
    if (type === 'array') data[key] = [{ user_id: account.id }];
    else if (type === 'object') data[key] = { user_id: account.id };
  }
  if (parent) data[`${parent.level}_id`] = parent.id;
  return { ...data, ...keep };
}

/** Only what a client may send: schema properties and parent links (the envelope is the server's). */
function editable(forms: LevelForms, record: Json): Json {
  const keys = Object.keys((forms.schema.properties as Json) ?? {});
  return Object.fromEntries(
    Object.entries(record).filter(([k, v]) => v !== null && (keys.includes(k) || k.endsWith('_id'))),
  );
}

/** Field titles in the chosen language (the generated schema's titles are French). */
function translated(schema: Json, forms: LevelForms, lang: string): Json {
  if (lang === 'fr' || !forms.labels) return schema;
  const properties = Object.fromEntries(
    Object.entries((schema.properties ?? {}) as Record<string, Json>).map(([key, p]) => {
      const en = forms.labels[key]?.en;
      return [key, en ? { ...p, title: en } : p];
    }),
  );
  return { ...schema, properties };
}

export function RecordForm(props: RecordFormProps) {
  const { t, lang } = useT();
  const account = useAccount();
  const { module, level, forms, record, parent } = props;
  const scopes = useMemo(
    () => ({ userId: account?.id ?? null, ...(parent?.record ? { parent: parent.record } : {}) }),
    [account, parent?.record],
  );
  // Computed once: the caller mounts one form per record (keyed), with forms and records already loaded;
  // re-deriving it on a later render (a language switch…) would wipe what the user typed.
  const [state, setState] = useState(() => {
    const base = record ? editable(forms, record) : initialData(forms, account, parent);
    return applyRules(forms.schema, forms.ui, forms.rules.fields ?? {}, base, scopes);
  });
  const [problems, setProblems] = useState<{ schema: Json; unplaced: string[] } | null>(null);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  // The form key remounts RJSF (and its map) after "save and add the next one".
  const [round, setRound] = useState(0);
  // Which submit button was pressed: RJSF's onSubmit does not say.
  const nextClicked = useRef(false);

  const change = (data: Json) =>
    setState(applyRules(forms.schema, forms.ui, forms.rules.fields ?? {}, data, scopes));

  const save = async (next: boolean) => {
    setBusy(true);
    setProblems(null);
    setNotice(null);
    try {
      const body = Object.fromEntries(
        Object.entries(state.data).filter(([, v]) => v !== undefined && v !== ''),
      );
      const saved = props.submit
        ? await props.submit(body)
        : record
          ? await api.put<Json>(`${levelUrl(module, level)}/${String(record.id)}`, {
              ...body,
              row_version: record.row_version,
            })
          : await api.post<Json>(levelUrl(module, level), body);
      if (next) {
        const kept = Object.fromEntries(
          forms.keep.filter((k) => k in state.data).map((k) => [k, state.data[k]]),
        );
        change(initialData(forms, account, parent, kept));
        setRound(round + 1);
        setNotice(t('saved'));
      }
      props.onSaved(saved, next);
    } catch (error) {
      if (error instanceof ApiError && error.problems.length > 0) {
        const shown = (state.schema.properties as Json | undefined) ?? {};
        const placed = toErrorSchema(error.problems);
        // A problem on a field the form does not show (a parent link…) is listed above the form.
        const elsewhere = error.problems.filter((p) => !((p.path.split('/')[1] ?? '') in shown));
        setProblems({
          schema: placed.schema,
          unplaced: [...placed.unplaced, ...elsewhere.map((p) => p.message)],
        });
      } else setProblems({ schema: {}, unplaced: [(error as Error).message] });
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="record-form" data-testid={`form-${level}`}>
      {notice ? <p className="notice">{notice}</p> : null}
      {problems ? (
        <div className="server-errors" role="alert">
          <p>{t('errors')}</p>
          <ul>
            {problems.unplaced.map((m) => (
              <li key={m}>{m}</li>
            ))}
          </ul>
        </div>
      ) : null}
      <Form
        key={round}
        {...forms.formProps}
        schema={translated(state.schema, forms, lang) as RJSFSchema}
        uiSchema={state.ui as UiSchema}
        formData={state.data}
        validator={validator}
        widgets={widgets}
        fields={fields}
        formContext={{ module, recordId: record?.id }}
        noHtml5Validate
        showErrorList={false}
        {...(problems ? { extraErrors: problems.schema as ErrorSchema } : {})}
        onChange={(e) => change((e.formData ?? {}) as Json)}
        onSubmit={() => void save(nextClicked.current)}
      >
        <div className="actions">
          <button
            type="submit"
            className="primary"
            disabled={busy}
            onClick={() => {
              nextClicked.current = false;
            }}
          >
            {t('save')}
          </button>
          {record ? null : (
            <button
              type="submit"
              disabled={busy}
              onClick={() => {
                nextClicked.current = true;
              }}
            >
              {t('saveNext')}
            </button>
          )}
        </div>
      </Form>
    </div>
  );
}
