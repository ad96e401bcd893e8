/**
 * A level's records as a table: server-side pagination, sort by clicking a header (again to reverse),
 * one filter per column shaped by its type (ColumnFilter.tsx, sent as the API's typed filters). `parent` restricts it to
 * the children of one record.
 */
import { useEffect, useState } from 'react';
import { ApiError, api, type Json, type LevelForms, levelUrl, type Page } from '../api.ts';
import { formatValue } from '../format.ts';
import { useT } from '../i18n.tsx';
import { onLink } from '../router.ts';
import { useReferenceNames } from '../use-reference-names.ts';
import { ColumnFilter } from './ColumnFilter.tsx';
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
  const { t, label, lang } = useT();
  const { module, level, forms } = props;
  // Primitive deps: a parent object rebuilt by each render of the caller must not refetch.
  const parentLevel = props.parent?.level;
  const parentId = props.parent?.id;
  const [page, setPage] = useState(1);
  const [sort, setSort] = useState<string | null>(null);
  const [filters, setFilters] = useState<Record<string, string>>({});
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

  useReferenceNames(data?.items ?? null, forms, module);

  const toggleSort = (key: string) => {
    setSort(sort === key ? `-${key}` : key);
    setPage(1);
  };
  const pages = data ? Math.max(1, Math.ceil(data.total / PAGE_SIZE)) : 1;
  // Past a capped total the page count is unknown: "next" stays on while pages come back full.
  const capped = data?.total_exact === false;
  const hasNext = capped ? data.items.length === PAGE_SIZE : page < pages;
  const total = `${(data?.total ?? 0).toLocaleString(lang === 'fr' ? 'fr-FR' : 'en-GB')}${capped ? '+' : ''}`;
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
              <th key={c.key} data-label={label(c.label)}>
                <ColumnFilter
                  module={module}
                  column={c.key}
                  title={label(c.label)}
                  property={(forms.schema.properties as Record<string, Json> | undefined)?.[c.key]}
                  ui={forms.ui[c.key] as Json | undefined}
                  values={filters}
                  onChange={(param, value) => {
                    setFilters((f) => ({ ...f, [param]: value }));
                    setPage(1);
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
                    // On a phone each row is a card and each cell says its column (styles.css).
                    <td key={c.key} data-label={label(c.label)}>
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
          {page} / {capped ? `${pages}+` : pages} — {total} {t('total')}
        </span>
        <button type="button" disabled={!hasNext} onClick={() => setPage(page + 1)}>
          {t('next')}
        </button>
      </div>
    </div>
  );
}
