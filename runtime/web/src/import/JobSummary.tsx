/** A job's state: status, progress bar, the counts (read = inserted + updated + rejected + skipped), the problems per row and field. */
import type { ImportProblem } from '../../../import/template.ts';
import { formatNumber } from '../format.ts';
import { useT } from '../i18n.tsx';
import type { Job } from './import-api.ts';
import { useImportT } from './import-i18n.ts';

const COUNTS = ['rows_read', 'inserted', 'updated', 'rejected', 'skipped'] as const;
const COUNT_WORD = {
  rows_read: 'rowsRead',
  inserted: 'inserted',
  updated: 'updated',
  rejected: 'rejected',
  skipped: 'skipped',
} as const;

export function useJobStatusText() {
  const t = useImportT();
  return (job: Job) => t(`status_${job.status}`);
}

export function JobSummary(props: { job: Job; problems: readonly ImportProblem[]; total: number }) {
  const t = useImportT();
  const { lang, colon } = useT();
  const { job } = props;
  const done = job.progress?.rows_done ?? job.counts.rows_read;
  const total = job.progress?.rows_total;
  const running = job.status === 'queued' || job.status === 'running';
  // The cell is shown when the engine reports it (the downloadable report always has the row's values).
  const withValues = props.problems.some((p) => p.value !== undefined && p.value !== '');
  return (
    <div className="job-summary">
      <p>
        {t('status')}
        {colon}
        <strong className={`job-status ${job.status}`}>{t(`status_${job.status}`)}</strong>
        {job.dry_run ? ` — ${t('dryRun')}` : ''}
      </p>
      {running ? (
        <div className="job-progress">
          {t('progress')}
          {total ? (
            <progress aria-label={t('progress')} max={total} value={done}>
              {done}/{total}
            </progress>
          ) : (
            <progress aria-label={t('progress')} />
          )}
          <span>
            {formatNumber(done, lang)}
            {total ? ` / ${formatNumber(total, lang)}` : ''}
          </span>
        </div>
      ) : null}
      <dl className="job-counts">
        {COUNTS.map((k) => (
          <div key={k} className={`count-${k}`}>
            <dt>{t(COUNT_WORD[k])}</dt>
            <dd>{formatNumber(job.counts[k], lang)}</dd>
          </div>
        ))}
      </dl>
      {job.error ? <p className="text-danger">{job.error}</p> : null}
      {props.problems.length > 0 ? (
        <figure className="job-problems">
          <figcaption>
            {t('problems')} (
            {props.total > props.problems.length
              ? t('problemsFirst', { n: props.problems.length, total: props.total })
              : props.total}
            )
          </figcaption>
          {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard */}
          <section className="scroll-x" tabIndex={0} aria-label={t('problems')}>
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('row')}</th>
                  <th scope="col">{t('field')}</th>
                  {withValues ? <th scope="col">{t('value')}</th> : null}
                  <th scope="col">{t('reason')}</th>
                </tr>
              </thead>
              <tbody>
                {props.problems.map((p, i) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: a row may have two problems on one field
                  <tr key={i}>
                    <td>{p.row}</td>
                    <td>
                      {p.field ? `${p.level}.${p.field}` : p.level}
                      {p.column ? <small> ({p.column})</small> : null}
                    </td>
                    {withValues ? <td>{p.value ?? ''}</td> : null}
                    <td>{lang === 'en' ? p.message.en : p.message.fr}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        </figure>
      ) : null}
    </div>
  );
}
