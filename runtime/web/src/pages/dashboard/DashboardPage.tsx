/**
 * /dashboard/<module>: the module's figures (GET /api/dashboards/<module>, read from materialized
 * views): totals, bars per month, season, validation status and each dimension, a table per site, the
 * import jobs when the instance has them. Administrators pick an organisation; other readers see their
 * organisation's figures, as their read scope allows. Loaded as its own chunk (uPlot with it).
 */
import { useEffect, useMemo, useState } from 'react';
import { api, type Labels, type ModuleSummary } from '../../api.ts';
import { useAccount } from '../../auth.tsx';
import { formatDate, formatMonth, formatNumber } from '../../format.ts';
import { useT } from '../../i18n.tsx';
import { usePageTitle } from '../../page-title.ts';
import { onLink } from '../../router.ts';
import { useStatuses } from '../ValidationPanel.tsx';
import { type Bar, BarChart } from './BarChart.tsx';
import './dashboard.css';
import { type DashboardKey, useDashboardT } from './dashboard-i18n.ts';

interface Descriptor {
  readonly levelLabel: Labels;
  readonly site?: { readonly label: Labels };
  readonly dimensions: readonly {
    field: string;
    label: Labels;
    values: readonly { code: string; label: Labels }[];
  }[];
  readonly measures: readonly { field: string; label: Labels; unit?: string }[];
}
interface Figures {
  readonly total: number;
  readonly richness: number;
  readonly months: readonly { month: string | null; records: number }[];
  readonly statuses: readonly { status: string | null; records: number }[];
  readonly dimensions: readonly { field: string; value: string | null; records: number }[];
  readonly sites: readonly {
    site_id: string | null;
    site_label: string | null;
    records: number;
    richness: number;
  }[];
  readonly sums: Record<string, number | null>;
}
interface ImportJob {
  readonly level_key: string;
  readonly file_name: string;
  readonly status: string;
  readonly rows_read: number;
  readonly inserted: number;
  readonly updated: number;
  readonly rejected: number;
  readonly skipped: number;
  readonly created_at: string;
}
interface Dashboard {
  readonly descriptor: Descriptor;
  readonly scope: { kind: 'all' } | { kind: 'organisation'; id: string | null };
  readonly figures: Figures;
  readonly imports?: readonly ImportJob[];
}

/** Meteorological seasons of the northern hemisphere, by month number. */
const SEASONS: readonly DashboardKey[] = ['winter', 'spring', 'summer', 'autumn'];
const seasonOf = (month: string) => SEASONS[Math.floor((Number(month.slice(5, 7)) % 12) / 3)] as DashboardKey;

function OrganisationFilter(props: { value: string; onChange: (id: string) => void }) {
  const d = useDashboardT();
  const [organisations, setOrganisations] = useState<readonly { id: string; name: string }[]>([]);
  useEffect(() => {
    void api
      .get<{ organisations: { id: string; name: string }[] }>('/api/admin/organisations')
      .then((r) => setOrganisations(r.organisations));
  }, []);
  return (
    <label className="dash-filter">
      {d('organisation')}{' '}
      <select value={props.value} onChange={(e) => props.onChange(e.target.value)}>
        <option value="">{d('allOrganisations')}</option>
        {organisations.map((o) => (
          <option key={o.id} value={o.id}>
            {o.name}
          </option>
        ))}
      </select>
    </label>
  );
}

export function DashboardPage(props: { module: ModuleSummary }) {
  const { t, label, lang } = useT();
  const d = useDashboardT();
  const account = useAccount();
  const statuses = useStatuses();
  const [organisation, setOrganisation] = useState('');
  const [data, setData] = useState<Dashboard | null>(null);
  const [error, setError] = useState<string | null>(null);
  const code = props.module.code;
  usePageTitle(d('dashboard'), label(props.module.label));
  useEffect(() => {
    const query = organisation ? `?organisation=${encodeURIComponent(organisation)}` : '';
    api
      .get<Dashboard>(`/api/dashboards/${encodeURIComponent(code)}${query}`)
      .then((r) => {
        setData(r);
        setError(null);
      })
      .catch((e: Error) => setError(e.message));
  }, [code, organisation]);

  const charts = useMemo(() => {
    if (!data) return null;
    const f = data.figures;
    const months: Bar[] = f.months.map((m) => ({
      label: m.month ? formatMonth(m.month, lang) : d('noDate'),
      value: m.records,
    }));
    const seasons: Bar[] = SEASONS.map((s) => ({
      label: d(s),
      value: f.months.filter((m) => m.month && seasonOf(m.month) === s).reduce((a, m) => a + m.records, 0),
    }));
    const statusBars: Bar[] = f.statuses.map((s) => {
      const known = statuses.find((x) => x.code === s.status);
      return {
        label: s.status === null ? d('noValue') : known ? label(known.label) : s.status,
        value: s.records,
      };
    });
    const dimensions = data.descriptor.dimensions.map((dim) => ({
      dim,
      bars: f.dimensions
        .filter((x) => x.field === dim.field)
        .map((x) => {
          const value = dim.values.find((v) => v.code === x.value);
          return {
            label: x.value === null ? d('noValue') : value ? label(value.label) : x.value,
            value: x.records,
          };
        }),
    }));
    return { months, seasons, statusBars, dimensions };
  }, [data, lang, statuses, label, d]);

  const back = `/m/${code}/${props.module.levels[0]?.key ?? ''}`;
  return (
    <section className="dashboard">
      <p className="breadcrumb">
        <a href="/" onClick={(e) => onLink(e, '/')}>
          {t('modules')}
        </a>{' '}
        ›{' '}
        <a href={back} onClick={(e) => onLink(e, back)}>
          {label(props.module.label)}
        </a>
      </p>
      <h2>{d('dashboard')}</h2>
      {account?.is_admin ? <OrganisationFilter value={organisation} onChange={setOrganisation} /> : null}
      {data && data.scope.kind === 'organisation' && !account?.is_admin ? (
        <p className="hint">{d('yourOrganisation')}</p>
      ) : null}
      {error ? <p role="alert">{error}</p> : null}
      {!data && !error ? <p>{d('loading')}</p> : null}
      {data && charts ? (
        <>
          <dl className="dash-totals">
            <div>
              <dt>{label(data.descriptor.levelLabel)}</dt>
              <dd>{formatNumber(data.figures.total, lang)}</dd>
            </div>
            <div>
              <dt>{d('richness')}</dt>
              <dd>{formatNumber(data.figures.richness, lang)}</dd>
            </div>
            {data.descriptor.measures.map((m) => (
              <div key={m.field}>
                <dt>{label(m.label)}</dt>
                <dd>
                  {data.figures.sums[m.field] === null || data.figures.sums[m.field] === undefined
                    ? '—'
                    : formatNumber(data.figures.sums[m.field] as number, lang)}
                  {m.unit ? ` ${m.unit}` : ''}
                </dd>
              </div>
            ))}
          </dl>
          <p className="hint">{d('refreshNote')}</p>
          {data.figures.total === 0 ? (
            <p>{d('empty')}</p>
          ) : (
            <div className="dash-grid">
              <BarChart id="dash-months" title={d('perMonth')} column={d('month')} bars={charts.months} />
              <BarChart id="dash-seasons" title={d('perSeason')} column={d('season')} bars={charts.seasons} />
              <BarChart
                id="dash-statuses"
                title={d('perStatus')}
                column={d('status')}
                bars={charts.statusBars}
              />
              {charts.dimensions.map(({ dim, bars }) => (
                <BarChart
                  key={dim.field}
                  id={`dash-dim-${dim.field}`}
                  title={label(dim.label)}
                  column={d('value')}
                  bars={bars}
                />
              ))}
            </div>
          )}
          {data.figures.sites.length > 0 ? (
            // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard
            <section className="dash-table" aria-label={d('perSite')} tabIndex={0}>
              <h3>{d('perSite')}</h3>
              <table>
                <thead>
                  <tr>
                    <th scope="col">
                      {data.descriptor.site ? label(data.descriptor.site.label) : d('site')}
                    </th>
                    <th scope="col">{d('records')}</th>
                    <th scope="col">{d('taxa')}</th>
                  </tr>
                </thead>
                <tbody>
                  {data.figures.sites.map((s) => (
                    <tr key={s.site_id ?? 'none'}>
                      <th scope="row">{s.site_label ?? (s.site_id ? s.site_id.slice(0, 8) : d('noSite'))}</th>
                      <td className="num">{formatNumber(s.records, lang)}</td>
                      <td className="num">{formatNumber(s.richness, lang)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </section>
          ) : null}
          {data.imports && data.imports.length > 0 ? (
            // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard
            <section className="dash-table" aria-label={d('imports')} tabIndex={0}>
              <h3>{d('imports')}</h3>
              <table>
                <thead>
                  <tr>
                    <th scope="col">{d('date')}</th>
                    <th scope="col">{d('file')}</th>
                    <th scope="col">{d('status')}</th>
                    <th scope="col">{d('read')}</th>
                    <th scope="col">{d('inserted')}</th>
                    <th scope="col">{d('updated')}</th>
                    <th scope="col">{d('rejected')}</th>
                    <th scope="col">{d('skipped')}</th>
                  </tr>
                </thead>
                <tbody>
                  {data.imports.map((j) => (
                    <tr key={`${j.created_at} ${j.file_name}`}>
                      <td>{formatDate(j.created_at, lang)}</td>
                      <td>{j.file_name}</td>
                      <td>{j.status}</td>
                      {[j.rows_read, j.inserted, j.updated, j.rejected, j.skipped].map((n, i) => (
                        // biome-ignore lint/suspicious/noArrayIndexKey: fixed columns
                        <td key={i} className="num">
                          {formatNumber(n, lang)}
                        </td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </section>
          ) : null}
        </>
      ) : null}
    </section>
  );
}
