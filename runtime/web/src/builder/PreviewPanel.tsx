/**
 * The live preview: the form of a chosen level rendered by the partners' RecordForm from the preview's
 * generated `forms`, so rules show, hide, require and compute fields as the designer types test
 * values; nothing is saved. Read-only tabs show the generated data dictionary, SQL and OpenAPI.
 */
import { useContext, useEffect, useId, useState } from 'react';
import type { Json } from '../api.ts';
import { RecordForm } from '../form/RecordForm.tsx';
import { LangContext } from '../i18n.tsx';
import type { PreviewAnswer } from './builder-api.ts';
import { useBuilderT } from './builder-i18n.ts';
import { asLabels } from './inputs.tsx';

/** A short fingerprint of the generated forms (djb2): a changed form remounts the renderer. */
function hash(text: string): string {
  let h = 5381;
  for (let i = 0; i < text.length; i++) h = ((h << 5) + h + text.charCodeAt(i)) | 0;
  return (h >>> 0).toString(36);
}

type Tab = 'form' | 'dictionary' | 'sql' | 'openapi';

export function PreviewPanel(props: { readonly preview: PreviewAnswer | null; readonly code: string }) {
  const b = useBuilderT();
  const lang = useContext(LangContext);
  const [tab, setTab] = useState<Tab>('form');
  const [levelKey, setLevelKey] = useState<string>('');
  const [checked, setChecked] = useState(false);
  const selectId = useId();
  const levels = props.preview?.levels ?? [];
  const level = levels.find((l) => l.key === levelKey) ?? levels[0];
  // biome-ignore lint/correctness/useExhaustiveDependencies: another level starts unchecked
  useEffect(() => setChecked(false), [levelKey]);
  const tabs: readonly Tab[] = ['form', 'dictionary', 'sql', 'openapi'];
  const words: Record<Tab, string> = {
    form: b('previewForm'),
    dictionary: b('dictionary'),
    sql: b('sql'),
    openapi: b('openapi'),
  };
  const files = props.preview?.files;
  return (
    <section className="b-preview" aria-labelledby="b-preview-title">
      <h3 id="b-preview-title">{b('preview')}</h3>
      <div role="tablist" className="b-tabs">
        {tabs.map((t) => (
          <button key={t} type="button" role="tab" aria-selected={tab === t} onClick={() => setTab(t)}>
            {words[t]}
          </button>
        ))}
      </div>
      {!props.preview || levels.length === 0 ? (
        <p className="hint">{b('previewInvalid')}</p>
      ) : tab === 'form' && level ? (
        <div role="tabpanel" aria-label={words.form}>
          <label htmlFor={selectId}>{b('previewLevel')}</label>{' '}
          <select
            id={selectId}
            name="preview_level"
            value={level.key}
            onChange={(e) => setLevelKey(e.target.value)}
          >
            {levels.map((l) => {
              const labels = asLabels(l.label);
              return (
                <option key={l.key} value={l.key}>
                  {(lang === 'en' ? labels.en : undefined) || labels.fr}
                </option>
              );
            })}
          </select>
          {checked ? (
            <p className="notice" role="status">
              {b('previewChecked')}
            </p>
          ) : null}
          <RecordForm
            // A new form for each generated version: the renderer computes its state once.
            key={`${level.key}:${hash(JSON.stringify(level.forms))}`}
            module={props.code}
            level={level.key}
            forms={{ keep: [], labels: {}, columns: [], formProps: {}, ...level.forms }}
            submit={async (body: Json) => body}
            onSaved={() => setChecked(true)}
          />
        </div>
      ) : (
        <textarea
          aria-label={words[tab]}
          className="b-file"
          readOnly
          rows={30}
          value={
            (tab === 'dictionary'
              ? files?.dictionary
              : tab === 'sql'
                ? files?.sql
                : JSON.stringify(files?.openapi, null, 2)) ?? ''
          }
        />
      )}
    </section>
  );
}
