/**
 * One installed module on the admin page: version, install date, rows, history, its pending upgrade
 * with the plan's steps by class, and the buttons: preview (dry run), upgrade, uninstall (archive, after
 * typing the module's code). Results and refusals are shown in place.
 */
import { useState } from 'react';
import { ApiError, api } from '../../api.ts';
import { formatDate } from '../../format.ts';
import { useT } from '../../i18n.tsx';
import { useAdminT } from './admin-i18n.ts';
import type { AdminModule, UpgradeReport } from './modules-api.ts';
import { Problems } from './Problems.tsx';
import { UpgradeReportView } from './UpgradeReportView.tsx';

type Outcome = { kind: 'report'; report: UpgradeReport } | { kind: 'error'; error: Error } | null;

/** The report a refusal carries (409 `upgrade_refused`), if it is one. */
const refusal = (error: unknown): UpgradeReport | undefined =>
  error instanceof ApiError
    ? ((error.problems[0] as { report?: UpgradeReport } | undefined)?.report ?? undefined)
    : undefined;

/** `onChange(notice)`: the list must be read again; `notice` says what happened to a module that left it. */
export function ModuleCard(props: { module: AdminModule; onChange: (notice?: string) => void }) {
  const a = useAdminT();
  const { label, t, lang, colon } = useT();
  const { module } = props;
  const [outcome, setOutcome] = useState<Outcome>(null);
  const [confirming, setConfirming] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const pending = module.pending;
  const base = `/api/admin/modules/${encodeURIComponent(module.code)}`;

  const upgrade = async (dryRun: boolean) => {
    setBusy(true);
    try {
      const answer = await api.post<{ report: UpgradeReport }>(`${base}/upgrade`, { dryRun });
      setOutcome({ kind: 'report', report: answer.report });
      if (!dryRun) props.onChange();
    } catch (error) {
      const report = refusal(error);
      setOutcome(report ? { kind: 'report', report } : { kind: 'error', error: error as Error });
    } finally {
      setBusy(false);
    }
  };
  const uninstall = async () => {
    setBusy(true);
    try {
      const answer = await api.post<{ archive: string }>(`${base}/uninstall`, { confirm: confirming });
      setConfirming(null);
      props.onChange(`${module.code} : ${a('archived', { schema: answer.archive })}`);
    } catch (error) {
      setOutcome({ kind: 'error', error: error as Error });
    } finally {
      setBusy(false);
    }
  };
  const rows = module.rows ? Object.values(module.rows).reduce((sum, n) => sum + n, 0) : null;

  return (
    <article className="module-card" data-module={module.code}>
      <h3>
        {label(module.label)} <code>{module.code}</code>
      </h3>
      <p>
        {a('version')} {module.served_version ?? module.version} · {a('installedAt')}{' '}
        {formatDate(module.installed_at, lang)}
        {module.installed_by ? ` ${a('installedBy')} ${module.installed_by.login}` : ''}
        {rows === null ? '' : ` · ${a('records')}${colon}${rows}`}
      </p>
      <p className="muted">
        {a('history')}
        {colon}
        {module.history.map((h) => `v${h.version} ${h.change}`).join(', ')}
      </p>
      {pending ? (
        <section className="pending" aria-label={a('pendingUpgrade')}>
          <h4>
            {pending.kind === 'upgrade' ? a('pendingUpgrade') : a('failedModule')} (
            {a('pendingFrom', { from: pending.installed_version ?? '?', to: pending.folder_version ?? '?' })})
          </h4>
          <p>{pending.serving ? a('servingInstalled') : a('notServed')}</p>
          {pending.kind === 'failed' ? <p className="muted">{pending.reason}</p> : null}
          {pending.kind === 'failed' ? null : pending.plan.found ? (
            <ul className="steps">
              {pending.plan.steps.map((s) => (
                <li key={`${s.plan}:${s.id}`}>
                  <span className={`class class-${s.class}`}>{a(`class_${s.class}`)}</span>{' '}
                  {label(s.description)}
                </li>
              ))}
            </ul>
          ) : (
            <p>{a('noPlan')}</p>
          )}
        </section>
      ) : null}
      <div className="actions">
        {pending?.kind === 'upgrade' ? (
          <>
            <button type="button" disabled={busy} onClick={() => void upgrade(true)}>
              {a('dryRun')}
            </button>
            <button type="button" className="primary" disabled={busy} onClick={() => void upgrade(false)}>
              {a('upgrade')}
            </button>
          </>
        ) : null}
        <button type="button" disabled={busy} onClick={() => setConfirming('')}>
          {a('uninstall')}
        </button>
      </div>
      {confirming !== null ? (
        <div role="dialog" aria-label={a('uninstall')} className="confirm">
          <label>
            {a('uninstallConfirm', { code: module.code })}
            <input name="confirm" value={confirming} onChange={(e) => setConfirming(e.target.value)} />
          </label>
          <button
            type="button"
            className="danger"
            disabled={busy || confirming !== module.code}
            onClick={() => void uninstall()}
          >
            {a('confirm')}
          </button>
          <button type="button" onClick={() => setConfirming(null)}>
            {t('cancel')}
          </button>
        </div>
      ) : null}
      {outcome?.kind === 'report' ? <UpgradeReportView report={outcome.report} /> : null}
      {outcome?.kind === 'error' ? <Problems error={outcome.error} /> : null}
    </article>
  );
}
