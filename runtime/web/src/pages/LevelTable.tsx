/**
 * A level's records as a table: server-side pagination, sort by clicking a header (again to reverse),
 * one filter per column shaped by its type (ColumnFilter.tsx, sent as the API's typed filters), kept in
 * the URL (table-state.ts) so Back restores them. `parent` restricts it to the children of one record.
 * The column naming the record comes first and every cell links to it; the export menu (ExportMenu.tsx)
 * carries the same filters.
 */
import { useEffect, useMemo, useState } from 'react';
import { ApiError, api, type Json, type LevelForms, levelUrl, type Page } from '../api.ts';
import { formatNumber, formatValue } from '../format.ts';
import { useT } from '../i18n.tsx';
import { nameColumn } from '../record-label.ts';
import { onLink } from '../router.ts';
import { useReferenceNames } from '../use-reference-names.ts';
import { ColumnFilter } from './ColumnFilter.tsx';
import { ExportMenu } from './ExportMenu.tsx';
import { apiQuery, readTableState, type TableState, writeTableState } from './table-state.ts';
import { announceTableState } from './table-state-events.ts';
import { StatusFilter, StatusLabel, VALIDATION_STATUS } from './ValidationPanel.tsx';

const PAGE_SIZE = 20;

export interface ParentFilter {
  readonly level: string;
  readonly id: string;
}

export function LevelTable(props: {
  module: string;
  level: string;
  forms: LevelForms;
  parent?: ParentFilter;
  /** The level has a geometry: offer its GeoJSON too. */
  geometry?: boolean;
}) {
  const { t, label, lang } = useT();
  const { module, level, forms } = props;
  // Primitive deps: a parent object rebuilt by each render of the caller must not refetch.
  const parentLevel = props.parent?.level;
  const parentId = props.parent?.id;
  const [state, setState] = useState<TableState>(() => readTableState(level, location.search));
  const { page, sort, filters } = state;
  const [data, setData] = useState<Page | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const search = writeTableState(level, location.search, state);
    if (search !== location.search) history.replaceState(history.state, '', `${location.pathname}${search}`);
    announceTableState(level); // the map follows the same filters
    const query = apiQuery(state, { level: parentLevel, id: parentId }, { pageSize: PAGE_SIZE });
    api
      .get<Page>(`${levelUrl(module, level)}?${query}`)
      .then((p) => {
        setData(p);
        setError(null);
      })
      .catch((e: unknown) => setError(e instanceof ApiError ? e.message : String(e)));
  }, [module, level, state, parentLevel, parentId]);

  useReferenceNames(data?.items ?? null, forms, module);

  // The naming column first: an observation reads by its taxon, not by its "Oui".
  const columns = useMemo(() => {
    const first = nameColumn(forms);
    return [...forms.columns].sort((a, b) => Number(b.key === first) - Number(a.key === first));
  }, [forms]);
  const setPage = (p: number) => setState((s) => ({ ...s, page: p }));
  const toggleSort = (key: string) =>
    setState((s) => ({ ...s, sort: s.sort === key ? `-${key}` : key, page: 1 }));
  const setFilter = (param: string, value: string) =>
    setState((s) => ({ ...s, filters: { ...s.filters, [param]: value }, page: 1 }));
  const exportQuery = String(apiQuery(state, { level: parentLevel, id: parentId }));
  const pages = data ? Math.max(1, Math.ceil(data.total / PAGE_SIZE)) : 1;
  // Past a capped total the page count is unknown: "next" stays on while pages come back full.
  const capped = data?.total_exact === false;
  const hasNext = capped ? data.items.length === PAGE_SIZE : page < pages;
  const total = `${formatNumber(data?.total ?? 0, lang)}${capped ? '+' : ''}`;
  return (
    <div className="level-table">
      <table data-testid={`table-${level}`}>
        <thead>
          <tr>
            {columns.map((c) => (
              <th key={c.key}>
                <button type="button" className="sort" onClick={() => toggleSort(c.key)}>
                  {label(c.label)}
                  {sort === c.key ? ' ▲' : sort === `-${c.key}` ? ' ▼' : ''}
                </button>
              </th>
            ))}
          </tr>
          <tr className="filters">
            {columns.map((c) => (
              <th key={c.key} data-label={label(c.label)}>
                {c.key === VALIDATION_STATUS ? (
                  <StatusFilter
                    title={label(c.label)}
                    value={filters[VALIDATION_STATUS] ?? ''}
                    onChange={(v) => setFilter(VALIDATION_STATUS, v)}
                  />
                ) : null}
                <ColumnFilter
                  module={module}
                  column={c.key}
                  title={label(c.label)}
                  property={(forms.schema.properties as Record<string, Json> | undefined)?.[c.key]}
                  ui={forms.ui[c.key] as Json | undefined}
                  values={filters}
                  onChange={setFilter}
                />
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {(data?.items ?? []).map((row) => {
            const href = `/m/${module}/${level}/${String(row.id)}`;
            return (
              <tr key={String(row.id)}>
                {columns.map((c, i) => {
                  const text =
                    c.key === VALIDATION_STATUS ? (
                      <StatusLabel code={row[c.key]} />
                    ) : (
                      formatValue(c.key, row[c.key], forms.schema, forms.ui, lang)
                    );
                  return (
                    // On a phone each row is a card and each cell says its column (styles.css).
                    // Every cell opens the record; only the first is a tab stop, the others repeat it.
                    <td key={c.key} data-label={label(c.label)}>
                      {text || i === 0 ? (
                        <a
                          href={href}
                          onClick={(e) => onLink(e, href)}
                          {...(i === 0 ? {} : { tabIndex: -1 })}
                        >
                          {text || '—'}
                        </a>
                      ) : null}
                    </td>
                  );
                })}
              </tr>
            );
          })}
        </tbody>
      </table>
      {error ? <p className="text-danger">{error}</p> : null}
      {data && data.items.length === 0 ? <p className="hint">{t('empty')}</p> : null}
      <div className="pager">
        <button type="button" disabled={page <= 1} onClick={() => setPage(page - 1)}>
          {t('previous')}
        </button>
        <span>
          {page} / {capped ? `${pages}+` : pages} — {total} {t('total')}
        </span>
        <button type="button" disabled={!hasNext} onClick={() => setPage(page + 1)}>
          {t('next')}
        </button>
      </div>
      <ExportMenu
        module={module}
        level={level}
        query={exportQuery}
        geometry={props.geometry ?? false}
        total={data?.total ?? 0}
        exact={data?.total_exact ?? true}
      />
    </div>
  );
}
