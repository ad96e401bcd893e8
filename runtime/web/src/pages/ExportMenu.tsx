/**
 * The export menu of a table: format (CSV, GeoJSON, XLSX, GeoPackage), codes or labels, headers'
 * language, CSV separator and byte-order mark, the whole tree. A small export is a plain download
 * link (the server streams it); a large one (more rows than DIRECT_MAX, or asked) starts a job whose
 * progress bar polls the server until its download link appears. The table's filters go with it.
 */
import { useEffect, useState } from 'react';
import { ApiError, api } from '../api.ts';
import { formatNumber } from '../format.ts';
import { useT } from '../i18n.tsx';
import { useExportT } from './export-i18n.ts';

/** Above this many rows the menu proposes a job rather than a direct download. */
export const DIRECT_MAX = 10_000;
const POLL_MS = 1000;

type Format = 'csv' | 'geojson' | 'xlsx' | 'gpkg';

interface Job {
  readonly id: string;
  readonly status: 'queued' | 'running' | 'done' | 'failed' | 'expired';
  readonly rows_done: number;
  readonly rows_total: number | null;
  readonly error: string | null;
  readonly download: string | null;
}

export function ExportMenu(props: {
  module: string;
  level: string;
  /** The table's filters, as its list query string (page and page size left out). */
  query: string;
  /** The level has a geometry (GeoJSON is offered). */
  geometry?: boolean;
  /** The rows the table counts, and whether that count is exact. */
  total?: number;
  exact?: boolean;
}) {
  const e = useExportT();
  const { lang } = useT();
  const [format, setFormat] = useState<Format>('csv');
  const [values, setValues] = useState<'codes' | 'labels'>('codes');
  const [headers, setHeaders] = useState<'columns' | 'fr' | 'en'>(lang === 'fr' ? 'fr' : 'en');
  const [separator, setSeparator] = useState<',' | ';'>(lang === 'fr' ? ';' : ',');
  const [bom, setBom] = useState(lang === 'fr');
  const [tree, setTree] = useState(true);
  const large = props.exact === false || (props.total ?? 0) > DIRECT_MAX;
  const [background, setBackground] = useState(large);
  const [job, setJob] = useState<Job | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => setBackground(large), [large]);

  const filters = Object.fromEntries(
    [...new URLSearchParams(props.query)].filter(([k]) => k !== 'page' && k !== 'page_size' && k !== 'sort'),
  );
  const options = {
    format,
    level: props.level,
    values,
    headers,
    ...(format === 'csv' ? { separator, bom: bom ? '1' : '0' } : {}),
    tree: tree ? '1' : '0',
  };
  const directUrl = `/api/exports/${encodeURIComponent(props.module)}?${new URLSearchParams({ ...options, ...filters })}`;

  useEffect(() => {
    if (!job || job.status === 'done' || job.status === 'failed' || job.status === 'expired') return;
    const timer = setTimeout(() => {
      api
        .get<Job>(`/api/export-jobs/${job.id}`)
        .then(setJob)
        .catch((x: unknown) => setError(x instanceof ApiError ? x.message : String(x)));
    }, POLL_MS);
    return () => clearTimeout(timer);
  }, [job]);

  const start = () => {
    setError(null);
    api
      .post<Job>(`/api/exports/${encodeURIComponent(props.module)}/jobs`, {
        ...options,
        bom,
        tree,
        filters,
      })
      .then(setJob)
      .catch((x: unknown) => setError(x instanceof ApiError ? x.message : String(x)));
  };

  const id = (name: string) => `export-${props.level}-${name}`;
  const choice = <T extends string>(name: string, value: T, set: (v: T) => void, items: readonly T[]) => (
    <label htmlFor={id(name)}>
      {e(name as never)}
      <select id={id(name)} value={value} onChange={(ev) => set(ev.target.value as T)}>
        {items.map((item) => (
          <option key={item} value={item}>
            {item === ',' ? e('comma') : item === ';' ? e('semicolon') : e(item as never)}
          </option>
        ))}
      </select>
    </label>
  );
  const formats: readonly Format[] = props.geometry
    ? ['csv', 'geojson', 'xlsx', 'gpkg']
    : ['csv', 'xlsx', 'gpkg'];
  return (
    <details className="export-menu" data-testid={`export-menu-${props.level}`}>
      <summary>{e('export')}</summary>
      <div className="export-options">
        {choice('format', format, setFormat, formats)}
        {choice('values', values, setValues, ['codes', 'labels'] as const)}
        {choice('headers', headers, setHeaders, ['columns', 'fr', 'en'] as const)}
        {format === 'csv' ? choice('separator', separator, setSeparator, [',', ';'] as const) : null}
        {format === 'csv' ? (
          <label className="check">
            <input type="checkbox" checked={bom} onChange={(ev) => setBom(ev.target.checked)} /> {e('bom')}
          </label>
        ) : null}
        <label className="check">
          <input type="checkbox" checked={tree} onChange={(ev) => setTree(ev.target.checked)} /> {e('tree')}
        </label>
        <label className="check">
          <input
            type="checkbox"
            checked={background}
            onChange={(ev) => setBackground(ev.target.checked)}
            data-testid={id('background')}
          />{' '}
          {e('background')}
        </label>
        <p className="hint">{e('filtersApply')}</p>
        {background ? (
          <button type="button" onClick={start} data-testid={id('start')}>
            {e('start')}
          </button>
        ) : (
          <a className="button" href={directUrl} download data-testid={id('download')}>
            {e('download')}
          </a>
        )}
        {job ? <JobStatus job={job} lang={lang} /> : null}
        {error ? <p className="text-danger">{error}</p> : null}
      </div>
    </details>
  );
}

function JobStatus({ job, lang }: { job: Job; lang: 'fr' | 'en' }) {
  const e = useExportT();
  const n = (v: number) => formatNumber(v, lang);
  if (job.status === 'done' && job.download)
    return (
      <a className="button" href={job.download} download data-testid="export-job-download">
        {e('ready', { rows: n(job.rows_done) })}
      </a>
    );
  if (job.status === 'failed')
    return <p className="text-danger">{e('failed', { error: job.error ?? '' })}</p>;
  if (job.status === 'expired') return <p className="hint">{e('expired')}</p>;
  const total = job.rows_total ?? 0;
  return (
    <p className="export-progress" data-testid="export-job-progress">
      <progress
        value={job.rows_done}
        max={Math.max(1, total)}
        aria-label={e('running', { done: n(job.rows_done), total: n(total) })}
      />
      <span>
        {job.status === 'queued' ? e('queued') : e('running', { done: n(job.rows_done), total: n(total) })}
      </span>
    </p>
  );
}
