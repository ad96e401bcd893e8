/**
 * A table's sort, filters and page kept in the page's URL, so Back (or a shared link) restores them.
 * Each table owns the parameters prefixed by its level (`observation.sort`, `observation.cd_nom`): a
 * record page shows several child tables, each keeping its own. Written with replaceState, one history
 * entry per page rather than per keystroke.
 */

export interface TableState {
  readonly page: number;
  readonly sort: string | null;
  /** API filter parameters (`field`, `field[gte]`…) and their values. */
  readonly filters: Readonly<Record<string, string>>;
}

const PAGE = 'page';
const SORT = 'sort';

export function readTableState(level: string, search: string): TableState {
  const prefix = `${level}.`;
  const filters: Record<string, string> = {};
  let page = 1;
  let sort: string | null = null;
  for (const [name, value] of new URLSearchParams(search)) {
    if (!name.startsWith(prefix)) continue;
    const key = name.slice(prefix.length);
    if (key === PAGE) page = /^\d{1,6}$/.test(value) && Number(value) > 0 ? Number(value) : 1;
    else if (key === SORT) sort = value || null;
    else if (key !== '') filters[key] = value;
  }
  return { page, sort, filters };
}

/** `search` with the level's parameters replaced by `state` (defaults and empty filters left out). */
export function writeTableState(level: string, search: string, state: TableState): string {
  const prefix = `${level}.`;
  const params = new URLSearchParams(search);
  for (const name of [...params.keys()]) if (name.startsWith(prefix)) params.delete(name);
  if (state.sort) params.set(prefix + SORT, state.sort);
  for (const [k, v] of Object.entries(state.filters)) if (v.trim()) params.set(prefix + k, v.trim());
  if (state.page > 1) params.set(prefix + PAGE, String(state.page));
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** The API query of the table's state: its filters and sort, the parent's link, and paging when asked. */
export function apiQuery(
  state: TableState,
  parent: { level?: string | undefined; id?: string | undefined },
  paging?: { readonly pageSize: number },
): URLSearchParams {
  const query = new URLSearchParams();
  if (paging) {
    query.set('page', String(state.page));
    query.set('page_size', String(paging.pageSize));
  }
  if (state.sort) query.set('sort', state.sort);
  if (parent.level && parent.id) query.set(`${parent.level}_id`, parent.id);
  for (const [k, v] of Object.entries(state.filters)) if (v.trim()) query.set(k, v.trim());
  return query;
}
