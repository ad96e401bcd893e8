/**
 * Publishing: the diff against the installed version (changes grouped by class, in the reader's
 * language) and the migration plan with the rows a dry run found for data-dependent steps; then
 * Publish. A new protocol is installed; an installed one is upgraded live. Success links to the module;
 * a refusal shows the diagnostics or the upgrade report.
 */
import { useContext, useEffect, useRef, useState } from 'react';
import { CHANGE_CLASS_LABELS } from '../../../../protocol-specs/evolution/class-labels.ts';
import type { Json } from '../api.ts';
import { LangContext } from '../i18n.tsx';
import { UpgradeReportView } from '../pages/admin/UpgradeReportView.tsx';
import { onLink } from '../router.ts';
import { builderApi, type DiffAnswer, type PlanAnswer, type UpgradeReport } from './builder-api.ts';
import { useBuilderT } from './builder-i18n.ts';

export type PublishOutcome =
  | { readonly ok: true; readonly code: string; readonly version: number }
  | { readonly ok: false; readonly status: number; readonly body: unknown };

export function PublishDialog(props: {
  readonly spec: Json;
  readonly hasErrors: boolean;
  readonly onRaiseVersion: (version: number) => void;
  readonly publish: () => Promise<PublishOutcome>;
  readonly onClose: () => void;
}) {
  const b = useBuilderT();
  const lang = useContext(LangContext);
  const dialog = useRef<HTMLDialogElement | null>(null);
  const [diff, setDiff] = useState<DiffAnswer | null>(null);
  const [plan, setPlan] = useState<PlanAnswer | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<PublishOutcome | null>(null);
  const { spec, onRaiseVersion } = props;

  useEffect(() => {
    const d = dialog.current;
    if (d && !d.open) d.showModal();
  }, []);

  useEffect(() => {
    let live = true;
    setFailure(null);
    void (async () => {
      try {
        const answer = await builderApi.diff(spec);
        if (!live) return;
        const version = typeof spec.version === 'number' ? spec.version : 0;
        // A published change needs a higher version: raise it here rather than let the validator refuse.
        if (answer.installed !== null && version <= answer.installed) {
          onRaiseVersion(answer.installed + 1);
          return;
        }
        setDiff(answer);
        const planned = await builderApi.plan(spec);
        if (live) setPlan(planned);
      } catch (error) {
        if (live) setFailure((error as Error).message);
      }
    })();
    return () => {
      live = false;
    };
  }, [spec, onRaiseVersion]);

  const publish = async () => {
    setBusy(true);
    try {
      setOutcome(await props.publish());
    } finally {
      setBusy(false);
    }
  };

  const changes = diff?.diff.changes ?? [];
  const rows = new Map((plan?.dryRun?.steps ?? []).map((s) => [s.id, s.rows]));
  return (
    <dialog ref={dialog} className="b-dialog" aria-labelledby="b-publish-title" onClose={props.onClose}>
      <h2 id="b-publish-title">{b('publishTitle')}</h2>
      {failure ? <p className="text-danger">{failure}</p> : null}
      {props.hasErrors ? <p className="text-danger">{b('hasErrors')}</p> : null}
      {diff ? (
        <p>
          {diff.installed === null
            ? b('newModule')
            : b('versionRaised', { from: diff.installed, to: String(spec.version) })}
        </p>
      ) : (
        <p className="hint">{b('loading')}</p>
      )}
      {diff && diff.installed !== null ? (
        <section aria-labelledby="b-changes-title">
          <h3 id="b-changes-title">{b('changes')}</h3>
          {changes.length === 0 ? <p className="hint">{b('noChanges')}</p> : null}
          <ul className="b-changes">
            {changes.map((c) => (
              <li key={`${c.path}:${c.kind}:${c.message.en}`} className={`class-${c.class}`}>
                <span className="b-class">{CHANGE_CLASS_LABELS[c.class][lang]}</span> {c.message[lang]}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {plan?.plan ? (
        <section aria-labelledby="b-plan-title">
          <h3 id="b-plan-title">{b('plan')}</h3>
          <ol className="b-plan">
            {plan.plan.steps.map((s) => (
              <li key={s.id}>
                <span className="b-class">{CHANGE_CLASS_LABELS[s.class][lang]}</span>{' '}
                {(lang === 'en' ? s.description.en : undefined) ?? s.description.fr} <code>{s.id}</code>
                {rows.has(s.id) && rows.get(s.id) !== undefined ? (
                  <strong> — {b('rowsFound', { n: rows.get(s.id) ?? 0 })}</strong>
                ) : null}
              </li>
            ))}
          </ol>
        </section>
      ) : null}
      {outcome?.ok ? (
        <p className="notice" role="status">
          {b('published', { code: outcome.code, version: outcome.version })}{' '}
          <a href={`/m/${outcome.code}`} onClick={(e) => onLink(e, `/m/${outcome.code}`)}>
            {b('openModule')}
          </a>
        </p>
      ) : null}
      {outcome && !outcome.ok ? <Refusal body={outcome.body} /> : null}
      <div className="actions">
        {outcome?.ok ? null : (
          <button
            type="button"
            className="primary"
            disabled={busy || !diff || props.hasErrors}
            onClick={() => void publish()}
          >
            {b('confirmPublish')}
          </button>
        )}
        <button type="button" onClick={() => dialog.current?.close()}>
          {b('close')}
        </button>
      </div>
    </dialog>
  );
}

/** What the server said when it refused: problems/diagnostics as a list, an upgrade report as a table. */
function Refusal(props: { readonly body: unknown }) {
  const b = useBuilderT();
  const body = props.body as Json | Json[] | null;
  const report =
    !Array.isArray(body) && body && typeof body === 'object' && 'steps' in body
      ? (body as unknown as UpgradeReport)
      : null;
  const nested =
    !Array.isArray(body) && body?.report && typeof body.report === 'object'
      ? (body.report as UpgradeReport)
      : null;
  const list: Json[] = Array.isArray(body)
    ? body
    : Array.isArray(body?.diagnostics)
      ? (body.diagnostics as Json[])
      : [];
  return (
    <div className="server-errors" role="alert">
      <p>{b('refused')}</p>
      {report || nested ? <UpgradeReportView report={(report ?? nested) as UpgradeReport} /> : null}
      <ul>
        {list.map((p) => (
          <li key={`${String(p.path)}:${String(p.message)}`}>
            <code>{String(p.path ?? '')}</code> {String(p.message ?? '')}
          </li>
        ))}
        {!report && !nested && list.length === 0 ? <li>{JSON.stringify(body)}</li> : null}
      </ul>
    </div>
  );
}
