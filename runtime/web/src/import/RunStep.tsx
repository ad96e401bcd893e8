/**
 * Dry run, fix, run: the template is checked against the file's columns, saved (a new version each
 * time), tried without writing anything — the problems per row and field show what to fix, in the
 * previous steps — then run for real, which opens the job's page.
 */
import { useEffect, useState } from 'react';
import { api } from '../api.ts';
import { useT } from '../i18n.tsx';
import { navigate } from '../router.ts';
import { StepButtons } from './ColumnsStep.tsx';
import {
  type ImportTemplate,
  type Inspection,
  startJob,
  TEMPLATES,
  type TemplateDetail,
  type UploadedFile,
} from './import-api.ts';
import { useImportT } from './import-i18n.ts';
import { JobSummary } from './JobSummary.tsx';
import { Problems } from './Problems.tsx';
import { useJob } from './use-job.ts';

type Mode = 'insert' | 'upsert' | 'replace';
type Atomicity = 'valid_rows' | 'all_or_nothing';

export interface SavedTemplate {
  readonly id: string;
  readonly version: number;
}

export function RunStep(props: {
  template: ImportTemplate;
  file: UploadedFile;
  inspection: Inspection;
  saved?: SavedTemplate;
  onSaved(saved: SavedTemplate): void;
  onFix(): void;
  onBack(): void;
}) {
  const t = useImportT();
  const { colon } = useT();
  const [mode, setMode] = useState<Mode>('insert');
  const [atomicity, setAtomicity] = useState<Atomicity>('valid_rows');
  const [checkError, setCheckError] = useState<unknown>();
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const [savedNote, setSavedNote] = useState<string>();
  const [dryRunId, setDryRunId] = useState<string>();
  const dry = useJob(dryRunId);
  const { template, saved } = props;

  useEffect(() => {
    let live = true;
    api
      .post<{ ok: boolean; problems: { path: string; code: string; message: string }[] }>(
        `${TEMPLATES}/check`,
        {
          template,
          columns: props.inspection.columns,
        },
      )
      .then(
        (r) =>
          live && setCheckError(r.ok ? undefined : Object.assign(new Error(''), { problems: r.problems })),
        (e) => live && setCheckError(e),
      );
    return () => {
      live = false;
    };
  }, [template, props.inspection.columns]);

  const save = async (): Promise<SavedTemplate> => {
    const detail = saved
      ? await api.post<TemplateDetail>(`${TEMPLATES}/${saved.id}/versions`, {
          template,
          base_version: saved.version,
        })
      : await api.post<TemplateDetail>(TEMPLATES, { template });
    const next = { id: detail.template.id, version: detail.template.current_version };
    props.onSaved(next);
    setSavedNote(t('templateSaved', { n: next.version }));
    return next;
  };
  const act = (work: () => Promise<void>) => async () => {
    setBusy(true);
    setError(undefined);
    try {
      await work();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const launch = async (dryRun: boolean, version = saved) => {
    const { job } = await startJob({
      file_id: props.file.id,
      template,
      ...(version ? { template_id: version.id, template_version: version.version } : {}),
      mode,
      atomicity,
      dry_run: dryRun,
    });
    return job;
  };
  const problems =
    checkError && typeof checkError === 'object' && 'problems' in checkError
      ? (checkError.problems as { path: string; code: string; message: string }[])
      : undefined;
  const dryDone = dry.detail && !['queued', 'running'].includes(dry.detail.job.status);
  return (
    <section aria-labelledby="run-title">
      <h3 id="run-title">{t('stepRun')}</h3>
      {problems ? (
        <Problems
          title={t('templateProblems')}
          error={Object.assign(new Error(''), { problems, status: 422 })}
        />
      ) : (
        <Problems error={checkError} />
      )}
      <div className="import-form">
        <label>
          {t('mode')}
          <select value={mode} onChange={(e) => setMode(e.target.value as Mode)}>
            {(['insert', 'upsert', 'replace'] as const).map((m) => (
              <option key={m} value={m}>
                {t(`mode_${m}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('atomicity')}
          <select value={atomicity} onChange={(e) => setAtomicity(e.target.value as Atomicity)}>
            {(['valid_rows', 'all_or_nothing'] as const).map((a) => (
              <option key={a} value={a}>
                {t(`atomicity_${a}`)}
              </option>
            ))}
          </select>
        </label>
      </div>
      <div className="import-actions">
        <button type="button" disabled={busy} onClick={act(async () => void (await save()))}>
          {saved ? t('saveVersion') : t('saveTemplate')}
        </button>
        <button
          type="button"
          disabled={busy || !!problems}
          onClick={act(async () => setDryRunId((await launch(true)).id))}
          aria-describedby="dry-hint"
        >
          {t('dryRun')}
        </button>
        <button
          type="button"
          className="primary"
          disabled={busy || !!problems}
          onClick={act(async () => {
            // A real import names the template version it ran with: save the template first if it is new.
            const job = await launch(false, saved ?? (await save()));
            navigate(`/import/jobs/${job.id}`);
          })}
        >
          {t('run')}
        </button>
      </div>
      <p id="dry-hint" className="hint">
        {t('dryRun')}
        {colon}
        {t('dryRunHint')}
      </p>
      {savedNote ? <p role="status">{savedNote}</p> : null}
      <Problems error={error ?? dry.error} />
      {dry.detail ? (
        <div className="dry-run" aria-live="polite">
          {dryDone ? <p role="status">{t('dryRunDone')}</p> : null}
          <JobSummary job={dry.detail.job} problems={dry.detail.problems} total={dry.detail.problems_total} />
          {dryDone && dry.detail.problems_total > 0 ? (
            <button type="button" onClick={props.onFix}>
              {t('fixTemplate')}
            </button>
          ) : null}
        </div>
      ) : null}
      <StepButtons onBack={props.onBack} />
    </section>
  );
}
