/**
 * The table writes its state into the URL with replaceState, which fires no event: it announces each
 * change here, and the map (or anything else showing the same records) follows the same filters.
 */
import { useEffect, useState } from 'react';
import { readTableState } from './table-state.ts';

const EVENT = 'suivi:table-state';

/** Called by a table after it wrote its state into the URL. */
export function announceTableState(level: string): void {
  window.dispatchEvent(new CustomEvent(EVENT, { detail: level }));
}

/** The filters of `level`'s table as the URL holds them, kept current (table changes, Back). */
export function useTableFilters(level: string): Readonly<Record<string, string>> {
  const read = () => readTableState(level, location.search).filters;
  const [filters, setFilters] = useState(read);
  useEffect(() => {
    const update = () => {
      const next = readTableState(level, location.search).filters;
      setFilters((current) => (JSON.stringify(current) === JSON.stringify(next) ? current : next));
    };
    window.addEventListener(EVENT, update);
    window.addEventListener('popstate', update);
    return () => {
      window.removeEventListener(EVENT, update);
      window.removeEventListener('popstate', update);
    };
  }, [level]);
  return filters;
}
