/**
 * A level's records as a table: server-side pagination, sort by clicking a header (again to reverse),
 * one filter box per column (sent as the API's typed `field=value` filters). `parent` restricts it to
 * the children of one record.
 */
import { useEffect, useState } from 'react';
import { ApiError, api, type LevelForms, levelUrl, type Page } from '../api.ts';
import { formatValue } from '../format.ts';
import { useT } from '../i18n.tsx';
import { onLink } from '../router.ts';
import { StatusLabel, VALIDATION_STATUS } from './ValidationPanel.tsx';

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
}) {
  const { t, label } = useT();
  const { module, level, forms } = props;
  // Primitive deps: a parent object rebuilt by each render of the caller must not refetch.
  const parentLevel = props.parent?.level;
  const parentId = props.parent?.id;
  const [page, setPage] = useState(1);
  const [sort, setSort] = useState<string | null>(null);
  const [filters, setFilters] = useState<Record<string, string>>({});
  const [draft, setDraft] = useState<Record<string, string>>({});
  const [data, setData] = useState<Page | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const query = new URLSearchParams({ page: String(page), page_size: String(PAGE_SIZE) });
    if (sort) query.set('sort', sort);
    if (parentLevel && parentId) query.set(`${parentLevel}_id`, parentId);
    for (const [k, v] of Object.entries(filters)) if (v.trim()) query.set(k, v.trim());
    api
      .get<Page>(`${levelUrl(module, level)}?${query}`)
      .then((p) => {
        setData(p);
        setError(null);
      })
      .catch((e: unknown) => setError(e instanceof ApiError ? e.message : String(e)));
  }, [module, level, page, sort, filters, parentLevel, parentId]);

  const toggleSort = (key: string) => {
    setSort(sort === key ? `-${key}` : key);
    setPage(1);
  };
  const pages = data ? Math.max(1, Math.ceil(data.total / PAGE_SIZE)) : 1;
  return (
    <div className="level-table">
      <table data-testid={`table-${level}`}>
        <thead>
          <tr>
            {forms.columns.map((c) => (
              <th key={c.key}>
                <button type="button" className="sort" onClick={() => toggleSort(c.key)}>
                  {label(c.label)}
                  {sort === c.key ? ' ▲' : sort === `-${c.key}` ? ' ▼' : ''}
                </button>
              </th>
            ))}
          </tr>
          <tr className="filters">
            {forms.columns.map((c) => (
              <th key={c.key}>
                <input
                  aria-label={`${t('filter')} ${label(c.label)}`}
                  placeholder={t('filter')}
                  value={draft[c.key] ?? ''}
                  onChange={(e) => setDraft({ ...draft, [c.key]: e.target.value })}
                  onKeyDown={(e) => {
                    if (e.key === 'Enter') {
                      setFilters(draft);
                      setPage(1);
                    }
                  }}
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
                {forms.columns.map((c, i) => {
                  const text =
                    c.key === VALIDATION_STATUS ? (
                      <StatusLabel code={row[c.key]} />
                    ) : (
                      formatValue(c.key, row[c.key], forms.schema, forms.ui)
                    );
                  return (
                    <td key={c.key}>
                      {i === 0 ? (
                        <a href={href} onClick={(e) => onLink(e, href)}>
                          {text || '—'}
                        </a>
                      ) : (
                        text
                      )}
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
          {page} / {pages} — {data?.total ?? 0} {t('total')}
        </span>
        <button type="button" disabled={page >= pages} onClick={() => setPage(page + 1)}>
          {t('next')}
        </button>
      </div>
    </div>
  );
}
