/**
 * Upload: the file goes to the engine (/api/import/files), which reads it and answers what it found —
 * format, encoding, delimiter, sheets, columns, first rows. Each reading option can be changed and the
 * file read again (another sheet, another encoding) without sending it twice.
 */
import { useState } from 'react';
import { ApiError } from '../api.ts';
import { formatDate } from '../format.ts';
import { useT } from '../i18n.tsx';
import { onLink } from '../router.ts';
import { type Inspection, inspectFile, type UploadedFile, uploadFile } from './import-api.ts';
import { useImportT } from './import-i18n.ts';
import { PreviewTable } from './PreviewTable.tsx';
import { Problems } from './Problems.tsx';

const DELIMITERS = [';', ',', '\t', '|'];
const delimiterName = (d: string) => (d === '\t' ? 'tab' : d);

export function UploadStep(props: {
  file?: UploadedFile;
  inspection?: Inspection;
  onRead(file: UploadedFile, inspection: Inspection): void;
  onNext(): void;
}) {
  const t = useImportT();
  const { lang, colon } = useT();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const { file, inspection } = props;
  const source = inspection?.source;
  const reread = async (change: Record<string, unknown>) => {
    if (!file || !source) return;
    setBusy(true);
    setError(undefined);
    try {
      const { inspection: again } = await inspectFile(file.id, { ...source, ...change });
      props.onRead(file, again);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <section aria-labelledby="upload-title">
      <h3 id="upload-title">{t('stepUpload')}</h3>
      <label className="import-file">
        {t('chooseFile')}
        <input
          type="file"
          accept=".csv,.txt,.tsv,.xlsx,.geojson,.json"
          disabled={busy}
          onChange={async (e) => {
            const chosen = e.target.files?.[0];
            if (!chosen) return;
            setBusy(true);
            setError(undefined);
            try {
              const sent = await uploadFile(chosen);
              props.onRead(sent.file, sent.inspection);
            } catch (err) {
              setError(err instanceof ApiError && err.status === 404 ? new Error(t('engineMissing')) : err);
            } finally {
              setBusy(false);
            }
          }}
        />
      </label>
      {busy ? <p role="status">{t('uploading')}</p> : null}
      <Problems error={error} />
      {file && file.earlier_jobs.length > 0 ? (
        <div className="notice" role="note">
          {t('alreadyImported')}{' '}
          {file.earlier_jobs.map((j) => (
            <a key={j.id} href={`/import/jobs/${j.id}`} onClick={(e) => onLink(e, `/import/jobs/${j.id}`)}>
              {formatDate(j.created_at, lang)} ({j.module_code})
            </a>
          ))}
        </div>
      ) : null}
      {source && inspection ? (
        <>
          <div className="import-source">
            <span>
              {t('format')}
              {colon}
              <strong>{source.format.toUpperCase()}</strong>
            </span>
            {source.format === 'csv' ? (
              <>
                <label>
                  {t('encoding')}
                  <select
                    value={source.encoding ?? 'utf-8'}
                    onChange={(e) => void reread({ encoding: e.target.value })}
                  >
                    <option value="utf-8">UTF-8</option>
                    <option value="windows-1252">Windows-1252 / Latin-1</option>
                  </select>
                </label>
                <label>
                  {t('delimiter')}
                  <select
                    value={source.delimiter ?? ','}
                    onChange={(e) => void reread({ delimiter: e.target.value })}
                  >
                    {DELIMITERS.map((d) => (
                      <option key={d} value={d}>
                        {delimiterName(d)}
                      </option>
                    ))}
                  </select>
                </label>
              </>
            ) : null}
            {inspection.sheets && inspection.sheets.length > 0 ? (
              <label>
                {t('sheet')}
                <select
                  value={source.sheet ?? inspection.sheets[0]}
                  onChange={(e) => void reread({ sheet: e.target.value })}
                >
                  {inspection.sheets.map((s) => (
                    <option key={s}>{s}</option>
                  ))}
                </select>
              </label>
            ) : null}
            {source.format !== 'geojson' ? (
              <label>
                {t('headerRow')}
                <input
                  type="number"
                  min={1}
                  value={source.header_row ?? 1}
                  onChange={(e) => void reread({ header_row: Math.max(1, Number(e.target.value) || 1) })}
                />
              </label>
            ) : null}
          </div>
          <PreviewTable columns={inspection.columns} rows={inspection.preview} />
          <div className="import-actions">
            <button
              type="button"
              className="primary"
              onClick={props.onNext}
              disabled={busy || inspection.columns.length === 0}
            >
              {t('next')}
            </button>
          </div>
        </>
      ) : null}
    </section>
  );
}
