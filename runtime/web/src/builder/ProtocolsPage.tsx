/**
 * The protocols page: installed protocols with their versions, drafts (who saved them, when), and four
 * ways to start a draft: from scratch, from an example, from a protocol.json file, or from a GeoNature
 * Monitoring folder as a zip (the importer's report is shown before opening the draft).
 */
import { type FormEvent, useContext, useEffect, useId, useState } from 'react';
import { ApiError, type Json, type Labels } from '../api.ts';
import { LangContext } from '../i18n.tsx';
import { Problems } from '../pages/admin/Problems.tsx';
import { navigate, onLink } from '../router.ts';
import { builderApi, type NewDraft, type ProtocolsAnswer, uploadGeonature } from './builder-api.ts';
import { useBuilderT } from './builder-i18n.ts';
import { asLabels, TextInput } from './inputs.tsx';

const draftHref = (id: string) => `/builder/${encodeURIComponent(id)}`;

function useLabel() {
  const lang = useContext(LangContext);
  return (l: Labels | string | undefined) => {
    const labels = asLabels(l);
    return (lang === 'en' ? labels.en : undefined) || labels.fr;
  };
}

export function ProtocolsPage() {
  const b = useBuilderT();
  const label = useLabel();
  const lang = useContext(LangContext);
  const [data, setData] = useState<ProtocolsAnswer | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const [report, setReport] = useState<{ id: string; report: Json } | null>(null);
  const reload = () =>
    builderApi
      .protocols()
      .then(setData)
      .catch((e: Error) => setError(e));
  // biome-ignore lint/correctness/useExhaustiveDependencies: loaded once on arrival
  useEffect(() => void reload(), []);

  const create = async (body: NewDraft) => {
    setError(null);
    try {
      const draft = await builderApi.create(body);
      navigate(draftHref(draft.id));
    } catch (e) {
      setError(e as Error);
    }
  };

  if (error instanceof ApiError && error.status === 403) return <p>{b('forbidden')}</p>;
  return (
    <div className="builder-protocols">
      <h2>{b('protocols')}</h2>
      <Problems error={error} />
      {!data ? <p className="hint">{b('loading')}</p> : null}
      {data ? (
        <>
          <section aria-labelledby="b-installed">
            <h3 id="b-installed">{b('installed')}</h3>
            <table>
              <thead>
                <tr>
                  <th>{b('code')}</th>
                  <th>{b('labelFr').replace(/ \(.*\)$/, '')}</th>
                  <th>{b('version')}</th>
                  <th />
                </tr>
              </thead>
              <tbody>
                {data.installed.map((p) => (
                  <tr key={p.code}>
                    <td data-label={b('code')}>
                      <code>{p.code}</code>
                    </td>
                    <td data-label={b('labelFr').replace(/ \(.*\)$/, '')}>{label(p.label)}</td>
                    <td data-label={b('version')}>
                      {p.version}
                      {p.pendingUpgrade ? <span className="hint"> ({b('pending')})</span> : null}
                    </td>
                    <td>
                      <button
                        type="button"
                        onClick={() => void create({ from: 'installed', code: p.code })}
                        aria-label={`${b('editNew')} ${p.code}`}
                      >
                        {b('editNew')}
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
          <section aria-labelledby="b-drafts">
            <h3 id="b-drafts">{b('drafts')}</h3>
            {data.drafts.length === 0 ? <p className="hint">{b('noDrafts')}</p> : null}
            <ul className="b-drafts">
              {data.drafts.map((d) => (
                <li key={d.id}>
                  <a href={draftHref(d.id)} onClick={(e) => onLink(e, draftHref(d.id))}>
                    <code>{d.code}</code> {label(d.label)}
                  </a>{' '}
                  <span className="hint">
                    {d.base_version !== null ? `v${d.base_version} · ` : ''}
                    {b('savedBy', {
                      who: d.updated_by?.login ?? '—',
                      when: new Date(d.updated_at).toLocaleString(lang === 'en' ? 'en-GB' : 'fr-FR'),
                    })}
                  </span>{' '}
                  <button
                    type="button"
                    className="danger"
                    aria-label={`${b('deleteDraft')} ${d.code}`}
                    onClick={() => {
                      if (window.confirm(b('confirmDelete')))
                        void builderApi.remove(d.id).then(reload, setError);
                    }}
                  >
                    ✕
                  </button>
                </li>
              ))}
            </ul>
          </section>
          <NewProtocol examples={data.examples} create={create} onImported={setReport} onError={setError} />
          {report ? (
            <section className="b-import-report" aria-labelledby="b-report">
              <h3 id="b-report">{b('importReport')}</h3>
              <textarea
                aria-label={b('importReport')}
                readOnly
                rows={14}
                value={JSON.stringify(report.report, null, 2)}
              />
              <a
                className="button"
                href={draftHref(report.id)}
                onClick={(e) => onLink(e, draftHref(report.id))}
              >
                {b('openDraft')}
              </a>
            </section>
          ) : null}
        </>
      ) : null}
    </div>
  );
}

function NewProtocol(props: {
  readonly examples: ProtocolsAnswer['examples'];
  readonly create: (body: NewDraft) => Promise<void>;
  readonly onImported: (r: { id: string; report: Json }) => void;
  readonly onError: (e: Error) => void;
}) {
  const b = useBuilderT();
  const label = useLabel();
  const [code, setCode] = useState('');
  const [labels, setLabels] = useState<{ fr?: string; en?: string }>({});
  const [example, setExample] = useState('');
  const exampleId = useId();
  const specId = useId();
  const zipId = useId();
  const blank = (e: FormEvent) => {
    e.preventDefault();
    void props.create({
      from: 'blank',
      code,
      label: { fr: labels.fr ?? '', ...(labels.en ? { en: labels.en } : {}) },
    });
  };
  const fromSpec = async (file: File | undefined) => {
    if (!file) return;
    try {
      const spec: unknown = JSON.parse(await file.text());
      await props.create({ from: 'spec', spec: spec as Json });
    } catch (e) {
      props.onError(e instanceof SyntaxError ? new Error(b('notJson')) : (e as Error));
    }
  };
  const fromZip = async (file: File | undefined) => {
    if (!file) return;
    try {
      const answer = await uploadGeonature(file);
      props.onImported({ id: answer.draft.id, report: answer.report });
    } catch (e) {
      props.onError(e as Error);
    }
  };
  return (
    <section aria-labelledby="b-new" className="b-new">
      <h3 id="b-new">{b('newProtocol')}</h3>
      <form className="b-card" onSubmit={blank} aria-label={b('fromScratch')}>
        <h4>{b('fromScratch')}</h4>
        <TextInput
          name="code"
          label={b('code')}
          hint={b('codeHint')}
          value={code}
          onValue={(v) => setCode(String(v ?? ''))}
        />
        <TextInput
          name="label_fr"
          label={b('labelFr')}
          value={labels.fr}
          onValue={(v) => setLabels({ ...labels, fr: v as string })}
        />
        <TextInput
          name="label_en"
          label={b('labelEn')}
          value={labels.en}
          onValue={(v) => setLabels({ ...labels, en: v as string })}
        />
        <button type="submit" className="primary">
          {b('create')}
        </button>
      </form>
      <form
        className="b-card"
        aria-label={b('fromExample')}
        onSubmit={(e) => {
          e.preventDefault();
          if (example) void props.create({ from: 'example', name: example });
        }}
      >
        <h4>{b('fromExample')}</h4>
        <label htmlFor={exampleId}>{b('example')}</label>
        <select id={exampleId} name="example" value={example} onChange={(e) => setExample(e.target.value)}>
          <option value="">—</option>
          {props.examples.map((x) => (
            <option key={x.name} value={x.name}>
              {x.code} — {label(x.label)}
            </option>
          ))}
        </select>
        <button type="submit">{b('create')}</button>
      </form>
      <div className="b-card">
        <h4>{b('fromSpec')}</h4>
        <label htmlFor={specId}>{b('file')} (.json)</label>
        <input
          id={specId}
          type="file"
          accept="application/json,.json"
          onChange={(e) => void fromSpec(e.target.files?.[0])}
        />
      </div>
      <div className="b-card">
        <h4>{b('fromGeonature')}</h4>
        <label htmlFor={zipId}>{b('file')} (.zip)</label>
        <input
          id={zipId}
          type="file"
          accept="application/zip,.zip"
          onChange={(e) => void fromZip(e.target.files?.[0])}
        />
      </div>
    </section>
  );
}
