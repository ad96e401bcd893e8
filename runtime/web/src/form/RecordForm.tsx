/**
 * Create / edit form of a record: the generated schema and uiSchema (in the reader's language) rendered
 * by RJSF, the level's rules applied live on each change, schema errors worded from the fields' labels
 * and bounds, the server's problems (422, 409…) shown at their fields and listed beside the Save button,
 * and "save and add the next one" that keeps the level's `keep` fields (the chained values of a field
 * session).
 */
import Form from '@rjsf/core';
import type { CustomValidator, ErrorSchema, RJSFSchema, UiSchema } from '@rjsf/utils';
import { customizeValidator, type Localizer } from '@rjsf/validator-ajv8';
import localizeEn from 'ajv-i18n/localize/en/index.js';
import localizeFr from 'ajv-i18n/localize/fr/index.js';
import { useEffect, useMemo, useRef, useState } from 'react';
import { ApiError, type ApiProblem, api, type Json, type LevelForms, levelUrl } from '../api.ts';
import { type Account, useAccount } from '../auth.tsx';
import { type DraftPlace, loadDraft } from '../home/drafts.ts';
import { useHomeT } from '../home/home-i18n.ts';
import { useDraftAutosave } from '../home/use-draft.ts';
import { type Lang, useT } from '../i18n.tsx';
import { ARRAY_BUTTONS, translatorFor } from './array-buttons.tsx';
import { formProblemText, problemText, schemaErrorTransformer } from './error-messages.ts';
import {
  boundProblems,
  decimalProblems,
  defaultsWithinBounds,
  type FormProblem,
  recordCheckProblems,
} from './form-checks.ts';
import { applyRules, type RuleScopes, ruleDefaults, toErrorSchema } from './live-rules.ts';
import { MapField } from './MapField.tsx';
import { ObserversField } from './ObserversField.tsx';
import { RecordWidget } from './RecordWidget.tsx';
import { TaxonWidget, type UnpickedTaxa } from './TaxonWidget.tsx';
import { DatasetWidget, MediaWidget, PlainWidget, VocabularyWidget } from './widgets.tsx';

// Ajv's own messages (keywords we do not word ourselves) in the reader's language.
// ajv-i18n's files are `module.exports = function`; its typings claim a `default` export instead.
const VALIDATORS = {
  fr: customizeValidator({}, localizeFr as unknown as Localizer),
  en: customizeValidator({}, localizeEn as unknown as Localizer),
} satisfies Record<Lang, unknown>;
const templates = { ButtonTemplates: ARRAY_BUTTONS };

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
  /**
   * The records above this one by level key (parent, grandparent…), as rules read them (`site.x`);
   * `parentLevel` names the one read as `parent.x` when the level has a single parent level.
   */
  readonly ancestors?: Readonly<Record<string, Json>>;
  readonly parentLevel?: string;
  readonly onSaved: (saved: Json, next: boolean) => void;
  /** Replaces the POST/PUT to the module's API: the builder's preview checks test values, saving none. */
  readonly submit?: (body: Json) => Promise<Json>;
  /** The server's problems to show at first (a change the server refused, in the offline outbox). */
  readonly problems?: readonly ApiProblem[];
}

/** The server's problems worded from the form's labels: at their fields, and listed by Save. */
function shownProblems(problems: readonly ApiProblem[], forms: LevelForms, lang: Lang) {
  const worded = problems.map((p) => ({ ...p, message: problemText(p, forms, lang) }));
  return { schema: toErrorSchema(worded).schema, lines: worded.map((p) => p.message) };
}

function initialData(
  forms: LevelForms,
  account: Account | null,
  parent: RecordFormProps['parent'],
  scopes: RuleScopes,
  keep?: Json,
) {
  const ruleFields = forms.rules.fields ?? {};
  // today() is no default for a date whose window does not hold today (form-checks.ts).
  const data: Json = defaultsWithinBounds(ruleFields, ruleDefaults(ruleFields, scopes), scopes);
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

/**
 * What the rules read besides the form: the user, the ancestors by their levels' keys, and the parent as
 * `parent` (the one given, else the only parent level's record).
 */
function ruleScopes(
  account: Account | null,
  parent: RecordFormProps['parent'],
  ancestors: RecordFormProps['ancestors'],
  parentLevel: string | undefined,
): RuleScopes {
  const levels: Record<string, Json> = { ...ancestors };
  if (parent?.record) levels[parent.level] = parent.record;
  const parentRecord = parent?.record ?? (parentLevel ? levels[parentLevel] : undefined);
  return {
    userId: account?.id ?? null,
    levels,
    ...(parentRecord ? { parent: parentRecord } : {}),
  };
}

/** Only what a client may send: schema properties and parent links (the envelope is the server's). */
function editable(forms: LevelForms, record: Json): Json {
  const keys = Object.keys((forms.schema.properties as Json) ?? {});
  return Object.fromEntries(
    Object.entries(record).filter(([k, v]) => v !== null && (keys.includes(k) || k.endsWith('_id'))),
  );
}

export function RecordForm(props: RecordFormProps) {
  const { t, lang } = useT();
  const homeT = useHomeT();
  const account = useAccount();
  const { module, level, forms, record, parent } = props;
  const rules = useMemo(() => forms.rules.fields ?? {}, [forms]);
  // The parent and ancestors are loaded before the form mounts and do not change while it is open.
  const [scopes] = useState(() => ruleScopes(account, parent, props.ancestors, props.parentLevel));
  // Taxon boxes holding unpicked text (TaxonWidget), checked before the form is sent.
  const unpicked = useRef<UnpickedTaxa>(new Map()).current;
  // Computed once: the caller mounts one form per record (keyed), with forms and records already loaded;
  // re-deriving it on a later render (a language switch…) would wipe what the user typed.
  // A new record's draft on this device (home/drafts.ts); the builder's preview keeps none.
  const draftPlace: DraftPlace | undefined =
    record || props.submit || !account
      ? undefined
      : {
          user: account.id,
          module,
          level,
          parent: parent ? { level: parent.level, id: parent.id } : undefined,
        };
  const [draft] = useState(() => (draftPlace ? loadDraft(draftPlace) : undefined));
  // How the form opens, without any draft: the draft goes when the form is back to it.
  const [pristine, setPristine] = useState(() =>
    JSON.stringify(
      applyRules(
        forms.schema,
        forms.ui,
        rules,
        record ? editable(forms, record) : initialData(forms, account, parent, scopes),
        scopes,
      ).data,
    ),
  );
  const [data, setData] = useState(() => {
    const base = record
      ? editable(forms, record)
      : draft
        ? { ...draft.data, ...(parent ? { [`${parent.level}_id`]: parent.id } : {}) }
        : initialData(forms, account, parent, scopes);
    return applyRules(forms.schema, forms.ui, rules, base, scopes).data;
  });
  const drafts = useDraftAutosave(draftPlace, data, pristine);
  // Rule defaults of fields hidden when a new record opens (the habitat of a first passage, from its
  // point): filled once, when the field shows, as the server fills a field absent on create.
  const pending = useRef<Json | null>(null);
  if (pending.current === null) {
    const opened = applyRules(forms.schema, forms.ui, rules, data, scopes);
    const defaults = record || draft ? {} : ruleDefaults(rules, scopes);
    pending.current = Object.fromEntries(Object.entries(defaults).filter(([k]) => opened.hidden.has(k)));
  }
  // The schema and uiSchema shown follow the data and the language.
  const view = useMemo(
    () => applyRules(forms.schema, forms.ui, rules, data, scopes),
    [forms, rules, data, scopes],
  );
  const [problems, setProblems] = useState<{ schema: Json; lines: string[] } | null>(() =>
    props.problems?.length ? shownProblems(props.problems, forms, lang) : null,
  );
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  // The form key remounts RJSF (and its map) after "save and add the next one".
  const [round, setRound] = useState(0);
  // A new record's UUID, chosen here: a create sent twice (a lost answer, the offline outbox) is one record.
  const newId = useRef(crypto.randomUUID());
  // Which submit button was pressed: RJSF's onSubmit does not say.
  const nextClicked = useRef(false);
  const problemsBox = useRef<HTMLDivElement>(null);
  const transformErrors = useMemo(() => {
    const worded = schemaErrorTransformer(forms, lang);
    // A taxon typed and not picked says so (customValidate): "required" on top of it would only repeat.
    return (errors: Parameters<typeof worded>[0]) =>
      worded(errors).filter(
        (e) =>
          !(
            e.name === 'required' &&
            unpicked.has(String((e.params as { missingProperty?: unknown })?.missingProperty))
          ),
      );
  }, [forms, lang, unpicked]);
  const translateString = useMemo(() => translatorFor(lang), [lang]);
  // What the server would refuse, found before sending (form-checks.ts), each at its field.
  const customValidate: CustomValidator = (_formData, errors) => {
    const found: FormProblem[] = [
      ...boundProblems(rules, data, scopes, view.hidden),
      ...recordCheckProblems(forms.rules.checks ?? [], view.data, scopes),
      ...decimalProblems(forms.ui, data),
      ...[...unpicked.keys()].map((name) => ({ path: `/${name}`, code: 'taxon_unpicked' })),
    ];
    const schema = errors as unknown as Record<string, { __errors?: string[] } | undefined>;
    for (const problem of found) {
      // A check about the whole record: the form's own error, above the Save button.
      if (problem.path === '') {
        errors.addError(formProblemText(problem, forms, lang));
        continue;
      }
      const key = problem.path.slice(1);
      const node = schema[key] ?? {};
      node.__errors = [...(node.__errors ?? []), formProblemText(problem, forms, lang)];
      schema[key] = node;
    }
    return errors;
  };

  // The user is at the Save button: the server's answer shows there, in view and focused.
  useEffect(() => {
    if (!problems || !problemsBox.current) return;
    problemsBox.current.scrollIntoView({ block: 'center' });
    problemsBox.current.focus();
  }, [problems]);

  const change = (next: Json) => {
    let state = applyRules(forms.schema, forms.ui, rules, next, scopes);
    const waiting = pending.current ?? {};
    const shown = Object.keys(waiting).filter((k) => !state.hidden.has(k));
    if (shown.length > 0) {
      const filled: Json = { ...state.data };
      for (const k of shown) {
        if (filled[k] === undefined || filled[k] === null) filled[k] = waiting[k];
        delete waiting[k];
      }
      state = applyRules(forms.schema, forms.ui, rules, filled, scopes);
    }
    setData(state.data);
  };

  const save = async (next: boolean) => {
    setBusy(true);
    setProblems(null);
    setNotice(null);
    try {
      const body = Object.fromEntries(Object.entries(data).filter(([, v]) => v !== undefined && v !== ''));
      const saved = props.submit
        ? await props.submit(body)
        : record
          ? await api.put<Json>(`${levelUrl(module, level)}/${String(record.id)}`, {
              ...body,
              row_version: record.row_version,
            })
          : await api.post<Json>(levelUrl(module, level), { ...body, id: newId.current });
      drafts.clear();
      newId.current = crypto.randomUUID();
      if (next) {
        const kept = Object.fromEntries(forms.keep.filter((k) => k in data).map((k) => [k, data[k]]));
        const fresh = applyRules(
          forms.schema,
          forms.ui,
          rules,
          initialData(forms, account, parent, scopes, kept),
          scopes,
        );
        setPristine(JSON.stringify(fresh.data));
        setData(fresh.data);
        setRound(round + 1);
        setNotice(t('saved'));
      }
      props.onSaved(saved, next);
    } catch (error) {
      if (error instanceof ApiError && error.problems.length > 0) {
        // Each problem at its field, and every one listed by the Save button (the user is there).
        setProblems(shownProblems(error.problems, forms, lang));
      } else {
        const status = error instanceof ApiError ? error.status : 0;
        setProblems({ schema: {}, lines: [`${t('serverError')}${status ? ` (${status})` : ''}`] });
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <div
      className="record-form"
      data-testid={`form-${level}`}
      onInputCapture={drafts.touch}
      onKeyDownCapture={drafts.touch}
      onPointerDownCapture={drafts.touch}
    >
      {draft ? (
        <p className="notice" role="status" data-testid="draft-restored">
          {homeT('draftRestored')}
        </p>
      ) : null}
      <Form
        key={round}
        {...forms.formProps}
        schema={view.schema as RJSFSchema}
        uiSchema={view.ui as UiSchema}
        formData={view.data}
        validator={VALIDATORS[lang]}
        widgets={widgets}
        fields={fields}
        templates={templates}
        translateString={translateString}
        transformErrors={transformErrors}
        customValidate={customValidate}
        formContext={{ module, recordId: record?.id, unpicked }}
        noHtml5Validate
        focusOnFirstError
        showErrorList={false}
        {...(problems ? { extraErrors: problems.schema as ErrorSchema } : {})}
        onChange={(e) => change((e.formData ?? {}) as Json)}
        onSubmit={() => void save(nextClicked.current)}
        // The errors show at their fields (focusOnFirstError); RJSF would also log them as a console error.
        onError={() => undefined}
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
        {notice ? (
          <p className="notice" role="status">
            {notice}
          </p>
        ) : null}
        {problems ? (
          <div
            className="server-errors"
            role="alert"
            tabIndex={-1}
            ref={problemsBox}
            data-testid="save-problems"
          >
            <p>{t('errors')}</p>
            <ul>
              {problems.lines.map((m) => (
                <li key={m}>{m}</li>
              ))}
            </ul>
          </div>
        ) : null}
      </Form>
    </div>
  );
}
