/** /import/jobs/<id>: one import — progress while it runs, counts, problems, the report, rollback. */
import { useState } from 'react';
import { api, type ModuleSummary } from '../api.ts';
import { formatDate } from '../format.ts';
import { useT } from '../i18n.tsx';
import { usePageTitle } from '../page-title.ts';
import { onLink } from '../router.ts';
import { jobUrl } from './import-api.ts';
import { useImportT } from './import-i18n.ts';
import { JobSummary } from './JobSummary.tsx';
import { Problems } from './Problems.tsx';
import { useJob } from './use-job.ts';

export function JobPage(props: { id: string; modules: readonly ModuleSummary[] }) {
  const t = useImportT();
  const { lang, label, colon } = useT();
  usePageTitle(t('jobs'));
  const { detail, error, reload } = useJob(props.id);
  const [confirming, setConfirming] = useState(false);
  const [rollbackError, setRollbackError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  if (error) return <Problems error={error} />;
  if (!detail) return <p role="status">…</p>;
  const { job } = detail;
  const module = props.modules.find((m) => m.code === job.module_code);
  const canRollBack = job.status === 'done' && !job.dry_run;
  return (
    <section className="import" aria-labelledby="job-title">
      <nav className="breadcrumb" aria-label={t('jobs')}>
        <a
          href={`/import/jobs?module=${job.module_code}`}
          onClick={(e) => onLink(e, `/import/jobs?module=${job.module_code}`)}
        >
          {t('jobs')} — {module ? label(module.label) : job.module_code}
        </a>
      </nav>
      <h2 id="job-title">
        {t('file')}
        {colon}
        {job.file_name}
      </h2>
      <p className="hint">
        {job.provider} · {job.level_key} · {t(`mode_${job.mode}`)} · {t('who')} {job.created_by_name ?? '—'} ·{' '}
        {formatDate(job.created_at, lang)}
      </p>
      <JobSummary job={job} problems={detail.problems} total={detail.problems_total} />
      <div className="import-actions">
        {detail.problems_total > 0 ? (
          <>
            <a className="button" href={`${jobUrl(job.id)}/report?format=csv`} download>
              {t('reportCsv')}
            </a>
            <a className="button" href={`${jobUrl(job.id)}/report?format=xlsx`} download>
              {t('reportXlsx')}
            </a>
          </>
        ) : null}
        {canRollBack && !confirming ? (
          <button type="button" className="danger" onClick={() => setConfirming(true)}>
            {t('rollback')}
          </button>
        ) : null}
      </div>
      {confirming ? (
        <div className="confirm" role="alertdialog" aria-labelledby="rollback-q">
          <p id="rollback-q">{t('rollbackConfirm')}</p>
          <div className="import-actions">
            <button
              type="button"
              className="danger"
              disabled={busy}
              onClick={async () => {
                setBusy(true);
                setRollbackError(undefined);
                try {
                  await api.post(`${jobUrl(job.id)}/rollback`, {});
                  setConfirming(false);
                  reload();
                } catch (e) {
                  setRollbackError(e);
                } finally {
                  setBusy(false);
                }
              }}
            >
              {t('confirm')}
            </button>
            <button type="button" onClick={() => setConfirming(false)}>
              {t('cancel')}
            </button>
          </div>
        </div>
      ) : null}
      <Problems error={rollbackError} />
    </section>
  );
}
