/** /import/jobs?module=<code>: the module's imports, newest first, each a link to its page. */
import type { ModuleSummary } from '../api.ts';
import { formatDate, formatNumber } from '../format.ts';
import { useT } from '../i18n.tsx';
import { usePageTitle } from '../page-title.ts';
import { navigate, onLink } from '../router.ts';
import { type Job, useGet } from './import-api.ts';
import { useImportT } from './import-i18n.ts';
import { Problems } from './Problems.tsx';

export function JobList(props: { modules: readonly ModuleSummary[]; module: string }) {
  const t = useImportT();
  const { lang, label } = useT();
  usePageTitle(t('jobs'));
  const jobs = useGet<{ jobs: Job[] }>(`/api/import/jobs?module=${encodeURIComponent(props.module)}`);
  return (
    <section className="import" aria-labelledby="jobs-title">
      <h2 id="jobs-title">{t('jobsOf')}</h2>
      <div className="import-actions">
        <label>
          {t('module')}
          <select value={props.module} onChange={(e) => navigate(`/import/jobs?module=${e.target.value}`)}>
            {props.modules.map((m) => (
              <option key={m.code} value={m.code}>
                {label(m.label)}
              </option>
            ))}
          </select>
        </label>
        <a className="button primary" href="/import" onClick={(e) => onLink(e, '/import')}>
          {t('title')}
        </a>
      </div>
      <Problems error={jobs.error} />
      {jobs.data && jobs.data.jobs.length === 0 ? <p>{t('noJobs')}</p> : null}
      {jobs.data && jobs.data.jobs.length > 0 ? (
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard
        <section className="scroll-x" tabIndex={0} aria-label={t('jobs')}>
          <table>
            <thead>
              <tr>
                <th scope="col">{t('when')}</th>
                <th scope="col">{t('file')}</th>
                <th scope="col">{t('provider')}</th>
                <th scope="col">{t('status')}</th>
                <th scope="col">{t('inserted')}</th>
                <th scope="col">{t('rejected')}</th>
              </tr>
            </thead>
            <tbody>
              {jobs.data.jobs.map((j) => (
                <tr key={j.id}>
                  <td>
                    <a href={`/import/jobs/${j.id}`} onClick={(e) => onLink(e, `/import/jobs/${j.id}`)}>
                      {formatDate(j.created_at, lang)}
                    </a>
                  </td>
                  <td>{j.file_name}</td>
                  <td>{j.provider}</td>
                  <td>
                    {t(`status_${j.status}`)}
                    {j.dry_run ? ` (${t('dryRun')})` : ''}
                  </td>
                  <td>{formatNumber(j.counts?.inserted ?? 0, lang)}</td>
                  <td>{formatNumber(j.counts?.rejected ?? 0, lang)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ) : null}
    </section>
  );
}
